using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Tests.Support;

/// <summary>
/// The real writer, whose next writes are applied and committed and then answered with an exception, as a
/// remote system of record does when its response is lost on the way back.
/// </summary>
internal sealed class AppliedThenLostWriter(ICustomerAccountWriter inner) : ICustomerAccountWriter
{
    public int LossesLeft { get; set; }


    public async Task<BillingProfileWriteResult> ReplaceBillingProfileAsync(
        AuthorizedAction authorization, string customerId, BillingProfile profile, string ifMatchEtag, string operationId, AuditEntry applied, CancellationToken cancellationToken)
    {
        var result = await inner.ReplaceBillingProfileAsync(authorization, customerId, profile, ifMatchEtag, operationId, applied, cancellationToken);
        LoseIfAsked();
        return result;
    }

    public async Task<PurchasePermissionWriteResult> SetPurchasePermissionAsync(
        AuthorizedAction authorization, string customerId, bool allow, string operationId, AuditEntry applied, CancellationToken cancellationToken)
    {
        var result = await inner.SetPurchasePermissionAsync(authorization, customerId, allow, operationId, applied, cancellationToken);
        LoseIfAsked();
        return result;
    }

    private void LoseIfAsked()
    {
        if (LossesLeft > 0)
        {
            LossesLeft--;
            throw new HttpRequestException("Connection reset after the request was sent");
        }
    }
}
