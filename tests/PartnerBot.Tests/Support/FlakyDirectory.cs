using PartnerBot.Domain.Customers;

namespace PartnerBot.Tests.Support;

/// <summary>The real directory behind a switch that makes the next account reads throw, as a bug or an outage would.</summary>
internal sealed class FlakyDirectory(ICustomerDirectory inner) : ICustomerDirectory
{
    public int FailuresLeft { get; set; }

    public Task<IReadOnlyList<CustomerMatch>> SearchAsync(string query, int top, CancellationToken cancellationToken) =>
        inner.SearchAsync(query, top, cancellationToken);

    public Task<CustomerAccount?> GetAccountAsync(string customerId, CancellationToken cancellationToken)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new InvalidOperationException("Simulated failure while reading an account");
        }

        return inner.GetAccountAsync(customerId, cancellationToken);
    }
}
