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
    string? Reason);

public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The customer's entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListForCustomerAsync(
        string customerId, int skip, int take, CancellationToken cancellationToken);
}
