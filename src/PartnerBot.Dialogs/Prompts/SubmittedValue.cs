using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// Reads what an Adaptive Card sent: an Action.Execute's data and verb (<see cref="UniversalAction"/>), or an
/// Action.Submit, which Teams delivers as a message with empty text and <see cref="Activity.Value"/> a JSON
/// object (other channels may deliver a JSON string).
/// </summary>
internal static class SubmittedValue
{
    public static JObject? Read(IActivity activity)
    {
        if (UniversalAction.Is(activity))
        {
            return UniversalAction.Data(activity);
        }

        var value = (activity as IMessageActivity)?.Value;
        switch (value)
        {
            case null:
                return null;
            case JObject submitted:
                return submitted;
            case string json when json.TrimStart().StartsWith('{'):
                try
                {
                    return JObject.Parse(json);
                }
                catch (Newtonsoft.Json.JsonException)
                {
                    return null;
                }

            case string or JToken:
                return null;
            default:
                return JToken.FromObject(value) as JObject;
        }
    }

    public static JToken? Property(IActivity activity, string name) =>
        UniversalAction.Is(activity)
            ? UniversalAction.Property(activity, name, StringComparison.OrdinalIgnoreCase)
            : Read(activity)?.GetValue(name, StringComparison.OrdinalIgnoreCase);
}
