using PartnerBot.Domain.Customers;

namespace PartnerBot.Domain.Accounts;

/// <summary>
/// What a person typed into the edit form, field by field, kept as typed so a form with errors comes back
/// with the input intact. Only <see cref="BillingProfileValidator"/>'s approval turns it into a profile.
/// </summary>
public sealed record BillingProfileDraft(IReadOnlyDictionary<BillingProfileField, string> Values)
{
    public string this[BillingProfileField field] => Values.TryGetValue(field, out var v) ? v : string.Empty;

    public static BillingProfileDraft From(BillingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var a = profile.DefaultAddress;
        return new BillingProfileDraft(new Dictionary<BillingProfileField, string>
        {
            [BillingProfileField.CompanyName] = profile.CompanyName,
            [BillingProfileField.FirstName] = profile.FirstName,
            [BillingProfileField.LastName] = profile.LastName,
            [BillingProfileField.Email] = profile.Email,
            [BillingProfileField.PhoneNumber] = a.PhoneNumber ?? string.Empty,
            [BillingProfileField.AddressLine1] = a.AddressLine1,
            [BillingProfileField.AddressLine2] = a.AddressLine2 ?? string.Empty,
            [BillingProfileField.AddressLine3] = a.AddressLine3 ?? string.Empty,
            [BillingProfileField.City] = a.City ?? string.Empty,
            [BillingProfileField.State] = a.State ?? string.Empty,
            [BillingProfileField.PostalCode] = a.PostalCode ?? string.Empty,
            [BillingProfileField.Country] = a.Country,
            [BillingProfileField.Culture] = profile.Culture,
            [BillingProfileField.Language] = profile.Language,
        });
    }

    /// <summary>
    /// A draft from submitted form data: known fields only, trimmed, anything else ignored. A field of
    /// <paramref name="formInputs"/> (the inputs of the form the bot sent) missing from the submit is empty:
    /// Teams leaves an input the user emptied out of the submit. Any other field keeps the
    /// <paramref name="current"/> value, so a forged submit cannot set what the form does not offer (the country).
    /// </summary>
    public static BillingProfileDraft FromSubmitted(
        IReadOnlyDictionary<string, string?> submitted, BillingProfileDraft current, IReadOnlyCollection<BillingProfileField> formInputs)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(formInputs);
        var values = new Dictionary<BillingProfileField, string>(current.Values);
        foreach (var field in formInputs)
        {
            values[field] = submitted.TryGetValue(InputId(field), out var typed) && typed is not null ? typed.Trim() : string.Empty;
        }

        return new BillingProfileDraft(values);
    }

    /// <summary>The Adaptive Card input id of a field, shared by the form and the submit parser.</summary>
    public static string InputId(BillingProfileField field) => "billing." + field;

    /// <summary>The profile this draft describes; call only after validation passed.</summary>
    internal BillingProfile ToProfile(string etag, string countryCode)
    {
        static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
        return new BillingProfile(
            this[BillingProfileField.CompanyName],
            this[BillingProfileField.FirstName],
            this[BillingProfileField.LastName],
            this[BillingProfileField.Email],
            this[BillingProfileField.Culture],
            this[BillingProfileField.Language],
            new Address(
                this[BillingProfileField.AddressLine1],
                Optional(this[BillingProfileField.AddressLine2]),
                Optional(this[BillingProfileField.AddressLine3]),
                Optional(this[BillingProfileField.City]),
                Optional(this[BillingProfileField.State]),
                Optional(this[BillingProfileField.PostalCode]),
                countryCode,
                Optional(this[BillingProfileField.PhoneNumber])),
            etag);
    }
}
