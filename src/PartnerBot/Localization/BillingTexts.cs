using PartnerBot.Domain.Accounts;

namespace PartnerBot.Localization;

/// <summary>Billing field names and validation messages, in Partner Center's own words where it has them.</summary>
public static class BillingTexts
{
    public static Text FieldName(BillingProfileField field) => field switch
    {
        BillingProfileField.CompanyName => new("Bill-to company name", "Nazwa firmy do rozliczeń"),
        BillingProfileField.FirstName => new("Contact first name", "Imię osoby kontaktowej"),
        BillingProfileField.LastName => new("Contact last name", "Nazwisko osoby kontaktowej"),
        BillingProfileField.Email => new("Billing e-mail", "Adres e-mail do rozliczeń"),
        BillingProfileField.PhoneNumber => new("Phone number", "Numer telefonu"),
        BillingProfileField.AddressLine1 => new("Address line 1", "Adres, wiersz 1"),
        BillingProfileField.AddressLine2 => new("Address line 2", "Adres, wiersz 2"),
        BillingProfileField.AddressLine3 => new("Address line 3", "Adres, wiersz 3"),
        BillingProfileField.City => new("City", "Miejscowość"),
        BillingProfileField.State => new("State or province", "Stan lub województwo"),
        BillingProfileField.PostalCode => new("Postal code", "Kod pocztowy"),
        BillingProfileField.Country => new("Country", "Kraj"),
        BillingProfileField.Culture => new("Culture", "Ustawienia regionalne"),
        BillingProfileField.Language => new("Language", "Język"),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>The field name for an audit or diff entry, which stores the field's API name.</summary>
    public static string FieldName(string apiName, UiLanguage language) =>
        Enum.TryParse<BillingProfileField>(apiName, out var field) ? FieldName(field).In(language) : apiName;

    private static readonly Dictionary<string, string> PostalCodeExamples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PL"] = "00-950",
        ["DE"] = "10115",
        ["GB"] = "SW1A 1AA",
        ["US"] = "98052",
        ["FR"] = "75001",
        ["CA"] = "K1A 0B1",
        ["NL"] = "1012 AB",
        ["ES"] = "28001",
        ["IT"] = "00184",
        ["IN"] = "110001",
        ["BR"] = "01310-100",
    };

    private static readonly Dictionary<string, string> PhoneExamples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PL"] = "+48 22 123 45 67",
        ["DE"] = "+49 30 1234567",
        ["GB"] = "+44 20 7946 0958",
        ["US"] = "+1 425 555 0100",
        ["FR"] = "+33 1 23 45 67 89",
    };

    public static string Message(ValidationError error, string countryCode, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(error);
        var country = Countries.Name(countryCode, language);
        return error.Code switch
        {
            ValidationErrorCode.Required => new Text("This field is required.", "To pole jest wymagane.").In(language),
            ValidationErrorCode.TooLong => new Text("At most {0} characters.", "Najwyżej {0} znaków.").Format(language, error.Limit),
            ValidationErrorCode.InvalidEmail => new Text(
                "Enter an e-mail address like name@example.com.",
                "Wpisz adres e-mail w postaci nazwa@firma.pl.").In(language),
            ValidationErrorCode.InvalidPhoneNumber => WithExample(
                new Text("This is not a valid phone number for {0}.", "To nie jest poprawny numer telefonu dla kraju: {0}.").Format(language, country),
                PhoneExamples,
                countryCode,
                language),
            ValidationErrorCode.InvalidPostalCode => WithExample(
                new Text("This is not a valid postal code for {0}.", "To nie jest poprawny kod pocztowy dla kraju: {0}.").Format(language, country),
                PostalCodeExamples,
                countryCode,
                language),
            ValidationErrorCode.UnsupportedState => new Text(
                "Choose a state or province of {0} (its code, e.g. WA).",
                "Wybierz stan lub prowincję kraju {0} (jej kod, np. WA).").Format(language, country),
            ValidationErrorCode.UnsupportedCulture => new Text(
                "Choose one of the cultures supported for {0}.",
                "Wybierz ustawienia regionalne obsługiwane dla kraju {0}.").Format(language, country),
            ValidationErrorCode.UnsupportedLanguage => new Text(
                "Choose one of the languages supported for {0}.",
                "Wybierz język obsługiwany dla kraju {0}.").Format(language, country),
            ValidationErrorCode.UnsupportedCountry => new Text(
                "Billing information for {0} can't be edited here; use Partner Center.",
                "Informacji rozliczeniowych dla kraju {0} nie można tu edytować; użyj Partner Center.").Format(language, country),
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Code, null),
        };
    }

    private static string WithExample(string message, Dictionary<string, string> examples, string countryCode, UiLanguage language) =>
        examples.TryGetValue(countryCode, out var example)
            ? message + " " + new Text("For example: {0}", "Na przykład: {0}").Format(language, example)
            : message;
}
