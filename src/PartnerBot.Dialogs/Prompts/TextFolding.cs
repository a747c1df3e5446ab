using System.Globalization;
using System.Text;

namespace PartnerBot.Dialogs;

/// <summary>
/// Compares what people type with what the bot offers: case, accents and spacing do not matter, so
/// "lodz" selects "Łódź". Ł has no decomposition in Unicode, so it is mapped by hand.
/// </summary>
internal static class TextFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    folded.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            folded.Append(c switch
            {
                'ł' or 'Ł' => 'l',
                _ => char.ToLowerInvariant(c),
            });
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Typed replies often end with a full stop or an exclamation mark; they carry no meaning here.</summary>
    public static string FoldWord(string? text) => Fold(text).TrimEnd('.', '!', '?', ',');
}
