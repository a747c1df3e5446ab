using System.Buffers;
using System.Globalization;
using System.Text;

namespace PartnerBot.Domain.Search;

/// <summary>
/// Folds text the way people type company names in a hurry: lower case, no accents, no punctuation.
/// "Zakłady Mięsne ŁÓDŹ Sp. z o.o." folds to "zaklady miesne lodz sp z o o".
/// </summary>
/// <remarks>
/// Unicode decomposition (NFD) strips most accents, but not the letters that are separate letters
/// rather than accented ones: Polish ł, Danish ø, æ, Croatian đ, German ß and a few more never decompose,
/// so they are mapped by hand. Apostrophes join ("O'Brien" → "obrien", "McDonald's" → "mcdonalds")
/// because people type them either way but rarely type a space there; every other non-letter separates.
/// </remarks>
public static class TextFold
{
    // Everything up to the end of Latin Extended-B is folded through a table built once; the rest of
    // Unicode goes through the slow path (rare in customer names: Vietnamese, Greek, Cyrillic).
    private const int TableSize = 0x250;

    private static readonly SearchValues<char> Umlauts = SearchValues.Create("äöüÄÖÜ");

    private static readonly string?[] Table = BuildTable(umlautsAsDigraphs: false);
    private static readonly string?[] DigraphTable = BuildTable(umlautsAsDigraphs: true);

    /// <summary>
    /// Folds <paramref name="text"/> to lower-case ASCII letters and digits (other scripts are kept,
    /// lower-cased) separated by single spaces, with no leading or trailing space.
    /// </summary>
    /// <param name="umlautsAsDigraphs">
    /// German spelling without umlauts: ä→ae, ö→oe, ü→ue instead of a, o, u. The index folds a name
    /// both ways, so "muller" and "mueller" both find "Müller".
    /// </param>
    public static string Fold(string? text, bool umlautsAsDigraphs = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var table = umlautsAsDigraphs ? DigraphTable : Table;
        var builder = new StringBuilder(text.Length + 4);
        var pendingSpace = false;
        foreach (var c in text)
        {
            var folded = c < TableSize ? table[c] : FoldChar(c, umlautsAsDigraphs);
            if (folded is null)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (folded.Length == 0)
            {
                // An apostrophe: joins the letters around it.
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(folded);
        }

        return builder.ToString();
    }

    /// <summary>True when <paramref name="text"/> has a letter that folds differently with <c>umlautsAsDigraphs</c>.</summary>
    public static bool HasUmlaut(string? text) => text is not null && text.AsSpan().IndexOfAny(Umlauts) >= 0;

    private static string?[] BuildTable(bool umlautsAsDigraphs)
    {
        var table = new string?[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            table[i] = FoldChar((char)i, umlautsAsDigraphs);
        }

        return table;
    }

    /// <summary>null: a separator; empty: dropped without separating; else the folded letters.</summary>
    private static string? FoldChar(char c, bool umlautsAsDigraphs)
    {
        if (c is '\'' or '\u2019' or '\u2018' or '`' or '\u00B4')
        {
            return string.Empty;
        }

        if (umlautsAsDigraphs)
        {
            switch (c)
            {
                case 'ä' or 'Ä': return "ae";
                case 'ö' or 'Ö': return "oe";
                case 'ü' or 'Ü': return "ue";
            }
        }

        // Letters that are letters of their own, not a base letter with a combining mark.
        switch (c)
        {
            case 'ł' or 'Ł': return "l";
            case 'ß': return "ss";
            case 'æ' or 'Æ': return "ae";
            case 'œ' or 'Œ': return "oe";
            case 'ø' or 'Ø': return "o";
            case 'đ' or 'Đ' or 'ð' or 'Ð': return "d";
            case 'þ' or 'Þ': return "th";
            case 'ħ' or 'Ħ': return "h";
            case 'ı': return "i";
            case 'ŧ' or 'Ŧ': return "t";
            case 'ŀ' or 'Ŀ': return "l";
            case 'ĸ': return "k";
            case 'ŋ' or 'Ŋ': return "n";
            case 'ƒ': return "f";
        }

        return FoldRare(c);
    }

    private static string? FoldRare(char c)
    {
        if (!char.IsLetterOrDigit(c))
        {
            return null;
        }

        if (c < 0x80)
        {
            return char.ToLowerInvariant(c).ToString();
        }

        var decomposed = char.ToLowerInvariant(c).ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(d);
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }
}
