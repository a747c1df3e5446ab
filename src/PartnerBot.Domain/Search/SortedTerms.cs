namespace PartnerBot.Domain.Search;

/// <summary>
/// Every term of the index in ordinal order, for prefix lookups ("zakl" → "zaklad", "zaklady"). Nearly all terms
/// arrive in bulk (a snapshot or the first load) and none is ever taken out, so they are kept as one sorted array of
/// term ids (4 bytes a term, the terms themselves read from the index's list by id), where a tree spent a node of about
/// 48 bytes per term (several hundred thousand terms at 100,000 customers, issue 13); the words a live index learns one
/// by one afterwards go into a small tree beside it. A lookup gives the loaded terms with their ids, so a search does
/// not hash each of the up to 256 terms a prefix meets to find its id again.
/// Not thread-safe: the index reads it under its read lock and adds under its write lock.
/// </summary>
internal sealed class SortedTerms
{
    private readonly IReadOnlyList<string> _terms;
    private readonly int[] _bulk;
    private readonly SortedSet<string> _added = new(StringComparer.Ordinal);

    public SortedTerms()
        : this([], [])
    {
    }

    private SortedTerms(IReadOnlyList<string> terms, int[] bulk)
    {
        _terms = terms;
        _bulk = bulk;
    }

    /// <summary>
    /// The terms in order, by their position in <paramref name="terms"/> (the index's term ids; the list is kept, not
    /// copied, and may grow afterwards): one sort of an array, where building a tree inserted term by term.
    /// </summary>
    public static SortedTerms Of(IReadOnlyList<string> terms)
    {
        var keys = new string[terms.Count];
        var ids = new int[terms.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = terms[i];
            ids[i] = i;
        }

        Array.Sort(keys, ids, StringComparer.Ordinal);
        return new SortedTerms(terms, ids);
    }

    /// <summary>Adds a term the index has just learnt (never one it already has).</summary>
    public void Add(string term) => _added.Add(term);

    /// <summary>The terms that start with <paramref name="prefix"/> (itself included), in ordinal order.</summary>
    public IEnumerable<string> StartingWith(string prefix) => StartingWithIds(prefix).Select(t => t.Term);

    /// <summary>
    /// The terms that start with <paramref name="prefix"/> (itself included), in ordinal order, each with its id, or -1
    /// for a term learnt after the load (the caller looks those few up).
    /// </summary>
    public IEnumerable<(string Term, int Id)> StartingWithIds(string prefix)
    {
        var next = FirstNotBefore(prefix);
        using var added = _added.Count == 0
            ? Enumerable.Empty<string>().GetEnumerator()
            : _added.GetViewBetween(prefix, prefix + char.MaxValue).GetEnumerator();
        var hasAdded = added.MoveNext();
        while (true)
        {
            var bulk = next < _bulk.Length ? _terms[_bulk[next]] : null;
            var hasBulk = bulk is not null && bulk.StartsWith(prefix, StringComparison.Ordinal);
            if (hasBulk && (!hasAdded || string.CompareOrdinal(bulk, added.Current) < 0))
            {
                yield return (bulk!, _bulk[next++]);
            }
            else if (hasAdded)
            {
                yield return (added.Current, -1);
                hasAdded = added.MoveNext();
            }
            else
            {
                yield break;
            }
        }
    }

    /// <summary>The index of the first bulk term not ordered before <paramref name="word"/>.</summary>
    private int FirstNotBefore(string word)
    {
        int low = 0, high = _bulk.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(_terms[_bulk[middle]], word) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
