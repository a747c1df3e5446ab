namespace PartnerBot.Domain.Language;

/// <summary>
/// Undoes the case endings Polish puts on company names in a sentence: "dla Zakładów Mięsnych",
/// "Fabrikamowi", "u Kowalskiego". The customer search matches a word by its start, so a name cut back
/// to its stem ("zaklad", "miesn") finds "Zakłady Mięsne" where the inflected word is too far off to
/// pass for a typo.
/// </summary>
internal static class PolishInflection
{
    // Folded endings, longest first so "owi" is cut before "i". Noun and adjective cases that
    // names take; verbs never reach here.
    private static readonly string[] Endings =
    [
        "owie", "ami", "ach", "ego", "emu", "ych", "ymi", "ich", "imi", "owi", "iej", "om", "ow", "ie", "ej", "em",
        "u", "a", "y", "e", "i", "o",
    ];

    // A stem shorter than this matches too many names by their start.
    private const int MinimumStem = 4;

    /// <summary>Each word of a folded text cut to its stem; words too short to cut stay as they are.</summary>
    public static string StemWords(string foldedText) =>
        string.Join(' ', foldedText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Stem));

    public static string Stem(string foldedWord)
    {
        foreach (var ending in Endings)
        {
            if (foldedWord.Length - ending.Length >= MinimumStem && foldedWord.EndsWith(ending, StringComparison.Ordinal))
            {
                return foldedWord[..^ending.Length];
            }
        }

        return foldedWord;
    }
}
