namespace PartnerBot.Domain.Staff;

/// <summary>
/// Which roles may do what. Configuration, not code: the host binds it from the "RolePolicy" section.
/// A list left unset takes the default from Partner Center's docs (domain.md): viewing for every staff
/// role but Billing admin, billing updates for Global admin, Admin agent and Sales agent, purchase
/// permission for the two admin roles alone. The lists start null because the configuration binder
/// appends to a pre-filled list, which would make a narrower configured policy impossible.
/// </summary>
public sealed class RolePolicy
{
    public const string SectionName = "RolePolicy";

    private static readonly PartnerRole[] DefaultView =
        [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent, PartnerRole.HelpdeskAgent];

    private static readonly PartnerRole[] DefaultUpdate =
        [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent];

    private static readonly PartnerRole[] DefaultPurchasePermission =
        [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent];

    public List<PartnerRole>? ViewAccount { get; set; }

    public List<PartnerRole>? UpdateBillingProfile { get; set; }

    public List<PartnerRole>? ChangePurchasePermission { get; set; }

    public IReadOnlyList<PartnerRole> RolesFor(PartnerAction action) => action switch
    {
        PartnerAction.ViewAccount => (ViewAccount ?? [.. DefaultView]).Distinct().ToList(),
        PartnerAction.UpdateBillingProfile => (UpdateBillingProfile ?? [.. DefaultUpdate]).Distinct().ToList(),
        PartnerAction.ChangePurchasePermission => (ChangePurchasePermission ?? [.. DefaultPurchasePermission]).Distinct().ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
