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
    NoAzurePlan,
    NotFound,
    Failed,
}

public sealed record PurchasePermissionOutcome(
    PurchasePermissionStatus Status,
    bool? IsAllowedNow,
    IReadOnlyList<PartnerRole>? AllowedRoles = null,
    IReadOnlyList<PartnerRole>? HeldRoles = null);

/// <summary>A request to switch "Allow customer to purchase" on or off.</summary>
public sealed record PurchasePermissionRequest(
    string CustomerId,
    bool Allow,
    string OperationId,
    string? ActivityId);

/// <summary>
/// Switches a customer's purchase permission: role checked now (admins by default), a customer without
/// an Azure plan refused with that reason, a switch to the state it is already in writes nothing, and
/// every applied change and refusal recorded.
/// </summary>
public sealed class PurchasePermissionService(
    AccountAuthorization authorization,
    ICustomerDirectory directory,
    ICustomerAccountWriter writer,
    IAuditLog audit,
    TimeProvider clock)
{
    private const string Field = "PurchasePermission";

    public async Task<PurchasePermissionOutcome> ChangeAsync(
        PartnerUser actor, PurchasePermissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        CustomerAccount? account;
        try
        {
            account = await directory.GetAccountAsync(request.CustomerId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new PurchasePermissionOutcome(PurchasePermissionStatus.Failed, null);
        }

        if (account is null)
        {
            return new PurchasePermissionOutcome(PurchasePermissionStatus.NotFound, null);
        }

        var name = account.Billing.CompanyName;
        var was = account.PurchasePermission.IsAllowed;
        var change = new FieldChange(Field, Describe(was), Describe(request.Allow));
        var decision = await authorization.AuthorizeAsync(actor, PartnerAction.ChangePurchasePermission, cancellationToken).ConfigureAwait(false);
        actor = decision.NamedUser;
        if (decision.RoleUnverified)
        {
            await RecordAsync(actor, request, name, AuditOutcome.Refused, change, AccountUpdateService.RoleUnverifiedReason, cancellationToken).ConfigureAwait(false);
            return new PurchasePermissionOutcome(PurchasePermissionStatus.RoleUnverified, was, decision.AllowedRoles);
        }

        if (decision.Authorized is not { } authorized)
        {
            await RecordAsync(actor, request, name, AuditOutcome.Refused, change, "RoleNotAllowed", cancellationToken).ConfigureAwait(false);
            return new PurchasePermissionOutcome(PurchasePermissionStatus.Refused, was, decision.AllowedRoles, decision.HeldRoles);
        }

        if (was == request.Allow)
        {
            return new PurchasePermissionOutcome(PurchasePermissionStatus.AlreadyInState, was);
        }

        if (request.Allow && !account.HasAzurePlan)
        {
            await RecordAsync(actor, request, name, AuditOutcome.Refused, change, "NoAzurePlan", cancellationToken).ConfigureAwait(false);
            return new PurchasePermissionOutcome(PurchasePermissionStatus.NoAzurePlan, was);
        }

        PurchasePermissionWriteResult result;
        try
        {
            result = await writer.SetPurchasePermissionAsync(authorized, request.CustomerId, request.Allow, request.OperationId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            try
            {
                await RecordAsync(actor, request, name, AuditOutcome.Failed, change, ex.GetType().Name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception auditFailure) when (auditFailure is not OperationCanceledException)
            {
                // The backend is down; the user still gets a clear answer and can try again.
            }

            return new PurchasePermissionOutcome(PurchasePermissionStatus.Failed, was);
        }

        switch (result.Status)
        {
            case WriteStatus.Applied:
                await RecordAsync(actor, request, name, AuditOutcome.Applied, change, null, cancellationToken).ConfigureAwait(false);
                return new PurchasePermissionOutcome(PurchasePermissionStatus.Applied, result.Current?.IsAllowed ?? request.Allow);
            case WriteStatus.AlreadyApplied:
                return new PurchasePermissionOutcome(PurchasePermissionStatus.AlreadyApplied, result.Current?.IsAllowed ?? request.Allow);
            case WriteStatus.NotFound:
                return new PurchasePermissionOutcome(PurchasePermissionStatus.NotFound, null);
            case WriteStatus.Rejected:
                await RecordAsync(actor, request, name, AuditOutcome.Refused, change, result.Reason ?? "Rejected", cancellationToken).ConfigureAwait(false);
                return new PurchasePermissionOutcome(PurchasePermissionStatus.NoAzurePlan, was);
            default:
                await RecordAsync(actor, request, name, AuditOutcome.Failed, change, result.Status.ToString(), cancellationToken).ConfigureAwait(false);
                return new PurchasePermissionOutcome(PurchasePermissionStatus.Failed, was);
        }
    }

    /// <summary>The audit's words for the switch; the bot translates them when showing history.</summary>
    public static string Describe(bool allowed) => allowed ? "Allowed" : "NotAllowed";

    private Task RecordAsync(
        PartnerUser actor, PurchasePermissionRequest request, string customerName, AuditOutcome outcome, FieldChange change, string? reason, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            new AuditEntry(
                Guid.NewGuid(),
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
                reason),
            cancellationToken);
}
