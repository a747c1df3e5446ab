using System.Net.Mail;
using System.Text.RegularExpressions;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Data.Tests;

/// <summary>
/// The billing field rules of domain.md, applied with a country's rules: the tests' own check that every seeded
/// profile is one a user could submit unchanged.
/// </summary>
internal static class ProfileRules
{
    public static List<string> Problems(BillingProfile profile, CountryValidationRules? rules)
    {
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        var a = profile.DefaultAddress;
        Check(rules is not null, $"no rules for {a.Country}");
        if (rules is null)
        {
            return problems;
        }

        Check(!string.IsNullOrWhiteSpace(profile.CompanyName), "company name missing");
        Check(profile.FirstName.Length is >= 1 and <= 50, "first name length");
        Check(profile.LastName.Length is >= 1 and <= 50, "last name length");
        Check(MailAddress.TryCreate(profile.Email, out var mail) && mail.Address == profile.Email
            && profile.Email.Contains('.', StringComparison.Ordinal), $"e-mail '{profile.Email}'");
        Check(rules.SupportedCultures.Contains(profile.Culture), $"culture {profile.Culture}");
        Check(rules.SupportedLanguages.Contains(profile.Language), $"language {profile.Language}");
        Check(a.AddressLine1.Length is >= 1 and <= 200, "address line 1 length");
        Check((a.AddressLine2?.Length ?? 0) <= 200 && (a.AddressLine3?.Length ?? 0) <= 200, "address lines 2-3 length");
        Check(!rules.IsCityRequired || !string.IsNullOrWhiteSpace(a.City), "city missing");
        Check(!rules.IsStateRequired || !string.IsNullOrWhiteSpace(a.State), "state missing");
        Check(rules.SupportedStates.Count == 0 || a.State is null || rules.SupportedStates.Contains(a.State),
            $"state {a.State}");
        Check(!rules.IsPostalCodeRequired || !string.IsNullOrWhiteSpace(a.PostalCode), "postal code missing");
        Check(a.PostalCode is null || rules.PostalCodeRegex is null || Regex.IsMatch(a.PostalCode.Trim(), rules.PostalCodeRegex),
            $"postal code '{a.PostalCode}'");
        Check(!rules.IsPhoneNumberRequired || !string.IsNullOrWhiteSpace(a.PhoneNumber), "phone missing");
        Check(a.PhoneNumber is null || rules.PhoneNumberRegex is null || Regex.IsMatch(a.PhoneNumber.Trim(), rules.PhoneNumberRegex),
            $"phone '{a.PhoneNumber}'");
        return problems;
    }

    /// <summary>The NIP check digit: weights 6,5,7,2,3,4,5,6,7, sum mod 11.</summary>
    public static bool IsValidNip(string? nip)
    {
        if (nip is null || nip.Length != 10 || !nip.All(char.IsAsciiDigit))
        {
            return false;
        }

        int[] weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
        var sum = weights.Select((w, i) => w * (nip[i] - '0')).Sum();
        return sum % 11 == nip[9] - '0';
    }
}
