namespace PartnerBot.Localization;

/// <summary>The account review conversation's words: the account card and what the dialog says around it.</summary>
public static class AccountTexts
{
    public static readonly Text Title = new("Account: {0}", "Konto: {0}");

    public static readonly Text CompanyDetails = new("Company details", "Szczegóły firmy");

    public static readonly Text ReadOnlyNote = new("Read-only: these come from the customer's tenant.", "Tylko do odczytu: pochodzą z dzierżawy klienta.");

    public static readonly Text TenantName = new("Tenant name", "Nazwa dzierżawy");

    public static readonly Text TenantId = new("Microsoft ID (tenant)", "Identyfikator Microsoft (dzierżawa)");

    public static readonly Text Domain = new("Domain", "Domena");

    public static readonly Text RegistrationNumber = new("Registration number", "Numer rejestracyjny");

    public static readonly Text BillingInformation = new("Billing information", "Informacje rozliczeniowe");

    public static readonly Text Contact = new("Billing contact", "Osoba kontaktowa");

    public static readonly Text AddressLabel = new("Address", "Adres");

    public static readonly Text PermissionTitle = new("Customer permissions", "Uprawnienia klienta");

    public static readonly Text Allowed = new("On: the customer may buy its own Azure reservations and savings plans", "Włączone: klient może sam kupować rezerwacje i plany oszczędnościowe Azure");

    public static readonly Text EditButton = new("Edit billing information", "Edytuj informacje rozliczeniowe");

    public static readonly Text PermissionButton = new("Change purchase permission", "Zmień uprawnienia do zakupu");

    public static readonly Text BillingChangedBy = new(
        "Billing information can be changed by: {0}.",
        "Informacje rozliczeniowe mogą zmieniać: {0}.");

    public static readonly Text PermissionChangedBy = new(
        "Purchase permission can be changed by: {0}.",
        "Uprawnienia do zakupu mogą zmieniać: {0}.");

    public static readonly Text Gone = new(
        "That customer no longer exists.",
        "Ten klient już nie istnieje.");

    public static readonly Text Closing = new("OK. Say *help* whenever you need me.", "OK. Napisz *pomoc*, gdy będę potrzebny.");

    public static readonly Text UseButtons = new(
        "Choose *Edit billing information*, *Change purchase permission* or *Done*.",
        "Wybierz *Edytuj informacje rozliczeniowe*, *Zmień uprawnienia do zakupu* albo *Gotowe*.");
}
