namespace PartnerBot.Domain.Staff;

/// <summary>
/// The one place that decides whether a person may do something, with their roles looked up now.
/// An allowed decision carries an <see cref="AuthorizedAction"/>, the only key the write ports accept,
/// and, when the person may view accounts, an <see cref="AuthorizedRead"/>, the only key the read ports
/// accept: reading account data without a role check cannot be written.
/// </summary>
public sealed class AccountAuthorization(IRoleDirectory roles, RolePolicy policy, TimeProvider clock)
{
    /// <summary>
    /// Checks <paramref name="action"/> and, with the same lookup, whether the person may view accounts
    /// (<see cref="AuthorizationDecision.Read"/>), so a conversation can refuse either at its first step.
    /// </summary>
    public Task<AuthorizationDecision> AuthorizeAsync(PartnerUser user, PartnerAction action, CancellationToken cancellationToken) =>
        // A change is checked against the directory as it is now; looking may rely on an answer a few minutes old.
        AuthorizeAsync(user, action, action == PartnerAction.ViewAccount ? RoleFreshness.RecentEnough : RoleFreshness.Current, cancellationToken);

    /// <summary>
    /// <see cref="AuthorizeAsync(PartnerUser, PartnerAction, CancellationToken)"/> for a conversation's step, which writes
    /// nothing: a change may be judged on the person as read during this turn (<see cref="RoleFreshness.ThisTurn"/>),
    /// because the submit that would write it checks again, now.
    /// </summary>
    public Task<AuthorizationDecision> AuthorizeStepAsync(PartnerUser user, PartnerAction action, CancellationToken cancellationToken) =>
        AuthorizeAsync(user, action, action == PartnerAction.ViewAccount ? RoleFreshness.RecentEnough : RoleFreshness.ThisTurn, cancellationToken);

    private async Task<AuthorizationDecision> AuthorizeAsync(
        PartnerUser user, PartnerAction action, RoleFreshness freshness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var allowedRoles = policy.RolesFor(action);
        var viewRoles = policy.RolesFor(PartnerAction.ViewAccount);
        StaffMember? staff;
        try
        {
            staff = await roles.FindAsync(user, freshness, cancellationToken).ConfigureAwait(false);
        }
        catch (RoleDirectoryUnavailableException)
        {
            // Never allow on failure: no key to write or read; the caller says the role could not be verified.
            return new AuthorizationDecision(user, action, null, allowedRoles, null, null, viewRoles) { RoleUnverified = true };
        }

        var heldRoles = staff?.Roles ?? [];
        var now = clock.GetUtcNow();
        var named = NameFromDirectory(user, staff);
        var authorized = heldRoles.Any(allowedRoles.Contains)
            ? new AuthorizedAction(named, action, heldRoles.First(allowedRoles.Contains), now)
            : null;
        var read = heldRoles.Any(viewRoles.Contains)
            ? new AuthorizedRead(named, heldRoles.First(viewRoles.Contains), now)
            : null;
        return new AuthorizationDecision(named, action, staff, allowedRoles, authorized, read, viewRoles);
    }

    /// <summary>Whether the person may view accounts now; the decision's <see cref="AuthorizationDecision.Read"/> is the key.</summary>
    public Task<AuthorizationDecision> AuthorizeReadAsync(PartnerUser user, CancellationToken cancellationToken) =>
        AuthorizeAsync(user, PartnerAction.ViewAccount, cancellationToken);

    /// <summary>The roles that may do <paramref name="action"/> under the configured policy.</summary>
    public IReadOnlyList<PartnerRole> RolesFor(PartnerAction action) => policy.RolesFor(action);

    // The audit and every answer name the person as the role directory knows them: from.name is typed by
    // the client and may claim to be anyone. A person the directory does not know keeps the channel's
    // name, which is harmless because they are refused everything.
    private static PartnerUser NameFromDirectory(PartnerUser user, StaffMember? staff) =>
        staff is not null && !string.IsNullOrWhiteSpace(staff.DisplayName)
            ? user with { DisplayName = staff.DisplayName }
            : user;

    /// <summary>The roles the person holds now (for the welcome card); empty when unknown.</summary>
    public async Task<IReadOnlyList<PartnerRole>> CurrentRolesAsync(PartnerUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var staff = await roles.FindAsync(user, RoleFreshness.RecentEnough, cancellationToken).ConfigureAwait(false);
        return staff?.Roles ?? [];
    }
}

/// <summary>
/// The outcome of a role check: who (named as the role directory names them), what, the roles that may,
/// the key to write when allowed, and the key to read accounts when the person may view them.
/// </summary>
public sealed record AuthorizationDecision(
    PartnerUser User,
    PartnerAction Action,
    StaffMember? Staff,
    IReadOnlyList<PartnerRole> AllowedRoles,
    AuthorizedAction? Authorized,
    AuthorizedRead? Read,
    IReadOnlyList<PartnerRole> ViewRoles)
{
    public bool IsAllowed => Authorized is not null;

    /// <summary>The role directory could not answer, so the person's role is unknown (and nothing is allowed).</summary>
    public bool RoleUnverified { get; init; }

    public bool MayView => Read is not null;

    public IReadOnlyList<PartnerRole> HeldRoles => Staff?.Roles ?? [];

    /// <summary>The user as the staff record names them (never the client-supplied from.name when the person is staff).</summary>
    public PartnerUser NamedUser => User;
}

/// <summary>Proof of a fresh role check. Its constructor is internal so only <see cref="AccountAuthorization"/> makes one.</summary>
public sealed class AuthorizedAction
{
    internal AuthorizedAction(PartnerUser user, PartnerAction action, PartnerRole grantedBy, DateTimeOffset checkedAt)
    {
        User = user;
        Action = action;
        GrantedBy = grantedBy;
        CheckedAt = checkedAt;
    }

    public PartnerUser User { get; }

    public PartnerAction Action { get; }

    public PartnerRole GrantedBy { get; }

    public DateTimeOffset CheckedAt { get; }

    /// <summary>Adapters call this before writing, so a key for one action cannot open another.</summary>
    public void EnsureFor(PartnerAction action)
    {
        if (Action != action)
        {
            throw new InvalidOperationException($"Authorized for {Action}, not for {action}.");
        }
    }
}

/// <summary>
/// Proof of a fresh check that the person may view accounts (<see cref="PartnerAction.ViewAccount"/>).
/// Its constructor is internal so only <see cref="AccountAuthorization"/> makes one; every read port
/// (<c>ICustomerDirectory</c>, the audit history) demands it.
/// </summary>
public sealed class AuthorizedRead
{
    internal AuthorizedRead(PartnerUser user, PartnerRole grantedBy, DateTimeOffset checkedAt)
    {
        User = user;
        GrantedBy = grantedBy;
        CheckedAt = checkedAt;
    }

    public PartnerUser User { get; }

    public PartnerRole GrantedBy { get; }

    public DateTimeOffset CheckedAt { get; }
}
