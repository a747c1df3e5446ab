using PartnerBot.Domain.Staff;

namespace PartnerBot.Localization;

/// <summary>Role names as Partner Center itself shows them, so users recognize them.</summary>
public static class RoleNames
{
    public static Text Of(PartnerRole role) => role switch
    {
        PartnerRole.GlobalAdmin => new("Global admin", "Administrator globalny"),
        PartnerRole.AdminAgent => new("Admin agent", "Agent administracyjny"),
        PartnerRole.SalesAgent => new("Sales agent", "Agent sprzedaży"),
        PartnerRole.HelpdeskAgent => new("Helpdesk agent", "Agent pomocy technicznej"),
        PartnerRole.BillingAdmin => new("Billing admin", "Administrator rozliczeń"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static readonly Text NoRole = new("no role", "brak roli");

    /// <summary>"Sales agent, Admin agent" (or the no-role text) in the user's language.</summary>
    public static string List(IEnumerable<PartnerRole> roles, UiLanguage language)
    {
        var names = roles.Select(r => Of(r).In(language)).ToList();
        return names.Count == 0 ? NoRole.In(language) : string.Join(", ", names);
    }
}
