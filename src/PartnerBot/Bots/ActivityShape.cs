using System.Text.Json;

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

    public static string? Problem(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return "The body is not JSON.";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "An activity must be a JSON object.";
            }

            static bool HasText(JsonElement element, string name) =>
                element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

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

            if (!root.TryGetProperty("conversation", out var conversation) || conversation.ValueKind != JsonValueKind.Object || !HasText(conversation, "id"))
            {
                return "The activity has no conversation id.";
            }

            return null;
        }
    }
}
