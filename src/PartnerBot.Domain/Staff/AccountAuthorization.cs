namespace PartnerBot.Domain.Staff;

/// <summary>
/// The one place that decides whether a person may do something, with their roles looked up now.
/// An allowed decision carries an <see cref="AuthorizedAction"/>, the only key the write ports accept.
/// </summary>
public sealed class AccountAuthorization(IRoleDirectory roles, RolePolicy policy, TimeProvider clock)
{
    public async Task<AuthorizationDecision> AuthorizeAsync(
        PartnerUser user, PartnerAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var allowedRoles = policy.RolesFor(action);

        // A change is checked against the directory as it is now; looking may rely on an answer a few minutes old.
        var freshness = action == PartnerAction.ViewAccount ? RoleFreshness.RecentEnough : RoleFreshness.Current;
        StaffMember? staff;
        try
        {
            staff = await roles.FindAsync(user, freshness, cancellationToken).ConfigureAwait(false);
        }
        catch (RoleDirectoryUnavailableException)
        {
            // Never allow on failure: the caller tells the user the role could not be verified.
            return new AuthorizationDecision(user, action, null, allowedRoles, null) { RoleUnverified = true };
        }

        var heldRoles = staff?.Roles ?? [];
        var granting = heldRoles.FirstOrDefault(allowedRoles.Contains);
        var isAllowed = heldRoles.Any(allowedRoles.Contains);
        var authorized = isAllowed
            ? new AuthorizedAction(user, action, granting, clock.GetUtcNow())
            : null;
        return new AuthorizationDecision(user, action, staff, allowedRoles, authorized);
    }

    /// <summary>The roles the person holds now (for the welcome card); empty when unknown.</summary>
    public async Task<IReadOnlyList<PartnerRole>> CurrentRolesAsync(PartnerUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var staff = await roles.FindAsync(user, RoleFreshness.RecentEnough, cancellationToken).ConfigureAwait(false);
        return staff?.Roles ?? [];
    }
}

/// <summary>The outcome of a role check: who, what, the roles that may, and the key to write when allowed.</summary>
public sealed record AuthorizationDecision(
    PartnerUser User,
    PartnerAction Action,
    StaffMember? Staff,
    IReadOnlyList<PartnerRole> AllowedRoles,
    AuthorizedAction? Authorized)
{
    public bool IsAllowed => Authorized is not null;

    /// <summary>The role directory could not answer, so the person's role is unknown (and nothing is allowed).</summary>
    public bool RoleUnverified { get; init; }

    public IReadOnlyList<PartnerRole> HeldRoles => Staff?.Roles ?? [];

    /// <summary>
    /// The user, named as the staff record names them when the channel sent no name (Teams may leave
    /// from.name out), so the audit says who, not an object id.
    /// </summary>
    public PartnerUser NamedUser =>
        Staff is not null && string.Equals(User.DisplayName, User.AadObjectId, StringComparison.Ordinal)
            ? User with { DisplayName = Staff.DisplayName }
            : User;
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
