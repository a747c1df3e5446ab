using PartnerBot.Cards;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;
using PartnerBot.Localization;

namespace PartnerBot.Tests.Cards;

/// <summary>Every card the bot can send, in each language and in each of its shapes, for the renderer check.</summary>
internal static class CardCatalog
{
    public static readonly CustomerAccount Account = new(
        "6f2a8a51-0000-4000-8000-000000000001",
        new CompanyProfile("6f2a8a51-0000-4000-8000-000000000001", "zakladymiesne.onmicrosoft.com", "Zakłady Mięsne Kraśnik", "7151234567"),
        new BillingProfile(
            "Zakłady Mięsne Kraśnik Sp. z o.o.",
            "Łucja",
            "Żółkiewska",
            "faktury@zakladymiesne.pl",
            "pl-PL",
            "pl",
            new Address("ul. Lubelska 12", null, null, "Kraśnik", null, "23-200", "PL", "+48 81 825 12 34"),
            "etag-1"),
        HasAzurePlan: true,
        new PurchasePermission(false, null));

    private static readonly StaffPermissions Admin = new(
        true, true, [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent], [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent]);

    private static readonly CountryValidationRules PolishRules = new(
        "PL", true, false, true, true, @"\d{2}-\d{3}", null, [], ["pl-PL", "en-US"], ["pl", "en"], "pl-PL");

