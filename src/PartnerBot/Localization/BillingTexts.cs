using PartnerBot.Domain.Accounts;

namespace PartnerBot.Localization;

/// <summary>
/// The billing edit conversation's words: field names and validation messages (in Partner Center's own words
/// where it has them), the form, and what the dialog says. The change cards' words are shared (<see cref="SharedTexts"/>).
/// </summary>
public static class BillingTexts
{
    public static readonly IReadOnlyDictionary<BillingProfileField, Text> FieldNames = new Dictionary<BillingProfileField, Text>
    {
        [BillingProfileField.CompanyName] = new("Bill-to company name", "Nazwa firmy do rozliczeń"),
        [BillingProfileField.FirstName] = new("Contact first name", "Imię osoby kontaktowej"),
        [BillingProfileField.LastName] = new("Contact last name", "Nazwisko osoby kontaktowej"),
        [BillingProfileField.Email] = new("Billing e-mail", "Adres e-mail do rozliczeń"),
        [BillingProfileField.PhoneNumber] = new("Phone number", "Numer telefonu"),
        [BillingProfileField.AddressLine1] = new("Address line 1", "Adres, wiersz 1"),
        [BillingProfileField.AddressLine2] = new("Address line 2", "Adres, wiersz 2"),
        [BillingProfileField.AddressLine3] = new("Address line 3", "Adres, wiersz 3"),
        [BillingProfileField.City] = new("City", "Miejscowość"),
        [BillingProfileField.State] = new("State or province", "Stan lub województwo"),
        [BillingProfileField.PostalCode] = new("Postal code", "Kod pocztowy"),
        [BillingProfileField.Country] = new("Country", "Kraj"),
        [BillingProfileField.Culture] = new("Culture", "Ustawienia regionalne"),
        [BillingProfileField.Language] = new("Language", "Język"),
    };

    /// <summary>What the form says beside a field that failed validation: {0} is the limit or the country's name.</summary>
    public static readonly IReadOnlyDictionary<ValidationErrorCode, Text> ValidationMessages = new Dictionary<ValidationErrorCode, Text>
    {
        [ValidationErrorCode.Required] = new("This field is required.", "To pole jest wymagane."),
        [ValidationErrorCode.TooLong] = new("At most {0} characters.", "Najwyżej {0} znaków."),
        [ValidationErrorCode.InvalidEmail] = new("Enter an e-mail address like name@example.com.", "Wpisz adres e-mail w postaci nazwa@firma.pl."),
        [ValidationErrorCode.InvalidPhoneNumber] = new("This is not a valid phone number for {0}.", "To nie jest poprawny numer telefonu dla kraju: {0}."),
        [ValidationErrorCode.InvalidPostalCode] = new("This is not a valid postal code for {0}.", "To nie jest poprawny kod pocztowy dla kraju: {0}."),
        [ValidationErrorCode.UnsupportedState] = new("Choose a state or province of {0} (its code, e.g. WA).", "Wybierz stan lub prowincję kraju {0} (jej kod, np. WA)."),
        [ValidationErrorCode.UnsupportedCulture] = new("Choose one of the cultures supported for {0}.", "Wybierz ustawienia regionalne obsługiwane dla kraju {0}."),
        [ValidationErrorCode.UnsupportedLanguage] = new("Choose one of the languages supported for {0}.", "Wybierz język obsługiwany dla kraju {0}."),
        [ValidationErrorCode.RefusedBySystemOfRecord] = new(
            "Partner Center did not accept this value, so nothing was changed. Correct it and review the changes again.",
            "Partner Center nie przyjął tej wartości, więc niczego nie zmieniono. Popraw ją i ponownie przejrzyj zmiany."),
        [ValidationErrorCode.UnsupportedCountry] = new(
            "Billing information for {0} can't be edited here; use Partner Center.",
            "Informacji rozliczeniowych dla kraju {0} nie można tu edytować; użyj Partner Center."),
    };

    public static readonly Text ForExample = new("For example: {0}", "Na przykład: {0}");

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

    public static Text FieldName(BillingProfileField field) =>
        FieldNames.TryGetValue(field, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(field), field, null);

