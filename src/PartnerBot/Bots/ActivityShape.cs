using System.Buffers;
using System.Text.Json;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;

namespace PartnerBot.Bots;

/// <summary>
/// The minimum an activity needs before the Bot Framework adapter may see it. The adapter answers some
/// malformed bodies with 400 but throws (a 500) on others, such as an activity without a conversation;
/// a client's mistake deserves a client error that names it.
/// </summary>
public static class ActivityShape
{
    /// <summary>
    /// Teams caps a message at about 28 KB of text plus card data; anything far beyond is not a Teams
    /// activity, and reading it whole would let one request tie up memory and the recognizer.
    /// </summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>
    /// Reads the body into a buffer rented from the shared pool (given back when the result is disposed); null when it
    /// is longer than <see cref="MaxBytes"/>. <paramref name="declaredLength"/> (the Content-Length, when sent) sizes the
    /// first buffer: a turn used to allocate a 16 KB chunk and a growing stream's copies for every request (issue 13).
    /// </summary>
    public static async Task<ActivityBody?> TryReadAsync(Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);

        // One byte more than declared, so the read that finds the end needs no bigger buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(declaredLength is > 0 and <= MaxBytes ? (int)declaredLength + 1 : 4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > MaxBytes)
                {
                    return null;
                }
            }

            var whole = new ActivityBody(buffer, length);
            buffer = null;
            return whole;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Why the body is not an activity the adapter may see, or null when it is one.</summary>
    public static string? Problem(ReadOnlySpan<byte> body)
    {
        // One pass of a reader over the body, keeping only what the checks below need (issue 13: a document of the
        // whole activity and a walk over it cost as much as the SDK's own reading). The answers are the document's:
        // a property given twice counts as its last value, names match after unescaping.
        Fields fields;
        try
        {
            fields = Read(body);
        }
        catch (JsonException)
        {
            return "The body is not JSON (or is not UTF-8, or nests deeper than 64 levels).";
        }

        if (!fields.IsObject)
        {
            return "An activity must be a JSON object.";
        }

        // An escaped lone surrogate (\ud800) is valid JSON but not text: reading it throws, so nothing
        // after this point (nor the bot) may ever see one.
        if (fields.HasInvalidText)
        {
            return "The activity contains a string that is not valid Unicode (a lone surrogate escape).";
        }

        if (!HasText(fields.Type))
        {
            return "The activity has no type.";
        }

        if (!HasText(fields.ChannelId))
        {
            return "The activity has no channelId.";
        }

        if (!HasText(fields.ServiceUrl))
        {
            return "The activity has no serviceUrl.";
        }

        // The adapter builds a connector client from it before the turn; replies go there.
        if (!Uri.TryCreate(fields.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "The activity's serviceUrl is not an http(s) URL.";
        }

        if (!fields.ConversationHasId)
        {
            return "The activity has no conversation id.";
        }

        // Every channel names the bot it addresses; replies are sent from it and mentions are matched to it.
        if (!fields.RecipientHasId)
        {
            return "The activity has no recipient id.";
        }

        if (!fields.FromIsObjectOrNull)
        {
            return "The activity's from must be an object.";
        }

        // Teams channel data is an object; anything else cannot carry a tenant and fails where it is read.
        if (!fields.ChannelDataIsObjectOrNull)
        {
            return "The activity's channelData must be an object.";
        }

        return null;
    }

    private static bool HasText(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>What <see cref="Problem"/> checks, read in one pass.</summary>
    private struct Fields
    {
        public bool IsObject;
        public bool HasInvalidText;
        public string? Type;
        public string? ChannelId;
        public string? ServiceUrl;
        public bool ConversationHasId;
        public bool RecipientHasId;
        public bool FromIsObjectOrNull;
        public bool ChannelDataIsObjectOrNull;
    }

    /// <summary>Which of the activity's own properties the reader is in (its value, or inside it).</summary>
    private enum Top
    {
        Other,
        Type,
        ChannelId,
        ServiceUrl,
        Conversation,
        Recipient,
        From,
        ChannelData,
    }

    private static Fields Read(ReadOnlySpan<byte> body)
    {
        // Depth 64 like the SDK's own serializer default: no real activity nests deeper, and deeper input
        // would only cost stack further down (the SDK's reader has no depth limit at all).
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        var fields = new Fields { FromIsObjectOrNull = true, ChannelDataIsObjectOrNull = true };
        if (!reader.Read())
        {
            throw new JsonException("The body is empty.");
        }

        fields.IsObject = reader.TokenType == JsonTokenType.StartObject;
        var top = Top.Other;
        var idOfTop = false;
        do
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    fields.HasInvalidText |= !IsValidText(ref reader);
                    if (reader.CurrentDepth == 1)
                    {
                        top = NameOf(ref reader);
                        idOfTop = false;
                    }
                    else if (reader.CurrentDepth == 2)
                    {
                        idOfTop = reader.ValueTextEquals("id"u8);
                    }

                    break;
                case JsonTokenType.String:
                    if (!IsValidText(ref reader))
                    {
                        fields.HasInvalidText = true;
                    }
                    else if (reader.CurrentDepth == 1)
                    {
                        Take(ref fields, top, ref reader);
                    }
                    else if (reader.CurrentDepth == 2 && idOfTop)
                    {
                        TakeId(ref fields, top, HasText(reader.GetString()));
                    }

                    break;
                default:
                    if (reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                    {
                        Take(ref fields, top, ref reader);
                    }
                    else if (reader.CurrentDepth == 2 && idOfTop && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                    {
                        // An id that is not a string: no id, as the document's reading says (its last value counts).
                        TakeId(ref fields, top, false);
                    }

                    break;
            }
        }
        while (reader.Read());

        return fields;
    }

    private static Top NameOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("type"u8) ? Top.Type
        : reader.ValueTextEquals("channelId"u8) ? Top.ChannelId
        : reader.ValueTextEquals("serviceUrl"u8) ? Top.ServiceUrl
        : reader.ValueTextEquals("conversation"u8) ? Top.Conversation
        : reader.ValueTextEquals("recipient"u8) ? Top.Recipient
        : reader.ValueTextEquals("from"u8) ? Top.From
        : reader.ValueTextEquals("channelData"u8) ? Top.ChannelData
        : Top.Other;

    /// <summary>A value of the activity's own property <paramref name="top"/>, at the start of the value.</summary>
    private static void Take(ref Fields fields, Top top, ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        var text = token == JsonTokenType.String && top is Top.Type or Top.ChannelId or Top.ServiceUrl ? reader.GetString() : null;
        var isObject = token == JsonTokenType.StartObject;
        switch (top)
        {
            case Top.Type:
                fields.Type = text;
                break;
            case Top.ChannelId:
                fields.ChannelId = text;
                break;
            case Top.ServiceUrl:
                fields.ServiceUrl = text;
                break;
            case Top.Conversation:
                // A new value: an object's id is read inside it; anything else has none.
                fields.ConversationHasId = false;
                break;
            case Top.Recipient:
                fields.RecipientHasId = false;
                break;
            case Top.From:
                fields.FromIsObjectOrNull = isObject || token == JsonTokenType.Null;
                break;
            case Top.ChannelData:
                fields.ChannelDataIsObjectOrNull = isObject || token == JsonTokenType.Null;
                break;
            default:
                break;
        }
    }

    private static void TakeId(ref Fields fields, Top top, bool hasText)
    {
        if (top == Top.Conversation)
        {
            fields.ConversationHasId = hasText;
        }
        else if (top == Top.Recipient)
        {
            fields.RecipientHasId = hasText;
        }
    }

    /// <summary>
    /// The activity as the SDK reads it (its own serializer settings), or why it cannot be read: a field of
    /// the wrong type or format (a number for "from", "yesterday" for "timestamp") is the sender's mistake.
    /// </summary>
    public static (Activity? Activity, string? Problem) Deserialize(ReadOnlyMemory<byte> body)
    {
        try
        {
            // The SDK's serializer reads from a TextReader: the body is decoded once into a pooled char buffer (as a
            // StreamReader would, invalid bytes becoming U+FFFD and a UTF-8 byte order mark skipped) and read where it
            // lies, instead of through a StreamReader's own byte and char buffers made for every request.
            var bytes = body.Span;
            if (bytes.StartsWith(Utf8ByteOrderMark))
            {
                bytes = bytes[Utf8ByteOrderMark.Length..];
            }

            using var text = new PooledTextReader(bytes);
            using var reader = new Newtonsoft.Json.JsonTextReader(text) { MaxDepth = 64, ArrayPool = NewtonsoftCharPool.Instance };
            var activity = HttpHelper.BotMessageSerializer.Deserialize<Activity>(reader);
            return activity is null ? (null, "The body is not an activity.") : (activity, null);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            var path = ex switch
            {
                Newtonsoft.Json.JsonSerializationException s => s.Path,
                Newtonsoft.Json.JsonReaderException r => r.Path,
                _ => null,
            };
            path = path is { Length: > 100 } ? path[..100] + "…" : path;
            return (null, $"The field '{path}' has the wrong type or format.");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or InvalidCastException)
        {
            return (null, "A field of the activity has the wrong type or format.");
        }
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>UTF-8 bytes decoded into a char buffer rented from the shared pool, read like a StringReader.</summary>
    private sealed class PooledTextReader : TextReader
    {
        private char[]? _chars;
        private readonly int _length;
        private int _position;

        public PooledTextReader(ReadOnlySpan<byte> utf8)
        {
            _chars = ArrayPool<char>.Shared.Rent(Math.Max(1, System.Text.Encoding.UTF8.GetMaxCharCount(utf8.Length)));
            _length = System.Text.Encoding.UTF8.GetChars(utf8, _chars);
        }

        private char[] Chars => _chars ?? throw new ObjectDisposedException(nameof(PooledTextReader));

        public override int Peek() => _position < _length ? Chars[_position] : -1;

        public override int Read() => _position < _length ? Chars[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(buffer.Length, _length - _position);
            Chars.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (_chars is not null)
            {
                ArrayPool<char>.Shared.Return(_chars);
                _chars = null;
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>True when the reader's string (a value or a property name) decodes to valid UTF-16 text.</summary>
    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            // Unescaped, it is the UTF-8 bytes themselves: valid UTF-8 cannot encode a surrogate.
            return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
        }

        var length = reader.ValueSpan.Length;
        char[]? rented = null;
        Span<char> chars = length <= 256 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            var written = reader.CopyString(chars);
            return !HasLoneSurrogate(chars[..written]);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // System.Text.Json refuses to decode an escaped lone surrogate.
            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A request body in a buffer rented from the shared pool; dispose it to give the buffer back.</summary>
public sealed class ActivityBody : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    internal ActivityBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlyMemory<byte> Bytes => (_buffer ?? throw new ObjectDisposedException(nameof(ActivityBody))).AsMemory(0, _length);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
