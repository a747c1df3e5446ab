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

    private static readonly Text Title = new("Account: {0}", "Konto: {0}");
    private static readonly Text CompanyDetails = new("Company details", "Szczegóły firmy");
    private static readonly Text ReadOnlyNote = new("Read-only: these come from the customer's tenant.", "Tylko do odczytu: pochodzą z dzierżawy klienta.");
    private static readonly Text TenantName = new("Tenant name", "Nazwa dzierżawy");
    private static readonly Text TenantId = new("Microsoft ID (tenant)", "Identyfikator Microsoft (dzierżawa)");
    private static readonly Text Domain = new("Domain", "Domena");
    private static readonly Text RegistrationNumber = new("Registration number", "Numer rejestracyjny");
    private static readonly Text BillingInformation = new("Billing information", "Informacje rozliczeniowe");
    private static readonly Text Contact = new("Billing contact", "Osoba kontaktowa");
    private static readonly Text AddressLabel = new("Address", "Adres");
    private static readonly Text PermissionTitle = new("Customer permissions", "Uprawnienia klienta");
    private static readonly Text PermissionLabel = new("Allow customer to purchase", "Zezwalaj klientowi na zakupy");
    private static readonly Text Allowed = new("On: the customer may buy its own Azure reservations and savings plans", "Włączone: klient może sam kupować rezerwacje i plany oszczędnościowe Azure");
    private static readonly Text NotAllowed = new("Off", "Wyłączone");
    private static readonly Text NoAzurePlan = new("Off (no Azure plan: cannot be switched on)", "Wyłączone (brak planu Azure: nie można włączyć)");
    public static readonly Text EditButton = new("Edit billing information", "Edytuj informacje rozliczeniowe");
    public static readonly Text PermissionButton = new("Change purchase permission", "Zmień uprawnienia do zakupu");
    public static readonly Text DoneButton = new("Done", "Gotowe");
    private static readonly Text None = new("(none)", "(brak)");

    public static AdaptiveCard Build(CustomerAccount account, UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(account);
        var b = account.Billing;
        var a = b.DefaultAddress;
        string OrNone(string? value) => string.IsNullOrWhiteSpace(value) ? None.In(l) : value;

        var permission = account.PurchasePermission.IsAllowed
            ? Allowed.In(l)
            : account.HasAzurePlan ? NotAllowed.In(l) : NoAzurePlan.In(l);

        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = Title.Format(l, b.CompanyName), Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock { Text = CompanyDetails.In(l), Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
                new TextBlock { Text = ReadOnlyNote.In(l), IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None },
                new FactSet
                {
                    Facts =
                    [
                        new Fact(TenantName.In(l), account.Company.CompanyName),
                        new Fact(TenantId.In(l), account.Company.TenantId),
                        new Fact(Domain.In(l), account.Company.Domain),
                        new Fact(RegistrationNumber.In(l), OrNone(account.Company.RegistrationNumber)),
                    ],
                },
                new TextBlock { Text = BillingInformation.In(l), Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium },
                new FactSet
                {
                    Facts =
                    [
                        new Fact(BillingTexts.FieldName(BillingProfileField.CompanyName).In(l), b.CompanyName),
                        new Fact(Contact.In(l), $"{b.FirstName} {b.LastName}"),
                        new Fact(BillingTexts.FieldName(BillingProfileField.Email).In(l), b.Email),
                        new Fact(BillingTexts.FieldName(BillingProfileField.PhoneNumber).In(l), OrNone(a.PhoneNumber)),
                        new Fact(AddressLabel.In(l), FormatAddress(a, l)),
                        new Fact(BillingTexts.FieldName(BillingProfileField.Culture).In(l), b.Culture),
                        new Fact(BillingTexts.FieldName(BillingProfileField.Language).In(l), b.Language),
                    ],
                },
                new TextBlock { Text = PermissionTitle.In(l), Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium },
                new FactSet { Facts = [new Fact(PermissionLabel.In(l), permission)] },
            ],
            Actions =
            [
                CardActions.Choice(EditButton.In(l), EditBilling, ActionStyle.Positive),
                CardActions.Choice(PermissionButton.In(l), ChangePurchasePermission),
                CardActions.Choice(DoneButton.In(l), Done),
            ],
        };
    }

    /// <summary>One line, in the order people read a postal address: lines, postal code and city, state, country.</summary>
    public static string FormatAddress(Address address, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(address);
        var cityLine = string.Join(" ", new[] { address.PostalCode, address.City }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var parts = new[] { address.AddressLine1, address.AddressLine2, address.AddressLine3, cityLine, address.State, Countries.Name(address.Country, language) };
        return string.Join(", ", parts.Where(s => !string.IsNullOrWhiteSpace(s)));
    }
}
