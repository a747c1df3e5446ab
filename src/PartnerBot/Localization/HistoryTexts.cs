using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;
using PartnerBot.PartnerCenter.Directory;

namespace PartnerBot.Localization;

/// <summary>
/// The history conversation's words, and the audit log's words (API field names, "Allowed", reason codes) in
/// the words users read.
/// </summary>
public static class HistoryTexts
{
    public static readonly IReadOnlyDictionary<AuditAction, Text> Actions = new Dictionary<AuditAction, Text>
    {
        [AuditAction.BillingProfileUpdate] = new("Billing information", "Informacje rozliczeniowe"),
        [AuditAction.PurchasePermissionChange] = new("Purchase permission", "Uprawnienia do zakupu"),
    };

    public static readonly IReadOnlyDictionary<AuditOutcome, Text> Outcomes = new Dictionary<AuditOutcome, Text>
    {
        [AuditOutcome.Applied] = new("applied", "zastosowano"),
        [AuditOutcome.Refused] = new("refused", "odmówiono"),
        [AuditOutcome.Conflict] = new("not saved: someone else had changed it", "nie zapisano: ktoś inny zmienił to wcześniej"),
        [AuditOutcome.Failed] = new("failed: the system of record did not answer", "nie powiodło się: system źródłowy nie odpowiedział"),
    };

    /// <summary>Why a refusal happened, for the reasons the services record; the others are already said by the outcome.</summary>
    public static readonly IReadOnlyDictionary<string, Text> Reasons = new Dictionary<string, Text>(StringComparer.Ordinal)
    {
        ["RoleNotAllowed"] = new("the user's role may not do this", "rola użytkownika na to nie pozwala"),
        [AccountUpdateService.RoleUnverifiedReason] = new("the user's role could not be verified", "nie udało się sprawdzić roli użytkownika"),
        ["NoAzurePlan"] = new("the customer has no Azure plan", "klient nie ma planu Azure"),
        [PartnerCenterHistory.MadeInPartnerCenterReason] = new("made in Partner Center", "wprowadzone w Partner Center"),
        [PartnerCenterCustomerDirectory.NotAppliedReason] = new("the answer was lost and Partner Center does not show the change", "odpowiedź nie dotarła, a Partner Center nie pokazuje tej zmiany"),
    };

    public static readonly Text Title = new("History: {0}", "Historia: {0}");

    public static readonly Text Range = new("Changes {0}–{1}, newest first", "Zmiany {0}–{1}, od najnowszych");

    public static readonly Text LastOne = new("Change {0}, the oldest", "Zmiana {0}, najstarsza");

    public static readonly Text NoChanges = new("No changes recorded for {0} yet.", "Dla klienta {0} nie zapisano jeszcze żadnych zmian.");

    public static readonly Text WhenWho = new("{0} · {1}", "{0} · {1}");

    public static readonly Text MoreButton = new("More", "Więcej");

    public static readonly Text UseButtons = new("Choose *More* or *Done*.", "Wybierz *Więcej* albo *Gotowe*.");

    private const string PurchasePermissionFieldName = "PurchasePermission";

    public static string FieldName(string field, UiLanguage language) =>
        field == PurchasePermissionFieldName ? PurchasePermissionTexts.FieldLabel.In(language) : BillingTexts.FieldName(field, language);

    /// <summary>A recorded value as the user reads it: the switch's words translated, culture and language named, anything else as it was typed.</summary>
    public static string? Value(string field, string? value, UiLanguage language)
    {
        if (field != PurchasePermissionFieldName)
        {
            return BillingTexts.Value(field, value, language);
        }

        if (value == PurchasePermissionService.Describe(true))
        {
            return PurchasePermissionTexts.On.In(language);
        }

        return value == PurchasePermissionService.Describe(false) ? PurchasePermissionTexts.Off.In(language) : value;
    }

    public static Text Action(AuditAction action) =>
        Actions.TryGetValue(action, out var text) ? text : throw new ArgumentOutOfRangeException(nameof(action), action, null);

    public static Text Outcome(AuditOutcome outcome) =>
        Outcomes.TryGetValue(outcome, out var text) ? text : throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null);

    public static string? Reason(string? reason, UiLanguage language) =>
        reason is not null && Reasons.TryGetValue(reason, out var text) ? text.In(language) : null;
}
