using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// Reads values back from saved state. Depending on the storage's serializer settings a value comes back as
/// its own type, as a JToken, or as a different primitive (long for int), so everything goes through JSON.
/// </summary>
internal static class StateConvert
{
    private static readonly JsonSerializer Serializer = JsonSerializer.CreateDefault();

    /// <summary>A saved entry, or null when it was never saved.</summary>
    public static object? Saved(this IDictionary<string, object?> state, string key) =>
        state.TryGetValue(key, out var value) ? value : null;

    public static T? To<T>(object? value)
    {
        if (value is T typed)
        {
            return typed;
        }

        if (value is null || value is JToken { Type: JTokenType.Null or JTokenType.Undefined })
        {
            return default;
        }

        try
        {
            var token = value as JToken ?? JToken.FromObject(value, Serializer);
            return token.ToObject<T>(Serializer);
        }
        catch (Exception ex) when (IsConversionFailure(ex))
        {
            throw new DialogStateException(
                $"A saved {value.GetType().Name} cannot be read as {typeof(T).Name}.", ex);
        }
    }

    public static bool TryTo<T>(object? value, out T? result)
    {
        try
        {
            result = To<T>(value);
            return true;
        }
        catch (DialogStateException)
        {
            result = default;
            return false;
        }
    }

    /// <summary>Exceptions that mean "this JSON does not have that shape", as opposed to a bug.</summary>
    public static bool IsConversionFailure(Exception ex) =>
        ex is JsonException or InvalidCastException or FormatException or ArgumentException or OverflowException
            or DialogStateException;

    private static readonly Func<object, object> MemberwiseCloneOf = typeof(object)
        .GetMethod("MemberwiseClone", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
        .CreateDelegate<Func<object, object>>();

    /// <summary>
    /// A copy of the activity's own fields, for sending a saved prompt. Sending assigns the conversation fields
    /// (channel, conversation, from, recipient, reply-to) to the activity it is given and never changes the objects
    /// they point to, so this keeps the saved prompt as it was. A deep copy (a JSON round trip of the whole card)
    /// cost about a tenth of a turn's CPU (issue 13).
    /// </summary>
    public static Microsoft.Bot.Schema.Activity CopyForSending(Microsoft.Bot.Schema.Activity activity) =>
        (Microsoft.Bot.Schema.Activity)MemberwiseCloneOf(activity);
}
