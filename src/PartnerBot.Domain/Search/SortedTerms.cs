namespace PartnerBot.Domain.Search;

/// <summary>
/// Every term of the index in ordinal order, for prefix lookups ("zakl" → "zaklad", "zaklady"). Nearly all terms
/// arrive in bulk (a snapshot or the first load) and none is ever taken out, so they are kept as one sorted array, a
/// reference each, where a tree spent a node of about 48 bytes per term (several hundred thousand terms at 100,000
/// customers, issue 13); the words a live index learns one by one afterwards go into a small tree beside it.
/// Not thread-safe: the index reads it under its read lock and adds under its write lock.
/// </summary>
internal sealed class SortedTerms
{
    private readonly string[] _bulk;
    private readonly SortedSet<string> _added = new(StringComparer.Ordinal);

    public SortedTerms()
        : this([])
    {
    }

    private SortedTerms(string[] bulk) => _bulk = bulk;

    /// <summary>The terms in order: one sort of an array, where building a tree inserted term by term.</summary>
    public static SortedTerms Of(IReadOnlyCollection<string> terms)
    {
        var bulk = new string[terms.Count];
        var i = 0;
        foreach (var term in terms)
        {
            bulk[i++] = term;
        }

        Array.Sort(bulk, StringComparer.Ordinal);
        return new SortedTerms(bulk);
    }

    /// <summary>Adds a term the index has just learnt (never one it already has).</summary>
    public void Add(string term) => _added.Add(term);

    /// <summary>The terms that start with <paramref name="prefix"/> (itself included), in ordinal order.</summary>
    public IEnumerable<string> StartingWith(string prefix)
    {
        var next = FirstNotBefore(prefix);
        using var added = _added.Count == 0
            ? Enumerable.Empty<string>().GetEnumerator()
            : _added.GetViewBetween(prefix, prefix + char.MaxValue).GetEnumerator();
        var hasAdded = added.MoveNext();
        while (true)
        {
            var hasBulk = next < _bulk.Length && _bulk[next].StartsWith(prefix, StringComparison.Ordinal);
            if (hasBulk && (!hasAdded || string.CompareOrdinal(_bulk[next], added.Current) < 0))
            {
                yield return _bulk[next++];
            }
            else if (hasAdded)
            {
                yield return added.Current;
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
            if (string.CompareOrdinal(_bulk[middle], word) < 0)
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
