namespace PartnerBot.Localization;

/// <summary>Country names for the countries whose rules PartnerBot knows; other codes show as the code.</summary>
public static class Countries
{
    private static readonly Dictionary<string, Text> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PL"] = new("Poland", "Polska"),
        ["DE"] = new("Germany", "Niemcy"),
        ["GB"] = new("United Kingdom", "Wielka Brytania"),
        ["US"] = new("United States", "Stany Zjednoczone"),
        ["FR"] = new("France", "Francja"),
        ["CA"] = new("Canada", "Kanada"),
        ["ES"] = new("Spain", "Hiszpania"),
        ["IT"] = new("Italy", "Włochy"),
        ["NL"] = new("Netherlands", "Holandia"),
        ["IN"] = new("India", "Indie"),
        ["BR"] = new("Brazil", "Brazylia"),
        ["CZ"] = new("Czechia", "Czechy"),
        ["AT"] = new("Austria", "Austria"),
        ["IE"] = new("Ireland", "Irlandia"),
        ["UA"] = new("Ukraine", "Ukraina"),
    };

    public static string Name(string code, UiLanguage language) =>
        Names.TryGetValue(code, out var name) ? name.In(language) : code.ToUpperInvariant();
}
