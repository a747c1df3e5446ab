namespace PartnerBot.Domain.Customers;

/// <summary>
/// Reads customers from the system of record (the embedded database, or Partner Center).
/// Writes go through <see cref="ICustomerAccountWriter"/>, which demands a fresh authorization.
/// </summary>
public interface ICustomerDirectory
{
    /// <summary>Best matches for a company name or domain typed by a person, best first.</summary>
    Task<IReadOnlyList<CustomerMatch>> SearchAsync(string query, int top, CancellationToken cancellationToken);

    /// <summary>The account as it is now, with the billing profile's current etag; null when unknown.</summary>
    Task<CustomerAccount?> GetAccountAsync(string customerId, CancellationToken cancellationToken);
}
