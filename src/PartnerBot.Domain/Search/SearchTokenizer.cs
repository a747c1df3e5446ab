namespace PartnerBot.Domain.Search;

/// <summary>
/// Splits folded names and domains into the words the index matches on, without legal-form noise.
/// </summary>
public static class SearchTokenizer
{
    // Folded legal forms and their pieces ("Sp. z o.o." folds to "sp z o o"). They appear in a large
    // share of names, so matching on them would rank every "Sp. z o.o." alike and a missing or
    // misspelled "GmbH" would cost a real match points: they neither help nor hurt. Any other single
    // letter is dropped as well ("e.K.", "s.c.", the Polish "i" of "Nowak i Syn"): a lone letter says next
    // to nothing about which company is meant, yet as a prefix it would match a good part of all words.
    private static readonly HashSet<string> LegalFormWords = new(StringComparer.Ordinal)
    {
        // Polish: sp. z o.o., sp. j., sp. k., s.c., S.A., spółka akcyjna / jawna / komandytowa / cywilna
        "sp", "z", "o", "oo", "zoo", "j", "k", "s", "a", "sa", "sc", "sj", "sk", "ska", "spzoo",
        "spolka", "ograniczona", "odpowiedzialnoscia", "akcyjna", "jawna", "komandytowa", "cywilna",
        "komandytowo", "partnerska",
        // German, Austrian, Swiss
        "gmbh", "ag", "kg", "ohg", "ug", "eg", "ev", "mbh", "haftungsbeschrankt", "co",
        // English
        "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "corp", "corporation",
        // French, Spanish, Italian, Dutch, Nordic, Czech and Slovak, Hungarian
        "sas", "sarl", "sasu", "eurl", "sl", "srl", "bv", "nv", "ab", "oy", "oyj", "aps",
        "sro", "kft", "zrt", "nyrt", "p",
    };

    // Parts of a domain that do not identify the customer.
    private static readonly HashSet<string> DomainNoise = new(StringComparer.Ordinal)
    {
        "onmicrosoft", "www", "com", "net", "org", "biz", "info", "eu", "pl", "de", "uk", "co", "fr",
        "it", "es", "cz", "sk", "at", "ch", "nl", "be", "us", "io",
    };

    /// <summary>True when a folded word is a legal form or part of one ("gmbh", "sp", "o").</summary>
    public static bool IsLegalForm(string foldedWord) => LegalFormWords.Contains(foldedWord) || IsSingleLetter(foldedWord);

    /// <summary>
    /// The folded words of a company name or a query, legal forms dropped. A text made of nothing but
    /// legal forms ("S.A.") keeps them, since they are then all there is to match.
    /// </summary>
    public static IReadOnlyList<string> NameTokens(string? text, bool umlautsAsDigraphs = false) =>
        WithoutNoise(TextFold.Fold(text, umlautsAsDigraphs), IsLegalForm);

    /// <summary>
    /// The words of a domain that identify the customer: "contoso.onmicrosoft.com" gives "contoso",
    /// "kowalski-transport.pl" gives "kowalski", "transport".
    /// </summary>
    public static IReadOnlyList<string> DomainTokens(string? domain) =>
        WithoutNoise(TextFold.Fold(domain), DomainNoise.Contains);

    /// <summary>
    /// The domain's own label, folded and joined ("kowalski-transport.pl" → "kowalskitransport"), which a
    /// person types whole, with or without the hyphen; empty when there is none.
    /// </summary>
    public static string DomainKey(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return string.Empty;
        }

        var trimmed = domain.Trim().ToLowerInvariant();
        if (trimmed.StartsWith("www.", StringComparison.Ordinal))
        {
            trimmed = trimmed[4..];
        }

        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        return TextFold.Fold(dot < 0 ? trimmed : trimmed[..dot]).Replace(" ", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>
    /// The legal form a name or query carries, in one spelling: "Sp. z o.o.", "sp zoo", "spółka z o.o." all give
    /// "spzoo"; "Limited" and "Ltd." give "ltd". Empty when there is none. Search uses it only to break ties
    /// between near-namesakes ("Drewpol Sp. z o.o." beside "Drewpol s.c."), toward the form the user typed.
    /// </summary>
    public static string LegalFormKey(string? text) => LegalFormKeyOfFolded(TextFold.Fold(text));

    /// <summary><see cref="LegalFormKey"/> of a text already folded (<see cref="TextFold.Fold"/>).</summary>
    internal static string LegalFormKeyOfFolded(string folded)
    {
        if (folded.Length == 0)
        {
            return string.Empty;
        }

        // The legal form is the run of legal-form words (single letters included: "s c") that ends the name;
        // an "i" inside "Nowak i Wspólnicy sp. j." is not part of it.
        var words = folded.Split(' ');
        var start = words.Length;
        while (start > 0 && IsLegalForm(words[start - 1]))
        {
            start--;
        }

        var key = string.Concat(words[start..]);
        return key switch
        {
            "spolkazoo" or "spolkazograniczonaodpowiedzialnoscia" or "zoo" => "spzoo",
            "spolkaakcyjna" => "sa",
            "spolkajawna" => "spj",
            "spolkakomandytowa" => "spk",
            "spolkacywilna" => "sc",
            "limited" => "ltd",
            "incorporated" => "inc",
            "corporation" => "corp",
            _ => key,
        };
    }

    /// <summary>
    /// <see cref="NameTokens"/> of a name already folded, into <paramref name="words"/> (cleared first); true when
    /// no word was dropped, so that the words joined are <paramref name="folded"/> itself.
    /// </summary>
    internal static bool AddNameTokensOfFolded(string folded, List<string> words) => AddWithoutNoise(folded, IsLegalForm, words);

    /// <summary><see cref="DomainTokens"/> of a domain already folded, into <paramref name="words"/> (cleared first).</summary>
    internal static void AddDomainTokensOfFolded(string folded, List<string> words) => AddWithoutNoise(folded, DomainNoise.Contains, words);

    private static bool IsSingleLetter(string word) => word.Length == 1 && char.IsLetter(word[0]);

    private static List<string> WithoutNoise(string folded, Func<string, bool> isNoise)
    {
        var all = folded.Length == 0 ? [] : folded.Split(' ');
        var kept = new List<string>(all.Length);
        foreach (var word in all)
        {
            if (!isNoise(word))
            {
                kept.Add(word);
            }
        }

        return kept.Count == 0 ? [.. all] : kept;
    }

    private static bool AddWithoutNoise(string folded, Func<string, bool> isNoise, List<string> words)
    {
        words.Clear();
        if (folded.Length == 0)
        {
            return true;
        }

        var all = folded.Split(' ');
        foreach (var word in all)
        {
            if (!isNoise(word))
            {
                words.Add(word);
            }
        }

        if (words.Count == 0)
        {
            words.AddRange(all);
        }

        return words.Count == all.Length;
    }
}
