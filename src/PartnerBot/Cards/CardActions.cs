using PartnerBot.Dialogs;

namespace PartnerBot.Cards;

/// <summary>
/// The buttons of PartnerBot's cards, all Action.Execute: the verb says what the button means, the data carries
/// identifiers only. The bot treats a button exactly like the words a person could type for it, and never
/// trusts anything else in what comes back.
/// </summary>
public static class CardActions
{
    /// <summary>Where a pressed button's meaning is read: the Action.Execute verb (older Action.Submit cards said "action").</summary>
    public const string Key = UniversalAction.VerbProperty;

    /// <summary>What an older card's Action.Submit carried its meaning in; still read, so its press is answered.</summary>
    public const string LegacyKey = "action";

    public const string UpdateAccount = "updateAccount";
    public const string PurchasePermission = "purchasePermission";
    public const string History = "history";
    public const string Help = "help";
    public const string Cancel = "cancel";
    public const string StartOver = "startOver";

    /// <summary>
    /// The customer summary card's buttons (the compose box inserts it where anyone may press them): each starts
    /// the presser's own conversation on the customer named by <see cref="CustomerIdKey"/>. Verbs of their own, so
    /// a press never answers a prompt of the presser's running conversation about another customer.
    /// </summary>
    public const string OpenCustomer = "openCustomer";

    /// <inheritdoc cref="OpenCustomer"/>
    public const string EditCustomerBilling = "editCustomerBilling";

    /// <inheritdoc cref="OpenCustomer"/>
    public const string CustomerPurchasePermission = "customerPurchasePermission";

    /// <summary>Where the customer summary card's buttons carry the customer's id.</summary>
    public const string CustomerIdKey = "customerId";

    /// <summary>Where a choice prompt reads an identifier a button chose (a customer), when the verb alone does not say it.</summary>
    public const string ChoiceKey = ChoicePrompt.SubmitProperty;

    /// <summary>A button that means <paramref name="verb"/> and sends no inputs.</summary>
    public static ExecuteAction Execute(string title, string verb, ActionStyle? style = null) => new()
    {
        Title = title,
        Verb = verb,
        Style = style,
        AssociatedInputs = "none",
    };

    /// <summary>A button that means <paramref name="verb"/>, with identifiers, and sends no inputs.</summary>
    public static ExecuteAction Execute(string title, string verb, IReadOnlyDictionary<string, object> identifiers, ActionStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        return new ExecuteAction { Title = title, Verb = verb, Style = style, Data = identifiers, AssociatedInputs = "none" };
    }

    /// <summary>A form's button: the card's inputs travel with it (merged into its data by the client).</summary>
    public static ExecuteAction SendForm(string title, string verb, ActionStyle? style = null) => new()
    {
        Title = title,
        Verb = verb,
        Style = style,
    };

    /// <summary>A form's button with identifiers: the card's inputs travel with it, and so does what it points at.</summary>
    public static ExecuteAction SendForm(string title, string verb, IReadOnlyDictionary<string, object> identifiers, ActionStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        return new ExecuteAction { Title = title, Verb = verb, Style = style, Data = identifiers };
    }

    /// <summary>A button answering a choice prompt: its verb is the choice's value.</summary>
    public static ExecuteAction Choice(string title, string value, ActionStyle? style = null) => Execute(title, value, style);

    /// <summary>A button answering a choice prompt with an identifier (a customer's id) under <paramref name="verb"/>.</summary>
    public static ExecuteAction Choice(string title, string verb, string identifier, ActionStyle? style = null) =>
        Execute(title, verb, new Dictionary<string, object> { [ChoiceKey] = identifier }, style);

    /// <summary>A button answering a confirm prompt (yes or no).</summary>
    public static ExecuteAction Confirm(string title, bool answer, ActionStyle? style = null) =>
        Execute(title, answer ? "yes" : "no", new Dictionary<string, object> { [ConfirmPrompt.SubmitProperty] = answer }, style);
}
