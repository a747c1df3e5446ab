using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Tests.Support;

/// <summary>The real directory behind a switch that makes the next account reads throw, as a bug or an outage would.</summary>
internal sealed class FlakyDirectory(ICustomerDirectory inner) : ICustomerDirectory
{
    public int FailuresLeft { get; set; }

    public Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken) =>
        inner.SearchAsync(read, query, top, cancellationToken);

    public Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new InvalidOperationException("Simulated failure while reading an account");
        }

        return inner.GetAccountAsync(read, customerId, cancellationToken);
    }
}
