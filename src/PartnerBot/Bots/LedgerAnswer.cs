using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;

namespace PartnerBot.Bots;

/// <summary>
/// The text a press's <see cref="InvokeResponse"/> is kept as in the activity ledger, so that a press delivered
/// again is answered the same way: exactly what <c>JsonConvert.SerializeObject(answer)</c> gives (a deployed
/// instance reads entries written by this one and the other way round), made without what that allocates for every
/// press (issue 13: a new serializer and a StringBuilder grown from 256 chars by copies, ~2.5 KB a press). The text
/// is written into a StringBuilder kept per thread (the serializer is synchronous) with the JSON writer's buffer
/// rented from the shared pool; only the finished string is new.
/// </summary>
public static class LedgerAnswer
{
    /// <summary>A kept builder larger than this (a rare huge answer) is dropped rather than kept for every later press.</summary>
    private const int KeptCapacity = 64 * 1024;

    // JsonConvert.SerializeObject makes this serializer anew for every call (JsonSerializer.CreateDefault applies
    // JsonConvert.DefaultSettings, which this app never sets); a serializer whose settings are not changed after
    // it is made may serialize on several threads at once.
    private static readonly JsonSerializer Serializer = JsonSerializer.CreateDefault();

    [ThreadStatic]
    private static StringBuilder? Kept;

    /// <summary>The ledger's text for <paramref name="answer"/>.</summary>
    public static string Write(InvokeResponse answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = Kept ?? new StringBuilder(4096);
        Kept = null;
        try
        {
            using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
            using (var json = new JsonTextWriter(writer) { ArrayPool = NewtonsoftCharPool.Instance, Formatting = Serializer.Formatting })
            {
                Serializer.Serialize(json, answer);
            }

            return text.ToString();
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
