using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Accounts;

public enum BillingUpdateStatus
{
    Applied,
    AlreadyApplied,
    NothingToChange,
    Refused,

    /// <summary>The role directory could not answer at submit; nothing was written.</summary>
    RoleUnverified,
    /// <summary>Over the per-user submit limit: nothing checked, written or recorded.</summary>
    RateLimited,
    Conflict,
    NotFound,
    Failed,
}

/// <summary>
/// How a billing update ended. <see cref="Changes"/> is what was (or would have been) changed;
/// on <see cref="BillingUpdateStatus.Conflict"/>, <see cref="Current"/> is the profile as saved by someone
/// else and <see cref="ChangedSinceReview"/> what they changed; on a refusal, <see cref="AllowedRoles"/>
/// names who may; on an applied change, <see cref="ActorName"/> is the person as the role directory names them.
/// <see cref="Busy"/> marks a failure because the store was busy (a lock or a call timed out):
/// nothing was written and trying again soon is the right advice.
/// </summary>
public sealed record BillingUpdateOutcome(
    BillingUpdateStatus Status,
    IReadOnlyList<FieldChange> Changes,
    BillingProfile? Current = null,
    IReadOnlyList<FieldChange>? ChangedSinceReview = null,
    IReadOnlyList<PartnerRole>? AllowedRoles = null,
    IReadOnlyList<PartnerRole>? HeldRoles = null,
    string? ActorName = null,
    bool Busy = false,
    Exception? Error = null);

/// <summary>A request to replace a customer's billing profile, as the user confirmed it.</summary>
public sealed record BillingUpdateRequest(
    string CustomerId,
    string CustomerName,
    BillingProfile Reviewed,
    BillingProfile Proposed,
    string OperationId,
    string? ActivityId);

/// <summary>
/// Submits a billing profile change: checks the role now, writes with the etag read at review, records
/// every outcome. A backend failure is an outcome, not an exception, so the dialog keeps the user's edits.
/// </summary>
public sealed class AccountUpdateService(
    AccountAuthorization authorization,
    ICustomerAccountWriter writer,
    IAuditLog audit,
    TimeProvider clock,
    SubmitRateLimiter? limiter = null)
{
    /// <summary>The audit's reason when the role directory could not answer at submit.</summary>
    public const string RoleUnverifiedReason = "RoleUnverified";

    public async Task<BillingUpdateOutcome> SubmitAsync(
        PartnerUser actor, BillingUpdateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var changes = BillingChanges.Between(request.Reviewed, request.Proposed);
        if (changes.Count == 0)
        {
            return new BillingUpdateOutcome(BillingUpdateStatus.NothingToChange, changes);
        }

        if (limiter is not null && !limiter.TryAcquire(actor.AadObjectId, SubmitRateLimiter.SubmitId(request.OperationId, request.ActivityId)))
        {
            return new BillingUpdateOutcome(BillingUpdateStatus.RateLimited, changes);
        }

        var decision = await authorization.AuthorizeAsync(actor, PartnerAction.UpdateBillingProfile, cancellationToken).ConfigureAwait(false);
        actor = decision.NamedUser;
        if (decision.RoleUnverified)
        {
            await TryRecordAsync(actor, request, AuditOutcome.Refused, changes, RoleUnverifiedReason, cancellationToken).ConfigureAwait(false);
            return new BillingUpdateOutcome(BillingUpdateStatus.RoleUnverified, changes, AllowedRoles: decision.AllowedRoles);
        }

        if (decision.Authorized is not { } authorized)
        {
            await TryRecordAsync(actor, request, AuditOutcome.Refused, changes, "RoleNotAllowed", cancellationToken).ConfigureAwait(false);
            return new BillingUpdateOutcome(BillingUpdateStatus.Refused, changes, AllowedRoles: decision.AllowedRoles, HeldRoles: decision.HeldRoles);
        }

        // The applied entry travels with the write, so the store records it in the same transaction as the
        // change: an applied change is never left unrecorded, and a failed record never leaves a change behind.
        var applied = Entry(actor, request, AuditOutcome.Applied, changes, null);
        BillingProfileWriteResult result;
        try
        {
            result = await writer.ReplaceBillingProfileAsync(
                authorized, request.CustomerId, request.Proposed, request.Reviewed.Etag, request.OperationId, applied, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await TryRecordFailureAsync(actor, request, changes, ex, cancellationToken).ConfigureAwait(false);
            // The error goes with the outcome: the conversation tells a refused value or an access problem from an outage.
            return new BillingUpdateOutcome(BillingUpdateStatus.Failed, changes, Busy: ex is TimeoutException, Error: ex);
        }

        switch (result.Status)
        {
            case WriteStatus.Applied:
                return new BillingUpdateOutcome(BillingUpdateStatus.Applied, changes, result.Current, ActorName: actor.DisplayName);
            case WriteStatus.AlreadyApplied:
                return new BillingUpdateOutcome(BillingUpdateStatus.AlreadyApplied, changes, result.Current);
            case WriteStatus.Conflict when result.Current is not null:
                await TryRecordAsync(actor, request, AuditOutcome.Conflict, changes, "StaleEtag", cancellationToken).ConfigureAwait(false);
                return new BillingUpdateOutcome(
                    BillingUpdateStatus.Conflict,
                    changes,
                    result.Current,
                    BillingChanges.Between(request.Reviewed, result.Current));
            case WriteStatus.NotFound:
                return new BillingUpdateOutcome(BillingUpdateStatus.NotFound, changes);
            default:
                await TryRecordAsync(actor, request, AuditOutcome.Failed, changes, result.Status.ToString(), cancellationToken).ConfigureAwait(false);
                return new BillingUpdateOutcome(BillingUpdateStatus.Failed, changes);
        }
    }

    private Task TryRecordFailureAsync(
        PartnerUser actor, BillingUpdateRequest request, IReadOnlyList<FieldChange> changes, Exception failure, CancellationToken cancellationToken) =>
        TryRecordAsync(actor, request, AuditOutcome.Failed, changes, failure.GetType().Name, cancellationToken);

    /// <summary>
    /// Records what changed nothing. Its failure must not turn a clear outcome into an exception: the
    /// outcome the user reads is true whether or not the trail took the entry.
    /// </summary>
    private async Task TryRecordAsync(
        PartnerUser actor, BillingUpdateRequest request, AuditOutcome outcome, IReadOnlyList<FieldChange> changes, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(Entry(actor, request, outcome, changes, reason), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The backend is down; the audit may be on the same backend. The user still gets a clear answer.
        }
    }

    private AuditEntry Entry(
        PartnerUser actor, BillingUpdateRequest request, AuditOutcome outcome, IReadOnlyList<FieldChange> changes, string? reason) =>
            new AuditEntry(
                AuditEntry.IdFor(request.ActivityId, request.OperationId, outcome, reason),
                clock.GetUtcNow(),
                request.CustomerId,
                request.CustomerName,
                actor.AadObjectId,
                actor.DisplayName,
                AuditAction.BillingProfileUpdate,
                outcome,
                changes,
                request.ActivityId,
                request.OperationId,
                reason);
}
