namespace PartnerBot.Domain.Validation;

/// <summary>
/// A country's billing address rules, as Partner Center serves them at GET /v1/countryvalidationrules/{iso2}.
/// Regexes are .NET patterns matched against the whole trimmed value.
/// </summary>
public sealed record CountryValidationRules(
    string CountryCode,
    bool IsCityRequired,
    bool IsStateRequired,
    bool IsPostalCodeRequired,
    bool IsPhoneNumberRequired,
    string? PostalCodeRegex,
    string? PhoneNumberRegex,
    IReadOnlyList<string> SupportedStates,
    IReadOnlyList<string> SupportedCultures,
    IReadOnlyList<string> SupportedLanguages,
    string DefaultCulture);

public interface ICountryRulesSource
{
    /// <summary>The rules for an ISO 3166 alpha-2 country code; null when the country is not supported.</summary>
    Task<CountryValidationRules?> GetAsync(string countryCode, CancellationToken cancellationToken);
}
