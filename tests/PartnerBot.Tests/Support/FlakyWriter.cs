using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Tests.Support;

/// <summary>The real writer behind a switch that makes the next writes fail as an unreachable backend would.</summary>
internal sealed class FlakyWriter(ICustomerAccountWriter inner) : ICustomerAccountWriter
{
    public int FailuresLeft { get; set; }

    public Task<BillingProfileWriteResult> ReplaceBillingProfileAsync(
        AuthorizedAction authorization, string customerId, BillingProfile profile, string ifMatchEtag, string operationId, AuditEntry applied, CancellationToken cancellationToken)
    {
        FailIfAsked();
        return inner.ReplaceBillingProfileAsync(authorization, customerId, profile, ifMatchEtag, operationId, applied, cancellationToken);
    }

    public Task<PurchasePermissionWriteResult> SetPurchasePermissionAsync(
        AuthorizedAction authorization, string customerId, bool allow, string operationId, AuditEntry applied, CancellationToken cancellationToken)
    {
        FailIfAsked();
        return inner.SetPurchasePermissionAsync(authorization, customerId, allow, operationId, applied, cancellationToken);
    }

    private void FailIfAsked()
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new HttpRequestException("503 Service Unavailable");
        }
    }
}
