namespace PartnerBot.Domain.Staff;

/// <summary>The partner's own staff roles in Partner Center.</summary>
public enum PartnerRole
{
    GlobalAdmin,
    AdminAgent,
    SalesAgent,
    HelpdeskAgent,
    BillingAdmin,
}

/// <summary>What a person can ask the bot to do; each is allowed to the roles the policy names.</summary>
public enum PartnerAction
{
    ViewAccount,
    UpdateBillingProfile,
    ChangePurchasePermission,
}

/// <summary>Who is talking to the bot, as the channel says (Teams: from.aadObjectId and channelData.tenant.id).</summary>
public sealed record PartnerUser(string AadObjectId, string? TenantId, string DisplayName);

/// <summary>A member of the partner's staff as the role directory knows them.</summary>
public sealed record StaffMember(string AadObjectId, string DisplayName, string? Email, IReadOnlyList<PartnerRole> Roles);

/// <summary>Looks up a person's roles now. Never cached by callers: a role removed a second ago must count.</summary>
public interface IRoleDirectory
{
    Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>
    /// The person as the channel names them (their tenant counts), looked up now or, where
    /// <paramref name="freshness"/> allows, from a recent answer. A directory that reads its own
    /// database every time has nothing to cache, hence the default.
    /// </summary>
    /// <exception cref="RoleDirectoryUnavailableException">The directory could not answer.</exception>
    Task<StaffMember?> FindAsync(PartnerUser user, RoleFreshness freshness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return FindAsync(user.AadObjectId, cancellationToken);
    }
}

/// <summary>How old a role may be: a change is checked against the directory as it is now.</summary>
public enum RoleFreshness
{
    /// <summary>Asked now: the check at a submit, before anything is written.</summary>
    Current,

    /// <summary>An answer a few minutes old will do: the welcome card and reads.</summary>
    RecentEnough,

    /// <summary>
    /// Read during this turn will do: the checks of a change at a conversation's steps (its first step, the form's
    /// button), which write nothing; the submit asks again, <see cref="Current"/>. A store that reads the sender with
    /// the turn's first round trip answers from that read; any other directory asks now.
    /// </summary>
    ThisTurn,
}

/// <summary>The role directory could not say who holds which role (it is down, throttling, or refusing us).</summary>
public sealed class RoleDirectoryUnavailableException : Exception
{
    public RoleDirectoryUnavailableException()
    {
    }

    public RoleDirectoryUnavailableException(string message)
        : base(message)
    {
    }

    public RoleDirectoryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
