using System.Text;
using PartnerBot.Domain.Search;

namespace PartnerBot.Benchmarks;

/// <summary>One method's figures over a set of queries, overall and by kind of query.</summary>
internal sealed record Result(
    string Method, double Median, double P99, int Top5, int First, int WithTarget, int NoMatch, int NoMatchRight,
    long Allocated, string CpuMedian, string CpuP99, Dictionary<string, (int Hits, int Count)> ByKind,
    Dictionary<string, List<double>> LatencyByKind);

/// <summary>A query as a sales agent types it, and the customer it is meant to find.</summary>
internal sealed record TypoQuery(string Text, int TargetIndex, string Target, string Kind);

/// <summary>
/// Deterministic queries as people type them in a chat, made from the display names (case, diacritics, legal
/// forms as shown), each kind in turn; the target of each is known (none for the no-match kind).
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

    public const string NoMatch = "no match";

    private static readonly string[] Kinds =
    [
        "as shown + typo", "UPPER CASE", "folded, no diacritics", "legal form typed differently", "words merged",
        "space moved", "missing word", "swapped words + typo", "domain with typo", "prefix", NoMatch,
        "500-character paste",
    ];

    // Legal forms as people type them; the keys are as the names show them.
    private static readonly Dictionary<string, string[]> LegalFormSpellings = new(StringComparer.Ordinal)
    {
        ["Sp. z o.o."] = ["sp zoo", "spzoo", "Sp. z o. o.", "sp. z o.o"],
        ["sp. z o.o."] = ["Sp. z o.o.", "sp zoo", "SP. Z O.O."],
        ["Spółka z o.o."] = ["sp. z o.o.", "spółka z ograniczoną odpowiedzialnością", "sp zoo"],
        ["S.A."] = ["SA", "s.a.", "spółka akcyjna"],
        ["Sp. j."] = ["sp.j.", "spółka jawna"],
        ["sp.j."] = ["Sp. j.", "sp j"],
        ["Sp. k."] = ["sp.k.", "spółka komandytowa"],
        ["sp.k."] = ["Sp. k.", "sp k"],
        ["s.c."] = ["sc", "S.C.", "spółka cywilna"],
        ["GmbH"] = ["gmbh", "GMBH", "Gmbh"],
        ["GmbH & Co. KG"] = ["gmbh co kg", "GmbH & Co KG"],
        ["Ltd"] = ["Ltd.", "limited", "LTD"],
        ["Ltd."] = ["Ltd", "Limited"],
        ["Limited"] = ["Ltd.", "ltd"],
        ["Inc."] = ["inc", "Incorporated"],
        ["Corp."] = ["corp", "Corporation"],
        ["SARL"] = ["sarl", "Sarl"],
        ["SAS"] = ["S.A.S.", "sas"],
        ["S.A.S."] = ["SAS"],
    };

    // Made-up firm words no generated name uses: a query of them should find nobody.
    private static readonly string[] Nonsense =
    [
        "Quibblex", "Zorvath", "Plimsoq", "Vexnora", "Trundelk", "Ombrisq", "Jaxtrel", "Wurflin", "Kzentor",
        "Bloxhaven", "Yrvelle", "Draquon", "Fenwhist", "Glorbic", "Hextomb", "Nyxpelt",
    ];

    /// <summary>
    /// Queries made from the names as customers see them (display case, diacritics, punctuation, legal forms),
    /// never from the search index's folded form, cycling through the ways people type them.
    /// </summary>
    public static List<TypoQuery> Generate(IReadOnlyList<CustomerSearchEntry> entries, int count, int seed)
    {
        var random = new Random(seed);
        var wordSets = entries.Select(e => Words(e.CompanyName).Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal)).ToArray();
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
            var (body, legal) = SplitLegalForm(entry.CompanyName);
            var words = Words(body);
            string? text = null;
            switch (kind)
            {
                case "as shown + typo":
                    text = WithTypo(words, random) + (legal.Length > 0 ? " " + legal : string.Empty);
                    break;
                case "UPPER CASE":
                    text = entry.CompanyName.ToUpperInvariant();
                    break;
                case "folded, no diacritics" when HasDiacritics(entry.CompanyName):
                    text = Unaccent(entry.CompanyName).ToLowerInvariant();
                    break;
                case "legal form typed differently" when LegalFormSpellings.TryGetValue(legal, out var spellings):
                    text = (random.Next(2) == 0 ? body : body.ToLowerInvariant()) + " " + spellings[random.Next(spellings.Length)];
                    break;
                case "words merged" when words.Count >= 2:
                    {
                        var at = random.Next(words.Count - 1);
                        words[at] += words[at + 1];
                        words.RemoveAt(at + 1);
                        text = string.Join(' ', words);
                        break;
                    }

                case "space moved" when words.Count >= 2 && words[0].Length >= 4:
                    {
                        // "Zakłady Mięsne" → "Zakład yMięsne": the space typed one letter early.
                        var at = random.Next(words.Count - 1);
                        if (words[at].Length >= 4)
                        {
                            words[at + 1] = words[at][^1] + words[at + 1];
                            words[at] = words[at][..^1];
                            text = string.Join(' ', words);
                        }

                        break;
                    }

                case "missing word" when words.Count >= 3 && DroppableWord(words, index, wordSets, random) is { } drop:
                    words.RemoveAt(drop);
                    text = string.Join(' ', words);
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

                case "prefix" when body.Length >= 12:
                    // What has been typed so far: two thirds of the name, at least 8 letters.
                    text = body[..Math.Max(8, body.Length * 2 / 3)].TrimEnd();
                    break;
                case NoMatch:
                    text = $"{Nonsense[random.Next(Nonsense.Length)]} {Nonsense[random.Next(Nonsense.Length)]}";
                    queries.Add(new TypoQuery(text, -1, "(nobody)", kind));
                    continue;
                case "500-character paste":
                    text = Paste(entry.CompanyName, random);
                    break;
            }

            if (text is not null)
            {
                queries.Add(new TypoQuery(text, index, entry.CompanyName, kind));
            }
        }

        return queries;
    }

    private static readonly System.Buffers.SearchValues<char> PolishLetters = System.Buffers.SearchValues.Create("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ");

    /// <summary>True when the name has a Polish letter.</summary>
    public static bool HasPolishLetters(string text) => text.AsSpan().IndexOfAny(PolishLetters) >= 0;

    /// <summary>True when the name has any letter outside ASCII (Polish, German or French).</summary>
    public static bool HasDiacritics(string text) => text.Any(c => c > 127 && char.IsLetter(c));

    /// <summary>The benchmark's own folding, as a keyboard without national letters types: not the index's TextFold.</summary>
    public static string Unaccent(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                'ą' => "a",
                'ć' => "c",
                'ę' => "e",
                'ł' => "l",
                'ń' => "n",
                'ó' => "o",
                'ś' => "s",
                'ź' or 'ż' => "z",
                'Ą' => "A",
                'Ć' => "C",
                'Ę' => "E",
                'Ł' => "L",
                'Ń' => "N",
                'Ó' => "O",
                'Ś' => "S",
                'Ź' or 'Ż' => "Z",
                'ä' => "a",
                'ö' => "o",
                'ü' => "u",
                'Ä' => "A",
                'Ö' => "O",
                'Ü' => "U",
                'ß' => "ss",
                'é' or 'è' or 'ê' or 'ë' => "e",
                'É' or 'È' => "E",
                'à' or 'â' => "a",
                'ç' => "c",
                'Ç' => "C",
                'î' or 'ï' => "i",
                'ô' => "o",
                'û' or 'ù' => "u",
                'Â' => "A",
                'Ê' => "E",
                'Î' => "I",
                'Ô' => "O",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static string Paste(string name, Random random)
    {
        // An e-mail pasted whole into the chat: greeting, the name, then the rest of the message.
        // The name opens the message (as a subject line) or follows the greeting; it is in every paste.
        var opens = random.Next(2) == 0;
        var text = new StringBuilder(opens ? name + " - " : string.Empty);
        text.Append("Dzień dobry, prosimy o aktualizację danych rozliczeniowych. ");
        if (!opens)
        {
            text.Append(name).Append(", ");
        }

        const string filler = "Nowy adres siedziby: ul. Długa 5, 00-950 Warszawa, tel. +48 22 123 45 67, e-mail faktury@example.com. Z poważaniem, Anna Nowak, dział księgowości. ";
        while (text.Length < 500)
        {
            text.Append(filler);
        }

        return text.ToString(0, 500);
    }

    private static (string Body, string Legal) SplitLegalForm(string name)
    {
        foreach (var legal in LegalFormSpellings.Keys.Concat(["Sp. z o.o. Sp. k.", "AG", "KG", "e.K.", "LLC", "Co.", "plc", "LLP", "SA", "EURL"])
                     .OrderByDescending(l => l.Length))
        {
            if (name.EndsWith(" " + legal, StringComparison.Ordinal))
            {
                return (name[..^(legal.Length + 1)], legal);
            }
        }

        return (name, string.Empty);
    }

    private static List<string> Words(string text) => [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>
    /// A word whose absence still leaves the target the only customer with all the other words, or null:
    /// without it the query would be for another customer that no search should be blamed for finding.
    /// </summary>
    private static int? DroppableWord(List<string> words, int target, HashSet<string>[] wordSets, Random random)
    {
        foreach (var drop in Enumerable.Range(0, words.Count).OrderBy(_ => random.Next()))
        {
            var rest = words.Where((_, i) => i != drop).Select(w => w.ToLowerInvariant()).ToList();
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

    /// <summary>The name with one slip in one of its longer words, as the turn benchmark types it.</summary>
    public static string WithOneTypo(string name, Random random) => WithTypo(Words(name), random);

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
                text[at] = Neighbours.TryGetValue(char.ToLowerInvariant(word[at]), out var keys) ? keys[random.Next(keys.Length)] : 'x';
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
