namespace PartnerBot.Domain.Accounts;

/// <summary>The editable fields of a billing profile, named as Partner Center's API names them.</summary>
public enum BillingProfileField
{
    CompanyName,
    FirstName,
    LastName,
    Email,
    PhoneNumber,
    AddressLine1,
    AddressLine2,
    AddressLine3,
    City,
    State,
    PostalCode,
    Country,
    Culture,
    Language,
}
