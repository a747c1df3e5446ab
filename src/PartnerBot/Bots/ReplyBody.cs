using System.Buffers;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace PartnerBot.Bots;

/// <summary>
/// Writes a turn's <see cref="InvokeResponse"/> (with expectReplies, the replies themselves) as the SDK's
/// <see cref="HttpHelper.WriteResponseAsync"/> does, byte for byte and with the SDK's own serializer, but without
/// what that allocates for every reply (issue 13): a growing MemoryStream's copies, a StreamWriter's byte and
/// char buffers, an encoding and the JSON writer's buffers. The text is written into a StringBuilder kept per
/// thread (the serializer is synchronous) and encoded into a buffer rented from the shared pool.
/// </summary>
public static class ReplyBody
{
    /// <summary>A kept builder larger than this (a rare huge reply) is dropped rather than kept for every later turn.</summary>
    private const int KeptCapacity = 64 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    [ThreadStatic]
    private static StringBuilder? Kept;

    public static async Task WriteAsync(HttpResponse response, InvokeResponse? invokeResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (invokeResponse is null)
        {
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is null)
        {
            return;
        }

        response.ContentType = "application/json";
        var (bytes, length) = Encode(invokeResponse.Body);
        try
        {
            await response.Body.WriteAsync(bytes.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The body's JSON as UTF-8 in a rented buffer (the caller returns it) and its length.</summary>
    private static (byte[] Bytes, int Length) Encode(object body)
    {
        var text = Kept ?? new StringBuilder(4096);
        Kept = null;
        try
        {
            using (var writer = new StringWriter(text, System.Globalization.CultureInfo.InvariantCulture))
            using (var json = new Newtonsoft.Json.JsonTextWriter(writer) { ArrayPool = NewtonsoftCharPool.Instance })
            {
                HttpHelper.BotMessageSerializer.Serialize(json, body);
            }

            var bytes = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(text.Length));
            var length = 0;
            var encoder = Utf8.GetEncoder();
            foreach (var chunk in text.GetChunks())
            {
                length += encoder.GetBytes(chunk.Span, bytes.AsSpan(length), flush: false);
            }

            length += encoder.GetBytes([], bytes.AsSpan(length), flush: true);
            return (bytes, length);
        }
        finally
        {
            if (text.Capacity <= KeptCapacity)
            {
                text.Clear();
                Kept = text;
            }
        }
    }
}
