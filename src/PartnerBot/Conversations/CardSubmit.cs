using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Cards;
using PartnerBot.Dialogs;

namespace PartnerBot.Conversations;

/// <summary>Reads what a card sent. Never trusted: callers check every value against the dialog state.</summary>
public static class CardSubmit
{
    /// <summary>What a card sent: an Action.Execute's data with its verb, or an older card's Action.Submit value.</summary>
    public static JObject? Value(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (UniversalAction.Is(activity))
        {
            return UniversalAction.Data(activity);
        }

        return activity.Type == ActivityTypes.Message ? (activity as IMessageActivity)?.Value as JObject : null;
    }

    /// <summary>Whether a card sent something: <see cref="Value"/> is not null, without copying an Action.Execute's data.</summary>
    public static bool Sent(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return UniversalAction.Is(activity)
            ? UniversalAction.IsWellFormed(activity)
            : activity.Type == ActivityTypes.Message && (activity as IMessageActivity)?.Value is JObject;
    }

    /// <summary>One text of what a card sent (<see cref="Read(JObject?, string)"/> of <see cref="Value"/>), without copying it.</summary>
    public static string? Read(IActivity activity, string key)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return UniversalAction.Is(activity)
            ? AsText(UniversalAction.Property(activity, key, StringComparison.Ordinal))
            : Read(Value(activity), key);
    }

    public static string? Read(JObject? value, string key) => AsText(value?.GetValue(key, StringComparison.Ordinal));

    /// <summary>The button's meaning: the verb, or what an older Action.Submit card called its "action".</summary>
    public static string? Meaning(JObject? value) => Read(value, CardActions.Key) ?? Read(value, CardActions.LegacyKey);

    /// <summary>The button's meaning, if the activity is a card press that carries one.</summary>
    public static string? Action(IActivity activity) => Read(activity, CardActions.Key) ?? Read(activity, CardActions.LegacyKey);

    private static string? AsText(JToken? token) => token?.Type == JTokenType.String ? (string?)token : null;
}
