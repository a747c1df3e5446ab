using System.Text;
using PartnerBot.Domain.Search;

namespace PartnerBot.Benchmarks;

/// <summary>A query as a sales agent types it, and the customer it is meant to find.</summary>
internal sealed record TypoQuery(string Text, int TargetIndex, string Target, string Kind);

/// <summary>
/// Deterministic typo queries: every one lowercased without diacritics, and with a typo (one or two in
/// a word), a missing word, swapped words or a mistyped domain, as people type in a chat.
/// </summary>
internal static class QueryGenerator
{
    // Neighbouring keys on a QWERTY keyboard (Polish programmer's layout is QWERTY): a slip of the
    // finger lands on one of them.
    private static readonly Dictionary<char, string> Neighbours = new()
    {
        ['q'] = "wa",
        ['w'] = "qes",
        ['e'] = "wrd",
        ['r'] = "etf",
        ['t'] = "ryg",
        ['y'] = "tuh",
        ['u'] = "yij",
        ['i'] = "uok",
        ['o'] = "ipl",
        ['p'] = "ol",
        ['a'] = "qsz",
        ['s'] = "adwx",
        ['d'] = "sfex",
        ['f'] = "dgrc",
        ['g'] = "fhtv",
        ['h'] = "gjyb",
        ['j'] = "hkun",
        ['k'] = "jlim",
        ['l'] = "kop",
        ['z'] = "asx",
        ['x'] = "zsdc",
        ['c'] = "xdfv",
        ['v'] = "cfgb",
        ['b'] = "vghn",
        ['n'] = "bhjm",
        ['m'] = "njk",
    };

    private static readonly string[] Kinds =
    [
        "one typo", "no diacritics", "two typos in a long word", "missing word + typo", "swapped words + typo",
        "domain with typo",
    ];

    public static List<TypoQuery> Generate(IReadOnlyList<CustomerSearchEntry> entries, int count, int seed)
    {
        var random = new Random(seed);
        var wordSets = entries.Select(e => SearchTokenizer.NameTokens(e.CompanyName).ToHashSet(StringComparer.Ordinal)).ToArray();
        var queries = new List<TypoQuery>(count);
        var used = new HashSet<int>();
        while (queries.Count < count)
        {
            var index = random.Next(entries.Count);
            if (!used.Add(index))
            {
                continue;
            }

            var entry = entries[index];
            var kind = Kinds[queries.Count % Kinds.Length];
            var words = SearchTokenizer.NameTokens(entry.CompanyName).ToList();
            string text;
            switch (kind)
            {
                case "no diacritics" when CompanyGenerator.HasPolishDiacritics(entry.CompanyName):
                    // The full name as typed on a keyboard without Polish letters, legal form and all.
                    text = TextFold.Fold(entry.CompanyName);
                    break;
                case "two typos in a long word" when words.Any(w => w.Length >= 8):
                    {
                        var at = IndexOfWord(words, random, 8);
                        words[at] = Typo(Typo(words[at], random), random);
                        text = string.Join(' ', words);
                        break;
                    }

                case "missing word + typo" when words.Count >= 3 && DroppableWord(words, index, wordSets, random) is { } drop:
                    words.RemoveAt(drop);
                    text = WithTypo(words, random);
                    break;
                case "swapped words + typo" when words.Count >= 2:
                    {
                        var a = random.Next(words.Count);
                        var b = (a + 1 + random.Next(words.Count - 1)) % words.Count;
                        (words[a], words[b]) = (words[b], words[a]);
                        text = WithTypo(words, random);
                        break;
                    }

                case "domain with typo":
                    {
                        var dot = entry.Domain.IndexOf('.', StringComparison.Ordinal);
                        var label = entry.Domain[..dot];
                        text = (label.Length >= 5 ? Typo(label, random) : label) + entry.Domain[dot..];
                        break;
                    }

                default:
                    kind = "one typo";
                    text = WithTypo(words, random);
                    break;
            }

            queries.Add(new TypoQuery(text, index, entry.CompanyName, kind));
        }

        return queries;
    }

    /// <summary>
    /// A word whose absence still leaves the target the only customer with all the other words, or null.
    /// Without this check "Krüger &amp; Richter Getränke" minus "Krüger" would be a query for another
    /// customer, "Richter Getränke", that no search should be blamed for finding.
    /// </summary>
    private static int? DroppableWord(List<string> words, int target, HashSet<string>[] wordSets, Random random)
    {
        foreach (var drop in Enumerable.Range(0, words.Count).OrderBy(_ => random.Next()))
        {
            var rest = words.Where((_, i) => i != drop).ToList();
            var ambiguous = false;
            for (var i = 0; i < wordSets.Length && !ambiguous; i++)
            {
                ambiguous = i != target && rest.TrueForAll(wordSets[i].Contains);
            }

            if (!ambiguous)
            {
                return drop;
            }
        }

        return null;
    }

    private static string WithTypo(List<string> words, Random random)
    {
        var at = IndexOfWord(words, random, 5);
        if (at >= 0)
        {
            words[at] = Typo(words[at], random);
        }

        return string.Join(' ', words);
    }

    /// <summary>A random word at least <paramref name="minLength"/> long, or the longest; -1 if all are short.</summary>
    private static int IndexOfWord(List<string> words, Random random, int minLength)
    {
        var candidates = Enumerable.Range(0, words.Count).Where(i => words[i].Length >= minLength).ToList();
        if (candidates.Count > 0)
        {
            return candidates[random.Next(candidates.Count)];
        }

        var longest = Enumerable.Range(0, words.Count).MaxBy(i => words[i].Length);
        return words[longest].Length >= 4 ? longest : -1;
    }

    /// <summary>One slip: a neighbouring key, a dropped letter, a doubled letter or two letters swapped.</summary>
    private static string Typo(string word, Random random)
    {
        var text = new StringBuilder(word);
        var at = random.Next(1, word.Length - 1);
        switch (random.Next(4))
        {
            case 0:
                text[at] = Neighbours.TryGetValue(word[at], out var keys) ? keys[random.Next(keys.Length)] : 'x';
                break;
            case 1:
                text.Remove(at, 1);
                break;
            case 2:
                text.Insert(at, word[at]);
                break;
            default:
                (text[at], text[at + 1]) = (text[at + 1], text[at]);
                break;
        }

        return text.ToString();
    }
}
