using System.Globalization;

namespace PartnerBot.Localization;

/// <summary>The two languages every message, card and button exists in.</summary>
public enum UiLanguage
{
    English,
    Polish,
}

public static class UiLanguages
{
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo PolishCulture = CultureInfo.GetCultureInfo("pl-PL");

    /// <summary>Teams sends the client's locale on every activity; anything not Polish falls back to English.</summary>
    public static UiLanguage FromLocale(string? locale) =>
        locale is not null && locale.StartsWith("pl", StringComparison.OrdinalIgnoreCase)
            ? UiLanguage.Polish
            : UiLanguage.English;

    public static CultureInfo Culture(this UiLanguage language) =>
        language == UiLanguage.Polish ? PolishCulture : EnglishCulture;

    public static string Locale(this UiLanguage language) =>
        language == UiLanguage.Polish ? "pl-PL" : "en-US";
}
