using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Cards;

namespace PartnerBot.Conversations;

/// <summary>Reads what an Action.Submit sent. Never trusted: callers check every value against the dialog state.</summary>
public static class CardSubmit
{
    public static JObject? Value(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Message ? (activity as IMessageActivity)?.Value as JObject : null;
    }

    public static string? Read(JObject? value, string key) =>
        value?.TryGetValue(key, StringComparison.Ordinal, out var token) == true && token.Type == JTokenType.String
            ? (string?)token
            : null;

    /// <summary>The button's meaning ("action"), if the activity is a card submit that carries one.</summary>
    public static string? Action(IActivity activity) => Read(Value(activity), CardActions.Key);
}
