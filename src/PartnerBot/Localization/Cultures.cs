namespace PartnerBot.Localization;

/// <summary>
/// A billing profile's culture and language as people read them: the name in the reader's language with the
/// code Partner Center stores ("Polish (Poland) · pl-PL", "Polski · pl"), so the code stays recognizable.
/// A code PartnerBot has no name for shows as the code alone.
/// </summary>
public static class Cultures
{
    public const string Separator = " · ";

    /// <summary>A culture (<c>pl-PL</c>): "Polish (Poland) · pl-PL".</summary>
    public static string Name(string? code, UiLanguage language)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return code ?? string.Empty;
        }

        var parts = code.Split('-', 2);
        if (!SharedTexts.Languages.TryGetValue(parts[0], out var name))
        {
            return code;
        }

        var country = parts.Length == 2 ? $" ({Countries.Name(parts[1], language)})" : string.Empty;
        return name.In(language) + country + Separator + code;
    }

    /// <summary>A language (<c>pl</c>): "Polish · pl".</summary>
    public static string LanguageName(string? code, UiLanguage language) =>
        !string.IsNullOrWhiteSpace(code) && SharedTexts.Languages.TryGetValue(code, out var name)
            ? name.In(language) + Separator + code
            : code ?? string.Empty;
}
