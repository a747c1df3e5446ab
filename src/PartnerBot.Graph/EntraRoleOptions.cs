using PartnerBot.Domain.Staff;

namespace PartnerBot.Graph;

/// <summary>Where roles come from ("Roles" section): the embedded staff table or the partner's Entra ID.</summary>
public sealed class EntraRoleOptions
{
    public const string SectionName = "Roles";

    /// <summary>Roles cached for the welcome card and reads are never older than this, whatever is configured.</summary>
    public static readonly TimeSpan MaxCacheDuration = TimeSpan.FromMinutes(5);

    /// <summary><c>Embedded</c> (the SQLite staff table) or <c>EntraId</c> (Microsoft Graph).</summary>
    public RoleProvider Provider { get; set; } = RoleProvider.Embedded;

    public RoleGroups Groups { get; set; } = new();

    /// <summary>How long the welcome card and reads may reuse a looked-up role (at most 5 minutes). Writes never do.</summary>
    public TimeSpan CacheDuration { get; set; } = MaxCacheDuration;

    internal TimeSpan EffectiveCacheDuration =>
        CacheDuration < TimeSpan.Zero ? TimeSpan.Zero : CacheDuration > MaxCacheDuration ? MaxCacheDuration : CacheDuration;
}

public enum RoleProvider
{
    Embedded,
    EntraId,
}

/// <summary>
/// The security groups that give a role, by object id: a display name can be renamed or copied by anyone
/// who may create a group, an object id cannot.
/// </summary>
public sealed class RoleGroups
{
    /// <summary>The AdminAgents group Partner Center created in the partner tenant.</summary>
    public string? AdminAgents { get; set; }

    /// <summary>The SalesAgents group.</summary>
    public string? SalesAgents { get; set; }

    /// <summary>The HelpdeskAgents group.</summary>
    public string? HelpdeskAgents { get; set; }

    /// <summary>Further groups (object id → role), for setups that grant a role through a group of their own.</summary>
    public Dictionary<string, PartnerRole> Extra { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every configured group id with the role it gives; ids compared case-insensitively, as Graph does.</summary>
    public IReadOnlyDictionary<string, PartnerRole> ByGroupId()
    {
        var map = new Dictionary<string, PartnerRole>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, role) in Extra)
        {
            Add(map, id, role);
        }

        Add(map, HelpdeskAgents, PartnerRole.HelpdeskAgent);
        Add(map, SalesAgents, PartnerRole.SalesAgent);
        Add(map, AdminAgents, PartnerRole.AdminAgent);
        return map;
    }

    private static void Add(Dictionary<string, PartnerRole> map, string? id, PartnerRole role)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return;
        }

        if (!Guid.TryParse(id, out var objectId))
        {
            throw new InvalidOperationException(
                $"Roles:Groups: '{id}' is not a group object id (a GUID). Groups are matched by object id, never by name.");
        }

        map[objectId.ToString()] = role;
    }
}
