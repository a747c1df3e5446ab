namespace PartnerBot.Localization;

/// <summary>Country names (<see cref="SharedTexts.Countries"/>); a code PartnerBot has no name for shows as the code.</summary>
public static class Countries
{
    public static string Name(string code, UiLanguage language) =>
        SharedTexts.Countries.TryGetValue(code, out var name) ? name.In(language) : code.ToUpperInvariant();
}
