using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;

namespace PartnerBot.Localization;

/// <summary>
/// The audit log's words (API field names, "Allowed", reason codes) in the words users read, for the history.
/// </summary>
public static class AuditTexts
{
    /// <summary>The purchase permission switch, as the account card names it (Partner Center's own label).</summary>
    public static readonly Text PurchasePermissionField = new("Allow customer to purchase", "Zezwalaj klientowi na zakupy");

    public static readonly Text Allowed = new("On", "Włączone");

    public static readonly Text NotAllowed = new("Off", "Wyłączone");

    private const string PurchasePermissionFieldName = "PurchasePermission";

    public static string FieldName(string field, UiLanguage language) =>
        field == PurchasePermissionFieldName ? PurchasePermissionField.In(language) : BillingTexts.FieldName(field, language);

    /// <summary>A recorded value as the user reads it: the switch's words translated, anything else as it was typed.</summary>
    public static string? Value(string field, string? value, UiLanguage language)
    {
        if (field != PurchasePermissionFieldName)
        {
            return value;
        }

        if (value == PurchasePermissionService.Describe(true))
        {
            return Allowed.In(language);
        }

        return value == PurchasePermissionService.Describe(false) ? NotAllowed.In(language) : value;
    }

    public static Text Action(AuditAction action) => action switch
    {
        AuditAction.BillingProfileUpdate => new("Billing information", "Informacje rozliczeniowe"),
        AuditAction.PurchasePermissionChange => new("Purchase permission", "Uprawnienia do zakupu"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static Text Outcome(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Applied => new("applied", "zastosowano"),
        AuditOutcome.Refused => new("refused", "odmówiono"),
        AuditOutcome.Conflict => new("not saved: someone else had changed it", "nie zapisano: ktoś inny zmienił to wcześniej"),
        AuditOutcome.Failed => new("failed: the system of record did not answer", "nie powiodło się: system źródłowy nie odpowiedział"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Why a refusal happened, for the reasons the services record; null for the others (already said by the outcome).</summary>
    public static string? Reason(string? reason, UiLanguage language) => reason switch
    {
        "RoleNotAllowed" => new Text("the user's role may not do this", "rola użytkownika na to nie pozwala").In(language),
        AccountUpdateService.RoleUnverifiedReason => new Text("the user's role could not be verified", "nie udało się sprawdzić roli użytkownika").In(language),
        "NoAzurePlan" => new Text("the customer has no Azure plan", "klient nie ma planu Azure").In(language),
        _ => null,
    };
}