    public static IEnumerable<(string Name, AdaptiveCard Card)> All()
    {
        IReadOnlyList<FieldChange> changes =
        [
            new("Email", "faktury@zakladymiesne.pl", "ksiegowosc@zakladymiesne.pl"),
            new("PhoneNumber", "+48 81 825 12 34", null),
        ];
        var draft = BillingProfileDraft.From(Account.Billing);
        IReadOnlyList<ValidationError> errors =
        [
            new(BillingProfileField.PostalCode, ValidationErrorCode.InvalidPostalCode),
            new(BillingProfileField.PhoneNumber, ValidationErrorCode.Required),
            new(BillingProfileField.AddressLine1, ValidationErrorCode.TooLong, 200),
        ];
        var unverified = new AddressValidation(
            AddressValidationStatus.StreetPartial,
            [
                new Address("ul. Fabryczna 10A", null, null, "Kraśnik", null, "23-210", "PL", null),
                new Address("ul. Fabryczna 1", null, null, "Kraśnik", null, "23-204", "PL", null),
            ]);
        CustomerMatch[] matches =
        [
            new("1", "Contoso Ltd", "contoso.onmicrosoft.com", 0.9),
            new("2", "Contoso Pharmaceuticals", "contosopharma.onmicrosoft.com", 0.85),
            new("3", "Łódzkie Zakłady Włókiennicze Textilia Sp. z o.o.", "textilialodz.onmicrosoft.com", 0.8),
        ];

        foreach (var language in Enum.GetValues<UiLanguage>())
        {
            var tag = language.Locale();
            var view = new ChangesView("Zakłady Mięsne Kraśnik Sp. z o.o.", changes, language);
            yield return ($"welcome-sales-{tag}", WelcomeCard.Build(new WelcomeView("Alex Wilber", [PartnerRole.SalesAgent], language)));
            yield return ($"welcome-shared-{tag}", WelcomeCard.Build(new WelcomeView("Alex Wilber", [PartnerRole.SalesAgent], language, Shared: true)));
            yield return ($"welcome-unknown-role-{tag}", WelcomeCard.Build(new WelcomeView("Alex Wilber", [], language, RoleUnknown: true)));
            yield return ($"welcome-norole-{tag}", WelcomeCard.Build(new WelcomeView("Patti Fernandez", [], language)));
            yield return ($"account-{tag}", AccountCard.Build(Account, Admin, language));
            yield return ($"account-noazure-{tag}", AccountCard.Build(Account with { HasAzurePlan = false }, Admin, language));
            yield return ($"account-helpdesk-{tag}", AccountCard.Build(Account, Admin with { MayUpdateBilling = false, MayChangePurchasePermission = false }, language));
            yield return ($"customer-summary-{tag}", CustomerSummaryCard.Build(Account, "Alex Wilber", DateTimeOffset.UnixEpoch, language));
            yield return ($"form-{tag}", BillingFormCard.Build(new BillingFormView("Zakłady", draft, [], PolishRules, "PL", language)));
            yield return ($"form-errors-{tag}", BillingFormCard.Build(new BillingFormView("Zakłady", draft, errors, PolishRules, "PL", language)));
            yield return ($"form-address-suggestions-{tag}", BillingFormCard.Build(new BillingFormView("Zakłady", draft, [], PolishRules, "PL", language, unverified)));
            yield return ($"form-address-no-suggestion-{tag}", BillingFormCard.Build(new BillingFormView(
                "Zakłady", draft, [], PolishRules, "PL", language, new AddressValidation(AddressValidationStatus.None, []))));
            yield return ($"form-suggestion-filled-{tag}", BillingFormCard.Build(new BillingFormView("Zakłady", draft, [], PolishRules, "PL", language, SuggestionFilledIn: true)));
            yield return ($"confirm-{tag}", ChangesCards.ConfirmCard(view, "change-1"));
            yield return ($"submitted-{tag}", ChangesCards.SubmittedCard(view, "Alex Wilber", DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc));
            yield return ($"cancelled-{tag}", ChangesCards.CancelledCard(view));
            yield return ($"conflict-{tag}", ChangesCards.ConflictCard(view, changes, "change-1"));
            yield return ($"customer-one-{tag}", CustomerChoiceCards.ConfirmOne(matches[0], language));
            yield return ($"customer-choose-{tag}", CustomerChoiceCards.ChooseOne("contoso", matches, language));
            foreach (var (name, card) in PurchasePermissionAndHistory(language))
            {
                yield return ($"{name}-{tag}", card);
            }
        }
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> PurchasePermissionAndHistory(UiLanguage language)
    {
        PartnerRole[] admins = [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent];
        var off = new PurchasePermissionView("Zakłady Mięsne Kraśnik Sp. z o.o.", false, true, admins, language, MayChange: true);
        var on = off with { IsAllowed = true };
        var noPlan = off with { HasAzurePlan = false };
        yield return ("permission-state-off", PurchasePermissionCards.StateCard(off));
        yield return ("permission-state-on", PurchasePermissionCards.StateCard(on));
        yield return ("permission-state-noplan", PurchasePermissionCards.StateCard(noPlan));
        yield return ("permission-state-viewer", PurchasePermissionCards.StateCard(off with { MayChange = false }));
        yield return ("permission-confirm-allow", PurchasePermissionCards.ConfirmCard(off, allow: true, "change-1"));
        yield return ("permission-confirm-revoke", PurchasePermissionCards.ConfirmCard(on, allow: false, "change-1"));
        yield return ("permission-confirm-noplan", PurchasePermissionCards.ConfirmCard(noPlan, allow: true, "change-1"));
        yield return ("permission-submitted", PurchasePermissionCards.SubmittedCard(on, allowed: true, "Megan Bowen", DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc));
        yield return ("permission-retry", ChangesCards.RetryCard(PurchasePermissionTexts.RetryMessage.Format(language, off.CustomerName), "change-1", language));

        var at = new DateTimeOffset(2026, 11, 24, 14, 5, 0, TimeSpan.Zero);
        AuditEntry[] entries =
        [
            Entry(at, AuditAction.PurchasePermissionChange, AuditOutcome.Applied, null, new FieldChange("PurchasePermission", "NotAllowed", "Allowed")),
            Entry(at.AddHours(-1), AuditAction.PurchasePermissionChange, AuditOutcome.Refused, "RoleNotAllowed", new FieldChange("PurchasePermission", "NotAllowed", "Allowed")),
            Entry(at.AddHours(-2), AuditAction.BillingProfileUpdate, AuditOutcome.Applied, null, new FieldChange("Email", "faktury@zakladymiesne.pl", "ksiegowosc@zakladymiesne.pl"), new FieldChange("PhoneNumber", "+48 81 825 12 34", null)),
            Entry(at.AddHours(-3), AuditAction.BillingProfileUpdate, AuditOutcome.Conflict, "StaleEtag", new FieldChange("City", "Kraśnik", "Lublin")),
            Entry(at.AddHours(-4), AuditAction.PurchasePermissionChange, AuditOutcome.Failed, "HttpRequestException", new FieldChange("PurchasePermission", "Allowed", "NotAllowed")),
        ];
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
        yield return ("history-page", HistoryCard.Build(new HistoryView(off.CustomerName, entries, 1, HasMore: true, zone, language)));
        yield return ("history-last-page", HistoryCard.Build(new HistoryView(off.CustomerName, entries[..2], 6, HasMore: false, zone, language)));
        yield return ("history-empty", HistoryCard.Build(new HistoryView(off.CustomerName, [], 1, HasMore: false, zone, language)));
    }

    private static AuditEntry Entry(DateTimeOffset at, AuditAction action, AuditOutcome outcome, string? reason, params FieldChange[] changes) =>
        new(Guid.NewGuid(), at, Account.CustomerId, Account.Billing.CompanyName, "aad-megan", "Megan Bowen", action, outcome, changes, null, null, reason);
}
