namespace PartnerBot.Domain.Staff;

/// <summary>
/// Which roles may do what. Configuration, not code: the host binds it from the "RolePolicy" section.
/// The defaults follow Partner Center's docs (domain.md): billing updates for Global admin, Admin agent
/// and Sales agent; purchase permission for the two admin roles alone.
/// </summary>
public sealed class RolePolicy
{
    public const string SectionName = "RolePolicy";

    public List<PartnerRole> ViewAccount { get; init; } =
        [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent, PartnerRole.HelpdeskAgent];

    public List<PartnerRole> UpdateBillingProfile { get; init; } =
        [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent];

    public List<PartnerRole> ChangePurchasePermission { get; init; } =
        [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent];

    public IReadOnlyList<PartnerRole> RolesFor(PartnerAction action) => action switch
    {
        PartnerAction.ViewAccount => ViewAccount.Distinct().ToList(),
        PartnerAction.UpdateBillingProfile => UpdateBillingProfile.Distinct().ToList(),
        PartnerAction.ChangePurchasePermission => ChangePurchasePermission.Distinct().ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
