using PartnerBot.Domain.Staff;

namespace PartnerBot.Localization;

/// <summary>Role names as Partner Center itself shows them (<see cref="SharedTexts.Roles"/>), so users recognize them.</summary>
public static class RoleNames
{
    public static Text Of(PartnerRole role) =>
        SharedTexts.Roles.TryGetValue(role, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(role), role, null);

    /// <summary>"Sales agent, Admin agent" (or the no-role text) in the user's language.</summary>
    public static string List(IEnumerable<PartnerRole> roles, UiLanguage language)
    {
        var names = roles.Select(r => Of(r).In(language)).ToList();
        return names.Count == 0 ? SharedTexts.NoRole.In(language) : string.Join(", ", names);
    }
}
