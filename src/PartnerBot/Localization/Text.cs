using System.Globalization;

namespace PartnerBot.Localization;

/// <summary>
/// A user-facing text in both languages. Having both in one value makes a missing translation a
/// compile error rather than a runtime surprise.
/// </summary>
public readonly record struct Text(string En, string Pl)
{
    /// <summary>Data shown as it is in both languages (a company's name on a button), not words to translate.</summary>
    public static Text Same(string data) => new(data, data);

    public string In(UiLanguage language) => language == UiLanguage.Polish ? Pl : En;

    /// <summary>Formats with the language's culture, so numbers and dates read naturally.</summary>
    public string Format(UiLanguage language, params object?[] args) =>
        string.Format(language.Culture(), In(language), args);
}
