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
}
