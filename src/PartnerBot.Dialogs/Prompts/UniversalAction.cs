using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// An Adaptive Card Universal Action (<c>Action.Execute</c>): the press arrives as an invoke named
/// <c>adaptiveCard/action</c> whose value is <c>{"action": {"type": "Action.Execute", "verb": …, "data": {…}}}</c>,
/// the card's inputs merged into <c>data</c>. The dialogs take it as the user's reply, like an Action.Submit message.
/// </summary>
public static class UniversalAction
{
    public const string InvokeName = "adaptiveCard/action";

    /// <summary>The property of the reply's value that carries the action's verb.</summary>
    public const string VerbProperty = "verb";

    public static bool Is(IActivity activity) =>
        activity?.Type == ActivityTypes.Invoke && (activity as IInvokeActivity)?.Name == InvokeName;

    /// <summary>Whether the activity is something the user said or pressed: a message, or a Universal Action.</summary>
    public static bool IsUserReply(IActivity activity) => activity?.Type == ActivityTypes.Message || Is(activity!);

    /// <summary>
    /// The action's data with its verb under <see cref="VerbProperty"/>: what a card sent, to be checked like any
    /// other input. Null when the activity is not a well-formed Action.Execute.
    /// </summary>
    public static JObject? Data(IActivity activity)
    {
        if (!Is(activity) || (activity as IInvokeActivity)?.Value is not JObject { } value
            || value.GetValue("action", StringComparison.Ordinal) is not JObject action
            || (string?)action.GetValue("type", StringComparison.Ordinal) is not "Action.Execute"
            || action.GetValue(VerbProperty, StringComparison.Ordinal) is not JValue { Type: JTokenType.String } verb)
        {
            return null;
        }

        var data = action.GetValue("data", StringComparison.Ordinal) is JObject sent ? (JObject)sent.DeepClone() : [];
        data[VerbProperty] = verb.DeepClone();
        return data;
    }
}
