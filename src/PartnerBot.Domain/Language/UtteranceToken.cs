using System.Text.RegularExpressions;
using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Language;

internal enum TokenKind
{
    Word,

    /// <summary>"contoso.onmicrosoft.com": always a customer mention, never a cue.</summary>
    Domain,

    /// <summary>"jan@contoso.pl": a value the user is typing (a new billing e-mail), never a mention.</summary>
    Email,
}

/// <summary>One word of an utterance: where it is in the text as typed, and its folded form.</summary>
internal sealed record UtteranceToken(int Start, int Length, string Folded, TokenKind Kind)
{
    public int End => Start + Length;
}

internal static partial class UtteranceTokenizer
{
    // E-mails first, then domains (labels joined by dots, ending in a label of two letters or more, so the
    // "o.o." of "Sp. z o.o." and the "S.A." of a name stay words), then words with inner apostrophes.
    [GeneratedRegex(
        @"(?<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)"
        + @"|(?<domain>[\p{L}\p{N}][\p{L}\p{N}-]*[\p{L}\p{N}](?:\.[\p{L}\p{N}][\p{L}\p{N}-]*)*\.\p{L}{2,}(?![\p{L}\p{N}]))"
        + @"|(?<word>[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*)",
        RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    // Utterances are a sentence; capping them bounds the work a pasted document causes.
    private const int MaxLength = 500;

    public static List<UtteranceToken> Tokenize(string utterance)
    {
        var text = utterance.Length > MaxLength ? utterance[..MaxLength] : utterance;
        var tokens = new List<UtteranceToken>();
        foreach (Match match in TokenPattern().Matches(text))
        {
            if (match.Groups["email"].Success)
            {
                tokens.Add(new UtteranceToken(match.Index, match.Length, match.Value.ToLowerInvariant(), TokenKind.Email));
            }
            else if (match.Groups["domain"].Success)
            {
                tokens.Add(new UtteranceToken(match.Index, match.Length, match.Value.ToLowerInvariant(), TokenKind.Domain));
            }
            else
            {
                var length = WithoutPossessive(match.Value);
                var folded = TextFold.Fold(match.Value[..length]);
                if (folded.Length > 0)
                {
                    tokens.Add(new UtteranceToken(match.Index, length, folded, TokenKind.Word));
                }
            }
        }

        return tokens;
    }

    /// <summary>"Contoso's" is Contoso: the folding would join the apostrophe into "contosos".</summary>
    private static int WithoutPossessive(string word) =>
        word.Length > 2 && word[^1] is 's' or 'S' && word[^2] is '\'' or '’' ? word.Length - 2 : word.Length;
}
