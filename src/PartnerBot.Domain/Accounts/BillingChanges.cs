using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;

namespace PartnerBot.Domain.Accounts;

/// <summary>Field-by-field comparison of billing profiles: what the confirm card, the audit and a conflict show.</summary>
public static class BillingChanges
{
    public static string? ValueOf(BillingProfile profile, BillingProfileField field)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var a = profile.DefaultAddress;
        return field switch
        {
            BillingProfileField.CompanyName => profile.CompanyName,
            BillingProfileField.FirstName => profile.FirstName,
            BillingProfileField.LastName => profile.LastName,
            BillingProfileField.Email => profile.Email,
            BillingProfileField.PhoneNumber => a.PhoneNumber,
            BillingProfileField.AddressLine1 => a.AddressLine1,
            BillingProfileField.AddressLine2 => a.AddressLine2,
            BillingProfileField.AddressLine3 => a.AddressLine3,
            BillingProfileField.City => a.City,
            BillingProfileField.State => a.State,
            BillingProfileField.PostalCode => a.PostalCode,
            BillingProfileField.Country => a.Country,
            BillingProfileField.Culture => profile.Culture,
            BillingProfileField.Language => profile.Language,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
    }

    /// <summary>The fields whose values differ, in form order; empty strings and nulls count as the same.</summary>
    public static IReadOnlyList<FieldChange> Between(BillingProfile before, BillingProfile after) =>
        Enum.GetValues<BillingProfileField>()
            .Select(field => (field, old: Normalize(ValueOf(before, field)), now: Normalize(ValueOf(after, field))))
            .Where(x => !string.Equals(x.old, x.now, StringComparison.Ordinal))
            .Select(x => new FieldChange(x.field.ToString(), x.old, x.now))
            .ToList();

    /// <summary>
    /// The user's edits (reviewed → proposed) applied on top of what someone else saved meanwhile
    /// (<paramref name="current"/>), carrying the current etag so the next write can succeed.
    /// </summary>
    public static BillingProfile Rebase(BillingProfile reviewed, BillingProfile proposed, BillingProfile current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var mine = Between(reviewed, proposed).Select(c => Enum.Parse<BillingProfileField>(c.Field)).ToHashSet();
        string? Pick(BillingProfileField field) => mine.Contains(field) ? ValueOf(proposed, field) : ValueOf(current, field);
        return new BillingProfile(
            Pick(BillingProfileField.CompanyName) ?? string.Empty,
            Pick(BillingProfileField.FirstName) ?? string.Empty,
            Pick(BillingProfileField.LastName) ?? string.Empty,
            Pick(BillingProfileField.Email) ?? string.Empty,
            Pick(BillingProfileField.Culture) ?? string.Empty,
            Pick(BillingProfileField.Language) ?? string.Empty,
            new Address(
                Pick(BillingProfileField.AddressLine1) ?? string.Empty,
                Pick(BillingProfileField.AddressLine2),
                Pick(BillingProfileField.AddressLine3),
                Pick(BillingProfileField.City),
                Pick(BillingProfileField.State),
                Pick(BillingProfileField.PostalCode),
                current.DefaultAddress.Country,
                Pick(BillingProfileField.PhoneNumber)),
            current.Etag);
    }

    private static string? Normalize(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
