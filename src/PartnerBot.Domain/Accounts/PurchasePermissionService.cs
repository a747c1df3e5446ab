using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Accounts;

public enum PurchasePermissionStatus
{
    Applied,
    AlreadyApplied,
    AlreadyInState,
    Refused,

    /// <summary>The role directory could not answer at submit; nothing was written.</summary>
    RoleUnverified,
    /// <summary>Over the per-user submit limit: nothing checked, written or recorded.</summary>
    RateLimited,
    NoAzurePlan,
    NotFound,
    Failed,
}

public sealed record PurchasePermissionOutcome(
    PurchasePermissionStatus Status,
    bool? IsAllowedNow,
    IReadOnlyList<PartnerRole>? AllowedRoles = null,
    IReadOnlyList<PartnerRole>? HeldRoles = null,
    string? ActorName = null,
    bool Busy = false,
    Exception? Error = null);

/// <summary>
/// A request to switch "Allow customer to purchase" on or off. <see cref="CustomerName"/> is the name the
/// user saw, so a refusal (which reads nothing) still names the customer in the audit.
/// </summary>
public sealed record PurchasePermissionRequest(
    string CustomerId,
    bool Allow,
    string OperationId,
    string? ActivityId,
    string? CustomerName = null);

/// <summary>
/// Switches a customer's purchase permission: role checked now (admins by default; the account is read
/// only for a person who may also view accounts), a customer without an Azure plan refused with that
/// reason, a switch to the state it is already in writes nothing, and every applied change and refusal
/// recorded, the applied one together with the change.
/// </summary>
public sealed class PurchasePermissionService(
    AccountAuthorization authorization,
    ICustomerDirectory directory,
    ICustomerAccountWriter writer,
    IAuditLog audit,
    TimeProvider clock,
    SubmitRateLimiter? limiter = null)
{
    private const string Field = "PurchasePermission";

    public async Task<PurchasePermissionOutcome> ChangeAsync(
        PartnerUser actor, PurchasePermissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (limiter is not null && !limiter.TryAcquire(actor.AadObjectId, SubmitRateLimiter.SubmitId(request.OperationId, request.ActivityId)))
        {
            return new PurchasePermissionOutcome(PurchasePermissionStatus.RateLimited, null);
        }

        var decision = await authorization.AuthorizeAsync(actor, PartnerAction.ChangePurchasePermission, cancellationToken).ConfigureAwait(false);
        actor = decision.NamedUser;
        if (decision.RoleUnverified)
        {
            var attempted = new FieldChange(Field, null, Describe(request.Allow));
            await TryRecordAsync(actor, request, request.CustomerName ?? request.CustomerId, AuditOutcome.Refused, attempted, AccountUpdateService.RoleUnverifiedReason, cancellationToken).ConfigureAwait(false);
            return new PurchasePermissionOutcome(PurchasePermissionStatus.RoleUnverified, null, decision.AllowedRoles);
        }

        if (decision is not { Authorized: { } authorized, Read: { } read })
        {
            // Nothing is read for a person who may not: the refusal records only what the request said.
            var asked = new FieldChange(Field, null, Describe(request.Allow));
            await TryRecordAsync(actor, request, request.CustomerName ?? request.CustomerId, AuditOutcome.Refused, asked, "RoleNotAllowed", cancellationToken).ConfigureAwait(false);
            var allowedRoles = decision.IsAllowed ? [.. decision.AllowedRoles.Where(decision.ViewRoles.Contains)] : decision.AllowedRoles;
            return new PurchasePermissionOutcome(PurchasePermissionStatus.Refused, null, allowedRoles, decision.HeldRoles);
        }

        CustomerAccount? account;
        try
        {
            account = await directory.GetAccountAsync(read, request.CustomerId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new PurchasePermissionOutcome(PurchasePermissionStatus.Failed, null, Error: ex);
        }

        if (account is null)
        {
            return new PurchasePermissionOutcome(PurchasePermissionStatus.NotFound, null);
        }

        var name = account.Billing.CompanyName;
        var was = account.PurchasePermission.IsAllowed;
        var change = new FieldChange(Field, Describe(was), Describe(request.Allow));
        if (was == request.Allow)
        {
            return new PurchasePermissionOutcome(PurchasePermissionStatus.AlreadyInState, was);
        }

        if (request.Allow && !account.HasAzurePlan)
        {
            await TryRecordAsync(actor, request, name, AuditOutcome.Refused, change, "NoAzurePlan", cancellationToken).ConfigureAwait(false);
            return new PurchasePermissionOutcome(PurchasePermissionStatus.NoAzurePlan, was);
        }

        var applied = Entry(actor, request, name, AuditOutcome.Applied, change, null);
        PurchasePermissionWriteResult result;
        try
        {
            result = await writer.SetPurchasePermissionAsync(authorized, request.CustomerId, request.Allow, request.OperationId, applied, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await TryRecordAsync(actor, request, name, AuditOutcome.Failed, change, ex.GetType().Name, cancellationToken).ConfigureAwait(false);
            // A timeout (a busy store) wrote nothing; the user is told to try again soon.
            return new PurchasePermissionOutcome(PurchasePermissionStatus.Failed, was, Busy: ex is TimeoutException, Error: ex);
        }

        switch (result.Status)
        {
            case WriteStatus.Applied:
                return new PurchasePermissionOutcome(PurchasePermissionStatus.Applied, result.Current?.IsAllowed ?? request.Allow, ActorName: actor.DisplayName);
            case WriteStatus.AlreadyApplied:
                return new PurchasePermissionOutcome(PurchasePermissionStatus.AlreadyApplied, result.Current?.IsAllowed ?? request.Allow);
            case WriteStatus.NotFound:
                return new PurchasePermissionOutcome(PurchasePermissionStatus.NotFound, null);
            case WriteStatus.Rejected:
                await TryRecordAsync(actor, request, name, AuditOutcome.Refused, change, result.Reason ?? "Rejected", cancellationToken).ConfigureAwait(false);
                return new PurchasePermissionOutcome(PurchasePermissionStatus.NoAzurePlan, was);
            default:
                await TryRecordAsync(actor, request, name, AuditOutcome.Failed, change, result.Status.ToString(), cancellationToken).ConfigureAwait(false);
                return new PurchasePermissionOutcome(PurchasePermissionStatus.Failed, was);
        }
    }

    /// <summary>The audit's words for the switch; the bot translates them when showing history.</summary>
    public static string Describe(bool allowed) => allowed ? "Allowed" : "NotAllowed";

    /// <summary>Records what changed nothing; a failing trail must not turn a true answer into an exception.</summary>
    private async Task TryRecordAsync(
        PartnerUser actor, PurchasePermissionRequest request, string customerName, AuditOutcome outcome, FieldChange change, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(Entry(actor, request, customerName, outcome, change, reason), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The backend is down; the audit may be on the same backend. The user still gets a clear answer.
        }
    }

    private AuditEntry Entry(
        PartnerUser actor, PurchasePermissionRequest request, string customerName, AuditOutcome outcome, FieldChange change, string? reason) =>
        new(
            AuditEntry.IdFor(request.ActivityId, request.OperationId, outcome, reason),
            clock.GetUtcNow(),
            request.CustomerId,
            customerName,
            actor.AadObjectId,
            actor.DisplayName,
            AuditAction.PurchasePermissionChange,
            outcome,
            [change],
            request.ActivityId,
            request.OperationId,
            reason);
}
