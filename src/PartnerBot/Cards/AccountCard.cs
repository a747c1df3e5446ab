using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Customers;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>The account review card: company details (read-only), billing information and purchase permission.</summary>
public static class AccountCard
{
    public const string EditBilling = "editBilling";
    public const string ChangePurchasePermission = "changePurchasePermission";
    public const string Done = "done";

    /// <summary>The account card's answers, in the order the card shows them.</summary>
    public static readonly IReadOnlyList<ButtonChoice> Choices =
    [
        new(EditBilling, AccountTexts.EditButton, Vocabulary.EditBilling, ActionStyle.Positive),
        new(ChangePurchasePermission, AccountTexts.PermissionButton, Vocabulary.ChangePurchasePermission),
        new(Done, SharedTexts.DoneButton, Vocabulary.Done),
    ];

    /// <summary>
    /// The card, with the buttons <paramref name="may"/> allows: edit for those who may change billing, the purchase
    /// switch for those who may change it and a customer whose purchases can be allowed; the card says why otherwise.
    /// Done is always there. Typed words still reach every answer, and the dialog checks the role again.
    /// </summary>
    public static AdaptiveCard Build(CustomerAccount account, StaffPermissions may, UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(may);
        var b = account.Billing;
        var a = b.DefaultAddress;
        string OrNone(string? value) => string.IsNullOrWhiteSpace(value) ? SharedTexts.None.In(l) : value;

        // Purchases can be turned off whenever they are on, and allowed only with an Azure plan.
        var switchable = account.PurchasePermission.IsAllowed || account.HasAzurePlan;
        var permission = account.PurchasePermission.IsAllowed
            ? AccountTexts.Allowed.In(l)
            : account.HasAzurePlan ? PurchasePermissionTexts.Off.In(l) : PurchasePermissionTexts.NoPlanState.In(l);

        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = AccountTexts.Title.Format(l, b.CompanyName), Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock { Text = AccountTexts.CompanyDetails.In(l), Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
                new TextBlock { Text = AccountTexts.ReadOnlyNote.In(l), IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None },
                new FactSet
                {
                    Facts =
                    [
                        new Fact(AccountTexts.TenantName.In(l), account.Company.CompanyName),
                        new Fact(AccountTexts.TenantId.In(l), account.Company.TenantId),
                        new Fact(AccountTexts.Domain.In(l), account.Company.Domain),
                        new Fact(AccountTexts.RegistrationNumber.In(l), OrNone(account.Company.RegistrationNumber)),
                    ],
                },
                new TextBlock { Text = AccountTexts.BillingInformation.In(l), Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium },
                new FactSet
                {
                    Facts =
                    [
                        new Fact(BillingTexts.FieldName(BillingProfileField.CompanyName).In(l), b.CompanyName),
                        new Fact(AccountTexts.Contact.In(l), $"{b.FirstName} {b.LastName}"),
                        new Fact(BillingTexts.FieldName(BillingProfileField.Email).In(l), b.Email),
                        new Fact(BillingTexts.FieldName(BillingProfileField.PhoneNumber).In(l), OrNone(a.PhoneNumber)),
                        new Fact(AccountTexts.AddressLabel.In(l), AddressFormat.OneLine(a, l)),
                        new Fact(BillingTexts.FieldName(BillingProfileField.Culture).In(l), Cultures.Name(b.Culture, l)),
                        new Fact(BillingTexts.FieldName(BillingProfileField.Language).In(l), Cultures.LanguageName(b.Language, l)),
                    ],
                },
                .. Note(may.MayUpdateBilling ? null : AccountTexts.BillingChangedBy.Format(l, RoleNames.List(may.BillingRoles, l))),
                new TextBlock { Text = AccountTexts.PermissionTitle.In(l), Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium },
                new FactSet { Facts = [new Fact(PurchasePermissionTexts.FieldLabel.In(l), permission)] },
                .. Note(
                    !may.MayChangePurchasePermission ? AccountTexts.PermissionChangedBy.Format(l, RoleNames.List(may.PurchaseRoles, l))
                    : !switchable ? PurchasePermissionTexts.HasNoAzurePlan.In(l)
                    : null),
            ],
            Actions =
            [
                .. Choices
                    .Where(c => c.Value switch
                    {
                        EditBilling => may.MayUpdateBilling,
                        ChangePurchasePermission => may.MayChangePurchasePermission && switchable,
                        _ => true,
                    })
                    .Select(c => c.ToAction(l)),
            ],
        };
    }

    private static IEnumerable<CardElement> Note(string? text) =>
        text is null ? [] : [new TextBlock { Text = text, IsSubtle = true, Size = TextSize.Small, Wrap = true }];
}
