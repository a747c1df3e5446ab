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

    public static SubmitAction Submit(string title, string action, ActionStyle? style = null) => new()
    {
        Title = title,
        Style = style,
        Data = new Dictionary<string, string> { [Key] = action },
        AssociatedInputs = "none",
    };
}
