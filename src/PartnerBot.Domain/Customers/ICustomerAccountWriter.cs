using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Customers;

/// <summary>
/// Writes to a customer's account. Every method takes an <see cref="AuthorizedAction"/>, which only
/// <see cref="AccountAuthorization"/> can create, so a write without a fresh role check cannot be written.
/// <paramref name="operationId"/> makes a write idempotent: the same id applied twice changes nothing
/// the second time (Partner Center's MS-RequestId plays the same part).
/// </summary>
/// <remarks>
/// The audit contract: <c>applied</c> is the entry that records this change (outcome
/// <see cref="AuditOutcome.Applied"/>). When the result is <see cref="WriteStatus.Applied"/>, the adapter has
/// recorded it exactly once, together with the change: the embedded store commits the write, the operation
/// id and the audit row in one transaction (all or nothing); a remote system of record records the intent in
/// <see cref="IAuditOutbox"/> before the call and completes it after, so a crash in between is replayed on
/// start. For any other status the adapter records nothing; the caller records refusals, conflicts and
/// failures itself through <see cref="IAuditLog.RecordAsync"/>. An exception means the adapter cannot say
/// whether the change was applied; with an outbox the intent stays pending until replay settles it.
/// </remarks>
public interface ICustomerAccountWriter
{
    Task<BillingProfileWriteResult> ReplaceBillingProfileAsync(
        AuthorizedAction authorization,
        string customerId,
        BillingProfile profile,
        string ifMatchEtag,
        string operationId,
        AuditEntry applied,
        CancellationToken cancellationToken);

    Task<PurchasePermissionWriteResult> SetPurchasePermissionAsync(
        AuthorizedAction authorization,
        string customerId,
        bool allow,
        string operationId,
        AuditEntry applied,
        CancellationToken cancellationToken);
}

public enum WriteStatus
{
    /// <summary>Written now, and its audit entry recorded with it.</summary>
    Applied,

    /// <summary>The same operation id was applied before; nothing was written or recorded this time.</summary>
    AlreadyApplied,

    /// <summary>The etag was stale: someone changed the resource since it was read.</summary>
    Conflict,

    /// <summary>No such customer.</summary>
    NotFound,

    /// <summary>The request was refused by the system of record (e.g. no Azure plan).</summary>
    Rejected,
}

/// <summary>Result of a billing profile write; <see cref="Current"/> is the profile after the write or, on conflict, as it is now.</summary>
public sealed record BillingProfileWriteResult(WriteStatus Status, BillingProfile? Current);

/// <summary>Result of switching purchase permission; <see cref="Current"/> is the state after the call.</summary>
public sealed record PurchasePermissionWriteResult(WriteStatus Status, PurchasePermission? Current, string? Reason = null);
