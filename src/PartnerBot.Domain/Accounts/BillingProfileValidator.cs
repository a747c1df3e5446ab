using System.Net.Mail;
using System.Text.RegularExpressions;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Validation;
using PhoneNumbers;

namespace PartnerBot.Domain.Accounts;

public enum ValidationErrorCode
{
    Required,
    TooLong,
    InvalidEmail,
    InvalidPhoneNumber,
    InvalidPostalCode,
    UnsupportedState,
    UnsupportedCulture,
    UnsupportedLanguage,
    UnsupportedCountry,

    /// <summary>The system of record refused the value when it was written (Partner Center's 400 naming the field).</summary>
    RefusedBySystemOfRecord,
}

/// <summary>One problem with one field. <see cref="Limit"/> is the length limit for <see cref="ValidationErrorCode.TooLong"/>.</summary>
public sealed record ValidationError(BillingProfileField Field, ValidationErrorCode Code, int? Limit = null);

/// <summary>The outcome of validating a draft: errors per field, or the profile ready to write.</summary>
public sealed record BillingValidationResult(IReadOnlyList<ValidationError> Errors, BillingProfile? Profile)
{
    public bool IsValid => Errors.Count == 0 && Profile is not null;
}

/// <summary>
/// Checks a draft with the customer's country rules (Partner Center's country validation rules) plus the
/// field rules of the billing profile resource. The country itself is the customer's and cannot be changed
/// here, whatever a submit says.
/// </summary>
public sealed class BillingProfileValidator(ICountryRulesSource countryRules)
{
    private const int NameMaxLength = 50;
    private const int AddressLineMaxLength = 200;
    private const int CompanyNameMaxLength = 200;
    private const int EmailMaxLength = 254;
    private const int CityMaxLength = 100;
    private const int PostalCodeMaxLength = 20;

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public async Task<BillingValidationResult> ValidateAsync(
        BillingProfileDraft draft, BillingProfile current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(current);
        var country = current.DefaultAddress.Country;
        var rules = await countryRules.GetAsync(country, cancellationToken).ConfigureAwait(false);
        var errors = new List<ValidationError>();
        if (rules is null)
        {
            errors.Add(new ValidationError(BillingProfileField.Country, ValidationErrorCode.UnsupportedCountry));
            return new BillingValidationResult(errors, null);
        }

        void Length(BillingProfileField field, int max, bool required)
        {
            var value = draft[field];
            if (value.Length == 0)
            {
                if (required)
                {
                    errors.Add(new ValidationError(field, ValidationErrorCode.Required));
                }
            }
            else if (value.Length > max)
            {
                errors.Add(new ValidationError(field, ValidationErrorCode.TooLong, max));
            }
        }

        Length(BillingProfileField.CompanyName, CompanyNameMaxLength, required: true);
        Length(BillingProfileField.FirstName, NameMaxLength, required: true);
        Length(BillingProfileField.LastName, NameMaxLength, required: true);
        Length(BillingProfileField.Email, EmailMaxLength, required: true);
        Length(BillingProfileField.AddressLine1, AddressLineMaxLength, required: true);
        Length(BillingProfileField.AddressLine2, AddressLineMaxLength, required: false);
        Length(BillingProfileField.AddressLine3, AddressLineMaxLength, required: false);
        Length(BillingProfileField.City, CityMaxLength, rules.IsCityRequired);
        Length(BillingProfileField.PostalCode, PostalCodeMaxLength, rules.IsPostalCodeRequired);

        var email = draft[BillingProfileField.Email];
        if (email.Length is > 0 and <= EmailMaxLength && !IsEmail(email))
        {
            errors.Add(new ValidationError(BillingProfileField.Email, ValidationErrorCode.InvalidEmail));
        }

        CheckPhone(draft[BillingProfileField.PhoneNumber], rules, errors);
        CheckPattern(draft[BillingProfileField.PostalCode], rules.PostalCodeRegex, BillingProfileField.PostalCode, ValidationErrorCode.InvalidPostalCode, errors);
        CheckState(draft[BillingProfileField.State], rules, errors);

        if (!rules.SupportedCultures.Contains(draft[BillingProfileField.Culture], StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new ValidationError(BillingProfileField.Culture, ValidationErrorCode.UnsupportedCulture));
        }

        if (!rules.SupportedLanguages.Contains(draft[BillingProfileField.Language], StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new ValidationError(BillingProfileField.Language, ValidationErrorCode.UnsupportedLanguage));
        }

        if (errors.Count > 0)
        {
            return new BillingValidationResult(errors, null);
        }

        var profile = draft.ToProfile(current.Etag, country) with
        {
            Culture = rules.SupportedCultures.First(c => string.Equals(c, draft[BillingProfileField.Culture], StringComparison.OrdinalIgnoreCase)),
            Language = rules.SupportedLanguages.First(c => string.Equals(c, draft[BillingProfileField.Language], StringComparison.OrdinalIgnoreCase)),
        };
        return new BillingValidationResult(errors, profile);
    }

    private static bool IsEmail(string value)
    {
        // MailAddress accepts display-name forms ("Ann <a@b.pl>"); a billing e-mail must be the bare address.
        return !value.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(value, out var parsed)
            && string.Equals(parsed.Address, value, StringComparison.Ordinal)
            && parsed.Host.Contains('.', StringComparison.Ordinal);
    }

    private static void CheckPhone(string value, CountryValidationRules rules, List<ValidationError> errors)
    {
        if (value.Length == 0)
        {
            if (rules.IsPhoneNumberRequired)
            {
                errors.Add(new ValidationError(BillingProfileField.PhoneNumber, ValidationErrorCode.Required));
            }

            return;
        }

        bool valid;
        try
        {
            // For the customer's country, not any country: a German number written with its +49 is a valid
            // number, but not a Polish customer's billing phone.
            var number = Phones.Parse(value, rules.CountryCode);
            valid = Phones.IsValidNumberForRegion(number, rules.CountryCode);
        }
        catch (NumberParseException)
        {
            valid = false;
        }

        if (!valid)
        {
            errors.Add(new ValidationError(BillingProfileField.PhoneNumber, ValidationErrorCode.InvalidPhoneNumber));
        }
    }

    private static void CheckPattern(
        string value, string? pattern, BillingProfileField field, ValidationErrorCode code, List<ValidationError> errors)
    {
        if (value.Length == 0 || string.IsNullOrEmpty(pattern) || errors.Any(e => e.Field == field))
        {
            return;
        }

        bool matches;
        try
        {
            matches = Regex.IsMatch(value, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            matches = false;
        }

        if (!matches)
        {
            errors.Add(new ValidationError(field, code));
        }
    }

    private static void CheckState(string value, CountryValidationRules rules, List<ValidationError> errors)
    {
        if (value.Length == 0)
        {
            if (rules.IsStateRequired)
            {
                errors.Add(new ValidationError(BillingProfileField.State, ValidationErrorCode.Required));
            }

            return;
        }

        if (rules.SupportedStates.Count > 0 && !rules.SupportedStates.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new ValidationError(BillingProfileField.State, ValidationErrorCode.UnsupportedState));
        }
    }
}