    /// <summary>The field name for an audit or diff entry, which stores the field's API name.</summary>
    public static string FieldName(string apiName, UiLanguage language) =>
        Enum.TryParse<BillingProfileField>(apiName, out var field) ? FieldName(field).In(language) : apiName;

    /// <summary>A profile value from an audit or diff entry as people read it: culture and language named, anything else as stored.</summary>
    public static string? Value(string apiName, string? value, UiLanguage language) =>
        string.IsNullOrEmpty(value) ? value
        : apiName == nameof(BillingProfileField.Culture) ? Cultures.Name(value, language)
        : apiName == nameof(BillingProfileField.Language) ? Cultures.LanguageName(value, language)
        : value;

    public static string Message(ValidationError error, string countryCode, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!ValidationMessages.TryGetValue(error.Code, out var text))
        {
            throw new ArgumentOutOfRangeException(nameof(error), error.Code, null);
        }

        var message = error.Code == ValidationErrorCode.TooLong
            ? text.Format(language, error.Limit)
            : text.Format(language, Countries.Name(countryCode, language));
        var examples = error.Code switch
        {
            ValidationErrorCode.InvalidPhoneNumber => PhoneExamples,
            ValidationErrorCode.InvalidPostalCode => PostalCodeExamples,
            _ => null,
        };
        return examples is not null && examples.TryGetValue(countryCode, out var example)
            ? message + " " + ForExample.Format(language, example)
            : message;
    }

    public static readonly Text FormTitle = new("Edit billing information: {0}", "Edytuj informacje rozliczeniowe: {0}");

    public static readonly Text FormHint = new(
        "Change what you need and select Review changes. Nothing is saved until you confirm.",
        "Zmień, co trzeba, i wybierz Przejrzyj zmiany. Nic nie zostanie zapisane, dopóki nie potwierdzisz.");

    public static readonly Text FixErrors = new("Please correct the fields marked below.", "Popraw zaznaczone pola.");

    public static readonly Text CountryNote = new(
        "Country: {0} (the customer's country cannot be changed)",
        "Kraj: {0} (kraju klienta nie można zmienić)");

    public static readonly Text ReviewButton = new("Review changes", "Przejrzyj zmiany");

    public static readonly Text AddressUnverified = new(
        "Partner Center could not verify this address. Choose one of its suggestions to fill in the address fields, keep your address, or correct it below.",
        "Partner Center nie mógł zweryfikować tego adresu. Wybierz jedną z jego propozycji, aby wypełnić pola adresu, zachowaj swój adres albo popraw go poniżej.");

    public static readonly Text AddressUnverifiedNoSuggestion = new(
        "Partner Center could not verify this address and has nothing to suggest. Keep your address, or correct it below.",
        "Partner Center nie mógł zweryfikować tego adresu i nie ma propozycji. Zachowaj swój adres albo popraw go poniżej.");

    public static readonly Text KeepAddressButton = new("Keep my address", "Zachowaj mój adres");

    public static readonly Text SuggestionFilledIn = new(
        "The suggested address is filled in below. Check it and select Review changes.",
        "Proponowany adres jest wpisany poniżej. Sprawdź go i wybierz Przejrzyj zmiany.");

    public static readonly Text NothingChangedYet = new(
        "Nothing is changed yet: every value is as the account has it. Change a field and select Review changes, or Cancel.",
        "Nic jeszcze nie zmieniono: wszystkie wartości są takie jak na koncie. Zmień pole i wybierz Przejrzyj zmiany albo Anuluj.");

    public static readonly Text NothingToChange = new(
        "The form has the same values as the account, so there is nothing to change.",
        "Formularz ma te same wartości co konto, więc nie ma nic do zmiany.");

    public static readonly Text RefusedToChange = new(
        "You can't change billing information: {0}. It can be done by: {1}. Nothing was changed.",
        "Nie możesz zmienić informacji rozliczeniowych: {0}. Mogą to zrobić: {1}. Niczego nie zmieniono.");

    public static readonly Text SaveFailed = new(
        "I couldn't save the change: the system of record did not answer. Your edits are kept; select *Try again* or *Cancel*.",
        "Nie udało się zapisać zmiany: system źródłowy nie odpowiedział. Twoje zmiany są zachowane; wybierz *Spróbuj ponownie* albo *Anuluj*.");
}
