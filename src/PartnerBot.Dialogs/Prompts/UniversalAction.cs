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
        if (Action(activity) is not var (sent, verb))
        {
            return null;
        }

        var data = sent is null ? [] : (JObject)sent.DeepClone();
        data[VerbProperty] = verb.DeepClone();
        return data;
    }

    /// <summary>Whether the activity is a well-formed Action.Execute: one whose <see cref="Data"/> is not null.</summary>
    public static bool IsWellFormed(IActivity activity) => Action(activity) is not null;

    /// <summary>
    /// One property of <see cref="Data"/> without copying the data (several readers look at a press each turn):
    /// the very token the activity carries, which callers must not change. Null when <see cref="Data"/> is null
    /// or has no such property.
    /// </summary>
    public static JToken? Property(IActivity activity, string name, StringComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Action(activity) is not var (sent, verb))
        {
            return null;
        }

        if (name == VerbProperty)
        {
            return verb;
        }

        // Data's copy holds the verb under "verb" (where the card's own "verb" was, or last): a lookup that ignores
        // case finds it there just as it would in the copy.
        return sent?.GetValue(name, comparison) is { } found
            ? found.Parent is JProperty { Name: VerbProperty } ? verb : found
            : string.Equals(name, VerbProperty, comparison) ? verb : null;
    }

    /// <summary>The action's data as sent (null when it sent none) and its verb; null when not a well-formed Action.Execute.</summary>
    private static (JObject? Sent, JValue Verb)? Action(IActivity activity)
    {
        if (!Is(activity) || (activity as IInvokeActivity)?.Value is not JObject { } value
            || value.GetValue("action", StringComparison.Ordinal) is not JObject action
            || (string?)action.GetValue("type", StringComparison.Ordinal) is not "Action.Execute"
            || action.GetValue(VerbProperty, StringComparison.Ordinal) is not JValue { Type: JTokenType.String } verb)
        {
            return null;
        }

        return (action.GetValue("data", StringComparison.Ordinal) as JObject, verb);
    }
}
