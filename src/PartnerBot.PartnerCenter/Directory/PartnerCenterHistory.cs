using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Staff;
using PartnerBot.PartnerCenter.Api;

namespace PartnerBot.PartnerCenter.Directory;

/// <summary>
/// The history a user reads with Partner Center connected: PartnerBot's own audit trail merged, newest first,
/// with the changes Partner Center recorded for the customer that were made elsewhere (the portal, another app):
/// billing profile updates and purchase permission changes within <see cref="PartnerCenterOptions.AuditLookback"/>.
/// PartnerBot's own calls (its app id) are left out of Partner Center's list: its trail already holds them, with
/// the Teams user who asked. When Partner Center cannot answer, the trail alone is shown.
/// </summary>
public sealed class PartnerCenterHistory(
    IAuditLog trail,
    PartnerCenterClient client,
    PartnerCenterOptions options,
    TimeProvider clock,
    ILogger<PartnerCenterHistory> logger) : IAuditLog
{
    /// <summary>The reason that marks an entry as made in Partner Center itself, not through PartnerBot.</summary>
    public const string MadeInPartnerCenterReason = "MadeInPartnerCenter";

    // Audit records are paged; a history card shows a handful, so a few pages are plenty.
    private const int MaxPages = 3;

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) => trail.RecordAsync(entry, cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> ListForCustomerAsync(
        AuthorizedRead read, string customerId, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var own = await trail.ListForCustomerAsync(read, customerId, 0, skip + take, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AuditEntry> elsewhere;
        try
        {
            var now = clock.GetUtcNow();
            var records = await client.ListAuditRecordsAsync(customerId, now - options.AuditLookback, now, MaxPages, cancellationToken).ConfigureAwait(false);
            elsewhere = records.Where(r => !string.Equals(r.ApplicationId, options.ClientId, StringComparison.OrdinalIgnoreCase))
                .Select(r => ToEntry(r, own.Count > 0 ? own[0].CustomerName : null))
                .OfType<AuditEntry>()
                .ToList();
        }
        catch (PartnerCenterException ex)
        {
            logger.LogWarning("Partner Center audit records for {CustomerId} unavailable ({Failure}); history shows PartnerBot's own trail only", customerId, ex.Failure);
            elsewhere = [];
        }

        return own.Concat(elsewhere)
            .OrderByDescending(e => e.At)
            .Skip(skip)
            .Take(take)
            .ToList();
    }

    private static AuditEntry? ToEntry(PartnerCenterAuditRecord record, string? knownName)
    {
        var operation = new string((record.OperationType ?? "").Where(char.IsLetter).ToArray());
        AuditAction? action = operation.Contains("BillingProfile", StringComparison.OrdinalIgnoreCase) ? AuditAction.BillingProfileUpdate
            : operation.Contains("PurchasePermission", StringComparison.OrdinalIgnoreCase) || operation.Contains("SelfServePolic", StringComparison.OrdinalIgnoreCase)
                ? AuditAction.PurchasePermissionChange
            : null;
        if (action is null)
        {
            return null;
        }

        var change = action == AuditAction.PurchasePermissionChange
            ? new FieldChange("PurchasePermission", null, operation.Contains("Delete", StringComparison.OrdinalIgnoreCase) ? "NotAllowed" : "Allowed")
            : null;
        var succeeded = record.OperationStatus is null || record.OperationStatus.Equals("Succeeded", StringComparison.OrdinalIgnoreCase)
            || record.OperationStatus.Equals("Success", StringComparison.OrdinalIgnoreCase);
        return new AuditEntry(
            IdFor(record.Id),
            record.OperationDate,
            record.CustomerId,
            record.CustomerName ?? knownName ?? record.CustomerId,
            ActorAadObjectId: "",
            ActorName: record.UserPrincipalName ?? "Partner Center",
            action.Value,
            succeeded ? AuditOutcome.Applied : AuditOutcome.Failed,
            change is null ? [] : [change],
            ActivityId: null,
            OperationId: null,
            MadeInPartnerCenterReason);
    }

    // Stable across reads, so a page boundary never shows the same record twice under two ids.
    private static Guid IdFor(string recordId) => new(SHA256.HashData(Encoding.UTF8.GetBytes("partner-center-audit:" + recordId)).AsSpan(0, 16));
}
