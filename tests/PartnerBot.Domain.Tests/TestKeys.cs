using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Tests;

/// <summary>
/// A read key and applied-audit entries for fakes and the recognizer. The key still comes from the real
/// <see cref="AccountAuthorization"/>, the only place that issues one, over a one-person role directory.
/// </summary>
internal static class TestKeys
{
    public static readonly PartnerUser Admin = new("test-admin", "tenant", "Test Admin");

    public static readonly AuthorizedRead Read = IssueRead();

    /// <summary>The audit entry a write port records with an applied change.</summary>
    public static AuditEntry Applied(string customerId = "test-customer", string? operationId = null) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, "Test customer", Admin.AadObjectId, Admin.DisplayName,
            AuditAction.BillingProfileUpdate, AuditOutcome.Applied, [], null, operationId, null);

    private static AuthorizedRead IssueRead()
    {
        var authorization = new AccountAuthorization(new OneAdmin(), new RolePolicy(), TimeProvider.System);
        // The directory answers synchronously, so this completes at once.
        return authorization.AuthorizeReadAsync(Admin, CancellationToken.None).GetAwaiter().GetResult().Read!;
    }

    private sealed class OneAdmin : IRoleDirectory
    {
        public Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken) =>
            Task.FromResult<StaffMember?>(aadObjectId == Admin.AadObjectId
                ? new StaffMember(Admin.AadObjectId, Admin.DisplayName, null, [PartnerRole.GlobalAdmin])
                : null);
    }
}
