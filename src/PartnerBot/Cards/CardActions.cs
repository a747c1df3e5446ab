using PartnerBot.Dialogs;

namespace PartnerBot.Cards;

/// <summary>
/// The "action" values that card buttons submit. The bot treats a button exactly like the words a
/// person could type for it, and never trusts anything else in the submitted data.
/// </summary>
public static class CardActions
{
    public const string Key = "action";

    public const string UpdateAccount = "updateAccount";
    public const string PurchasePermission = "purchasePermission";
    public const string History = "history";
    public const string Help = "help";
    public const string Cancel = "cancel";
    public const string StartOver = "startOver";

    /// <summary>A button that means <paramref name="action"/> and sends no inputs.</summary>
    public static SubmitAction Submit(string title, string action, ActionStyle? style = null) => new()
    {
        Title = title,
        Style = style,
        Data = new Dictionary<string, object> { [Key] = action },
        AssociatedInputs = "none",
    };

    /// <summary>The key a choice prompt reads: the button answers the prompt as if its value were typed.</summary>
    public const string ChoiceKey = "choice";

    /// <summary>A button answering a choice prompt with <paramref name="value"/>; sends no inputs.</summary>
    public static SubmitAction Choice(string title, string value, ActionStyle? style = null) => new()
    {
        Title = title,
        Style = style,
        Data = new Dictionary<string, object> { [ChoiceKey] = value },
        AssociatedInputs = "none",
    };

    /// <summary>A button answering a confirm prompt (yes or no); sends no inputs.</summary>
    public static SubmitAction Confirm(string title, bool answer, ActionStyle? style = null) => new()
    {
        Title = title,
        Style = style,
        Data = new Dictionary<string, object> { [ConfirmPrompt.SubmitProperty] = answer },
        AssociatedInputs = "none",
    };

    /// <summary>A button that means <paramref name="action"/>, with extra identifiers, and sends no inputs.</summary>
    public static SubmitAction Submit(string title, string action, IReadOnlyDictionary<string, object> data, ActionStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var all = new Dictionary<string, object>(data) { [Key] = action };
        return new SubmitAction { Title = title, Style = style, Data = all, AssociatedInputs = "none" };
    }
}
