using System.Reflection;
using System.Text.RegularExpressions;
using PartnerBot.Localization;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Localization;

/// <summary>
/// Every word a user reads lives in a catalogue (src/PartnerBot/Localization, one per conversation plus a shared
/// one) and exists in English and Polish with the same placeholders, so a Polish user never meets an English
/// sentence, a missing value or a format exception.
/// </summary>
public sealed partial class TextCatalogueTests
{
    public static TheoryData<string> Catalogues() => new(CatalogueTypes().Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void Every_english_text_has_a_polish_twin_with_the_same_placeholders(string catalogue)
    {
        var texts = TextsOf(CatalogueTypes().Single(t => t.Name == catalogue)).ToList();
        Assert.NotEmpty(texts);
        foreach (var (name, text) in texts)
        {
            Assert.False(string.IsNullOrWhiteSpace(text.En), $"{catalogue}.{name} has no English text");
            Assert.False(string.IsNullOrWhiteSpace(text.Pl), $"{catalogue}.{name} has no Polish text");
            Assert.True(
                Placeholders(text.En).SetEquals(Placeholders(text.Pl)),
                $"{catalogue}.{name}: \"{text.En}\" and \"{text.Pl}\" differ in placeholders");
        }
    }

    [Fact]
    public void The_catalogues_are_the_conversations_and_a_shared_one()
    {
        Assert.Equal(
            ["AccountTexts", "BillingTexts", "CustomerChoiceTexts", "HistoryTexts", "MessageExtensionTexts", "PurchasePermissionTexts", "SharedTexts", "WelcomeTexts"],
            CatalogueTypes().Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_text_is_written_outside_the_catalogues()
    {
        var source = Path.Combine(RepositoryRoot.Path, "src", "PartnerBot");
        var strays = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.Combine("src", "PartnerBot", "Localization"), StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(source, f), Line: i + 1, Text: line)))
            .Where(l => TextDeclaration().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(strays);
    }

    [Fact]
    public void A_placeholder_missing_in_polish_is_caught()
    {
        Assert.False(Placeholders("Account: {0}").SetEquals(Placeholders("Konto")));
        Assert.False(Placeholders("{0} of {1}").SetEquals(Placeholders("{0} z {0}")));
        Assert.True(Placeholders("{0} at {1:g}").SetEquals(Placeholders("{1:g}, {0}")));
    }

    private static IEnumerable<Type> CatalogueTypes() =>
        typeof(Text).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Text).Namespace && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Texts", StringComparison.Ordinal));

    /// <summary>The catalogue's texts: its Text fields, and every Text of its dictionaries (field names, role names, ...).</summary>
    private static IEnumerable<(string Name, Text Text)> TextsOf(Type catalogue)
    {
        foreach (var field in catalogue.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        {
            switch (field.GetValue(null))
            {
                case Text text:
                    yield return (field.Name, text);
                    break;
                case System.Collections.IDictionary map:
                    foreach (System.Collections.DictionaryEntry entry in map)
                    {
                        if (entry.Value is Text value)
                        {
                            yield return ($"{field.Name}[{entry.Key}]", value);
                        }
                    }

                    break;
            }
        }
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>A Text built or declared in place: <c>new Text(</c>, or a field, local or parameter default of type Text.</summary>
    [GeneratedRegex(@"\bnew Text\(|\bText\s+\w+\s*=\s*new\s*\(")]
    private static partial Regex TextDeclaration();
}
