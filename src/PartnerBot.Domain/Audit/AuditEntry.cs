using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Audit;

public enum AuditAction
{
    BillingProfileUpdate,
    PurchasePermissionChange,
}

public enum AuditOutcome
{
    Applied,
    Refused,
    Conflict,
    Failed,
}

/// <summary>One field's change, as the user saw it on the confirm card.</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>A recorded change or refusal: when, who, which customer, what, and how it ended.</summary>
public sealed record AuditEntry(
    Guid Id,
    DateTimeOffset At,
    string CustomerId,
    string CustomerName,
    string ActorAadObjectId,
    string ActorName,
    AuditAction Action,
    AuditOutcome Outcome,
    IReadOnlyList<FieldChange> Changes,
    string? ActivityId,
    string? OperationId,
    string? Reason)
{
    /// <summary>
    /// The id of an entry one activity records: the same for the same activity, change and outcome, so that a
    /// turn run again (another instance saved the conversation first) records its refusal or conflict once, as
    /// the store keeps one entry per id. A new press is a new activity and gets its own entry.
    /// </summary>
    public static Guid IdFor(string? activityId, string? operationId, AuditOutcome outcome, string? reason)
    {
        if (string.IsNullOrEmpty(activityId))
        {
            return Guid.NewGuid();
        }

        var name = string.Join('\n', activityId, operationId, outcome, reason);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name), hash);
        return new Guid(hash[..16]);
    }
}

/// <summary>
/// The audit trail. Applied changes are recorded by the write ports together with the change (see
/// <c>ICustomerAccountWriter</c>); this port records what did not change anything (refusals, conflicts,
/// failures) and reads the history.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records an entry; recording the same <see cref="AuditEntry.Id"/> again leaves one entry.</summary>
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// The customer's entries, newest first. The trail names staff and customers, so it takes the same
    /// <see cref="AuthorizedRead"/> as account reads.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ListForCustomerAsync(
        AuthorizedRead read, string customerId, int skip, int take, CancellationToken cancellationToken);
}

/// <summary>
/// The outbox of changes sent to a remote system of record (the Partner Center connector), so that every
/// applied change is recorded exactly once even when the process dies between the call and the record:
/// <list type="number">
/// <item><see cref="RecordIntentAsync"/> before the remote call: the entry as it will read when applied
/// (its <see cref="AuditEntry.OperationId"/> is the idempotency key sent with the call);</item>
/// <item><see cref="CompleteAsync"/> after it, with how it ended: the entry moves to the audit trail with
/// that outcome, once (completing an id already completed or never recorded does nothing);</item>
/// <item><see cref="ListPendingAsync"/> on start: intents never completed, oldest first. The connector asks
/// the system of record whether each operation was applied and completes it (Applied or Failed).</item>
/// </list>
/// A pending intent is not history: <see cref="IAuditLog.ListForCustomerAsync"/> shows only completed entries.
/// <see cref="DiscardAsync"/> drops an intent that the system of record refused outright (a stale etag, a
/// customer not found): the write port then records nothing and the caller records the outcome, as the
/// <c>ICustomerAccountWriter</c> contract says, so the trail holds it once.
/// </summary>
public interface IAuditOutbox
{
    Task RecordIntentAsync(AuditEntry intended, CancellationToken cancellationToken);

    Task CompleteAsync(Guid entryId, AuditOutcome outcome, string? reason, CancellationToken cancellationToken);

    /// <summary>Drops a pending intent without recording it (the change certainly did not apply).</summary>
    Task DiscardAsync(Guid entryId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListPendingAsync(CancellationToken cancellationToken);
}
