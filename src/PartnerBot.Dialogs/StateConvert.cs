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

    /// <summary>A deep copy, so that what the engine sends or keeps never aliases the caller's objects.</summary>
    public static T Clone<T>(T value)
        where T : class =>
        JToken.FromObject(value, Serializer).ToObject<T>(Serializer)!;
}
