using PartnerBot.Domain.Staff;

namespace PartnerBot.Graph;

/// <summary>
/// Entra directory roles that are Partner Center roles, by role template id: the same in every tenant,
/// unlike a role's object id or display name.
/// </summary>
public static class DirectoryRoles
{
    public const string GlobalAdministratorTemplateId = "62e90394-69f5-4237-9190-012177145e10";

    public const string BillingAdministratorTemplateId = "b0f54661-2d74-4c50-afa3-1ec803f12efe";

    public static PartnerRole? FromTemplateId(string? templateId) => templateId?.ToLowerInvariant() switch
    {
        GlobalAdministratorTemplateId => PartnerRole.GlobalAdmin,
        BillingAdministratorTemplateId => PartnerRole.BillingAdmin,
        _ => null,
    };
}
