using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Customers;

/// <summary>
/// Reads customers from the system of record (the embedded database, or Partner Center).
/// Every read takes an <see cref="AuthorizedRead"/>, which only <see cref="AccountAuthorization"/> issues
/// to a person whose roles may view accounts (<c>RolePolicy:ViewAccount</c>), so account data and customer
/// names cannot be read for someone who was not checked. Callers check at the moment they read, not once
/// per conversation: a role removed a minute ago must count. Adapters need not re-check the roles; they
/// must not accept a null key. Writes go through <see cref="ICustomerAccountWriter"/>.
/// </summary>
public interface ICustomerDirectory
{
    /// <summary>Best matches for a company name or domain typed by a person, best first.</summary>
    Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken);

    /// <summary>The account as it is now, with the billing profile's current etag; null when unknown.</summary>
    Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken);
}
