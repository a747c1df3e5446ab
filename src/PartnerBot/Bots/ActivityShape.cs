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

    /// <summary>Copies the body into <paramref name="buffer"/>; false when it is longer than <see cref="MaxBytes"/>.</summary>
    public static async Task<bool> TryReadAsync(Stream body, MemoryStream buffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(buffer);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return false;
            }

            buffer.Write(chunk, 0, read);
        }

        return true;
    }

    /// <summary>Why the body is not an activity the adapter may see, or null when it is one.</summary>
    public static string? Problem(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            // Depth 64 like the SDK's own serializer default: no real activity nests deeper, and deeper input
            // would only cost stack further down (the SDK's reader has no depth limit at all).
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return "The body is not JSON (or is not UTF-8, or nests deeper than 64 levels).";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "An activity must be a JSON object.";
            }

            // An escaped lone surrogate (\ud800) is valid JSON but not text: reading it throws, so nothing
            // after this point (nor the bot) may ever see one.
            if (!IsValidText(root))
            {
                return "The activity contains a string that is not valid Unicode (a lone surrogate escape).";
            }

            static bool HasText(JsonElement element, string name) =>
                element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0;

            if (!HasText(root, "type"))
            {
                return "The activity has no type.";
            }

            if (!HasText(root, "channelId"))
            {
                return "The activity has no channelId.";
            }

            if (!HasText(root, "serviceUrl"))
            {
                return "The activity has no serviceUrl.";
            }

            // The adapter builds a connector client from it before the turn; replies go there.
            if (!Uri.TryCreate(root.GetProperty("serviceUrl").GetString(), UriKind.Absolute, out var serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
            {
                return "The activity's serviceUrl is not an http(s) URL.";
            }

            if (!root.TryGetProperty("conversation", out var conversation) || conversation.ValueKind != JsonValueKind.Object || !HasText(conversation, "id"))
            {
                return "The activity has no conversation id.";
            }

            // Every channel names the bot it addresses; replies are sent from it and mentions are matched to it.
            if (!root.TryGetProperty("recipient", out var recipient) || recipient.ValueKind != JsonValueKind.Object || !HasText(recipient, "id"))
            {
                return "The activity has no recipient id.";
            }

            if (root.TryGetProperty("from", out var from) && from.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return "The activity's from must be an object.";
            }

            // Teams channel data is an object; anything else cannot carry a tenant and fails where it is read.
            if (root.TryGetProperty("channelData", out var channelData) && channelData.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return "The activity's channelData must be an object.";
            }

            return null;
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
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = new Newtonsoft.Json.JsonTextReader(new StreamReader(stream, System.Text.Encoding.UTF8)) { MaxDepth = 64 };
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

    /// <summary>True when every property name and string value decodes to valid UTF-16 text.</summary>
    private static bool IsValidText(JsonElement root)
    {
        // Iterative, so a wide or deep document cannot exhaust the stack here.
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        try
        {
            while (pending.Count > 0)
            {
                var element = pending.Pop();
                switch (element.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var property in element.EnumerateObject())
                        {
                            if (HasLoneSurrogate(property.Name))
                            {
                                return false;
                            }

                            pending.Push(property.Value);
                        }

                        break;
                    case JsonValueKind.Array:
                        foreach (var item in element.EnumerateArray())
                        {
                            pending.Push(item);
                        }

                        break;
                    case JsonValueKind.String:
                        if (HasLoneSurrogate(element.GetString()!))
                        {
                            return false;
                        }

                        break;
                    default:
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // System.Text.Json refuses to decode an escaped lone surrogate.
            return false;
        }

        return true;
    }

    private static bool HasLoneSurrogate(string text)
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
