namespace PartnerBot.Domain.Customers;

/// <summary>The tenant's own company details. Read-only in Partner Center: the bot shows them, never writes them.</summary>
public sealed record CompanyProfile(
    string TenantId,
    string Domain,
    string CompanyName,
    string? RegistrationNumber);

/// <summary>The billing address and phone (Partner Center's <c>defaultAddress</c>).</summary>
public sealed record Address(
    string AddressLine1,
    string? AddressLine2,
    string? AddressLine3,
    string? City,
    string? State,
    string? PostalCode,
    string Country,
    string? PhoneNumber);

/// <summary>
/// The billing profile, edited as one whole resource. <see cref="Etag"/> is the version it was read at;
/// a write must present it (If-Match) and is refused when someone changed the profile meanwhile.
/// </summary>
public sealed record BillingProfile(
    string CompanyName,
    string FirstName,
    string LastName,
    string Email,
    string Culture,
    string Language,
    Address DefaultAddress,
    string Etag);

/// <summary>The "Allow customer to purchase" switch (a self-serve policy in Partner Center).</summary>
public sealed record PurchasePermission(bool IsAllowed, string? PolicyId);

/// <summary>Everything the account card shows for one customer.</summary>
public sealed record CustomerAccount(
    string CustomerId,
    CompanyProfile Company,
    BillingProfile Billing,
    bool HasAzurePlan,
    PurchasePermission PurchasePermission);
