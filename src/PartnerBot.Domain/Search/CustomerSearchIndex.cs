using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using PartnerBot.Domain.Customers;

namespace PartnerBot.Domain.Search;

/// <summary>
/// The in-memory customer search: company names and domains, forgiving typos, missing accents,
/// missing or swapped words and legal-form noise, fast enough to answer while a person types at
/// 100,000 customers.
/// </summary>
/// <remarks>
/// <para>
/// How a query is answered. Names and domains are folded (<see cref="TextFold"/>) and split into words
/// without legal forms (<see cref="SearchTokenizer"/>). Each distinct word of all names is a term; each
/// term lists the customers that have it, and each letter pair (bigram) of a term lists the terms that
/// have it. For every word of the query the index finds the terms that equal it, start with it, or are
/// within one or two edits of it (optimal string alignment: insert, delete, substitute, swap two
/// neighbours). Counting shared bigrams narrows the vocabulary to a few candidates before any edit
/// distance is computed, so the work grows with the number of distinct words, not of customers.
/// A customer's score adds up how well each query word is matched, so word order and extra words in the
/// name cost little and a word of the query that matches nothing costs its share.
/// </para>
/// <para>
/// Scores, all in [0, 1]: 1 for an exact name (after folding, without legal forms) or domain; below
/// 0.97 otherwise. Per query word: exact 1, prefix 0.80–0.95 (longer typed share, higher), one edit 0.75,
/// two edits 0.60. The mean over the query's words is then weighed down slightly (up to 15%) by name
/// words the query did not mention, so "Kowalski" ranks "Kowalski Sp. z o.o." above
/// "Kowalski Transport Międzynarodowy". Exact therefore ranks before prefix before fuzzy.
/// </para>
/// <para>
/// Concurrency: searches share a read lock, writes take the write lock, so a rename is seen by the
/// next search, never half-applied. Writes are rare (a bill-to name change) and each takes microseconds.
/// Terms no customer uses any more stay in the vocabulary (with no customers), so the vocabulary grows
/// with the distinct words ever indexed, which in practice is bounded by the language.
/// </para>
/// </remarks>
public sealed partial class CustomerSearchIndex : ICustomerSearchIndex, IDisposable
{
    /// <summary>The score of an exact name or domain match.</summary>
    public const double ExactScore = 1.0;

    /// <summary>The highest score a match that is not exact can have.</summary>
    public const double BestInexactScore = 0.97;

    // Of the inexact score, this much goes to a name that starts with the query's first word, so that
    // among names with the same words ("Stone Proseware Solutions", "Proseware Stone Solutions") the
    // one typed in its own order comes first.
    private const double LeadingWordBonus = 0.005;

    private const float PrefixBase = 0.80f;
    private const float PrefixSpan = 0.15f;
    private const float OneEditSimilarity = 0.75f;
    private const float TwoEditsSimilarity = 0.60f;
    private const double UnmentionedWordsWeight = 0.15;

    // Queries longer than this are not names; capping them bounds the work a pasted paragraph causes.
    private const int MaxQueryLength = 200;
    private const int MaxQueryWords = 8;

    // A pasted message is read this far for a name it quotes whole (folded, without the legal form); a run
    // of more words than this is not one name.
    private const int MaxPasteLength = 500;
    private const int MaxPhraseWords = 8;

    // A name found whole inside a longer text: below an exact name, above any name found word by word with
    // a typo, and the more words it has, the surer ("Anna Nowak" in a signature is weaker than a firm's
    // five-word name quoted in a subject line).
    private const double PhraseBaseScore = 0.90;
    private const double PhraseWordScore = 0.008;

    // Two words typed without the space between them ("BrowarMarciniak"): each half found as typed counts
    // for half the word, a little less than the word typed right.
    private const float MergedHalfSimilarity = 0.47f;
    private const int MinMergedPart = 3;
    private const int MinMergedPartOfTerm = 5;
    private const int MaxTop = 1000;
    private const int MaxPrefixTerms = 256;

    // Positions and lengths beyond 63 letters are lumped together: no company word is that long.
    private const int PositionBits = 6;
    private const int MaxPosition = (1 << PositionBits) - 1;

    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);

    private const int InitialSlots = 1024;

    // Each customer's id, name and domain, by slot.
    private CustomerTable _customers = new(InitialSlots);
    private Stack<int> _freeSlots = new();

    // Of each customer, beside _customers, what a search reads for every customer it meets: its first name word (the
    // leading word bonus) and its distinct name words (the unmentioned words' weight). Arrays of ints are read without
    // following a reference to a record per customer, thousands of times a search. And the legal form its name ends
    // with, by its place in _legalFormKeys, which the ranking reads for the few customers it offers.
    private int[] _firstTermIds = new int[InitialSlots];
    private int[] _nameWordCounts = new int[InitialSlots];
    private int[] _legalFormIds = new int[InitialSlots];

    private int _slotCount;

    private Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private List<string> _terms = [];
    // Each term's customers, by term id.
    private PostingLists _termDocs = new();
    // Letter pairs of every term, by pair and term length; each item packs the term id with the pair's
    // position in the term. Bucketing by length and position lets a fuzzy lookup read only the terms of
    // nearly the query word's length and count only pairs where they could line up after a typo or two:
    // domain labels make the vocabulary larger than the customer count, so this is where time goes.
    private Dictionary<long, IntList> _pairPostings = [];

    // Every term in ordinal order, for prefix lookups. A bulk load builds it once from all terms at the end (sorting
    // an array) rather than adding term by term.
    private SortedTerms _sortedTerms = new();
    private bool _sortedTermsDeferred;

    // A customer's words and keys are worked out into these buffers, one customer after another, under the write
    // lock; a search has its own (Scratch.Analysis).
    private readonly EntryAnalysis _writeAnalysis = new();

    // An exact key's one customer, or SharedKey when several have it (their slots are then in sharedKeys).
    // Kept by a 64-bit hash of the key, not the key: the 300,000 key strings of 100,000 customers (a name without
    // its legal form, a domain twice) took about 20 MB. A customer found by the hash counts only once the key is
    // among its own (ExactSlots), so two keys sharing a hash can never make a false exact match.
    private const int SharedKey = -1;
    private ExactKeyTable _exactKeys = new();
    private Dictionary<ulong, IntList> _sharedKeys = [];

    // A few dozen spellings of legal forms among all customers, each kept once.
    private Dictionary<string, int> _legalFormIdsByKey = new(StringComparer.Ordinal);
    private List<string> _legalFormKeys = [];

    // Working memory for searches, one per search running at once rather than one per thread that ever
    // searched: each holds a few arrays as long as the customer list (4 MB at 100,000 customers), and a web
    // server's thread pool has many threads.
    private readonly ConcurrentBag<Scratch> _scratches = [];

    // At most one search per core runs at once. A search is pure CPU work of about a millisecond, so more at
    // once only take turns on the same cores, and each would need its own working memory (4 MB at 100,000
    // customers): a thread preempted mid-search made the next search allocate another set.
    private readonly SemaphoreSlim _searchSlots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    // The latest answers, by query text: a search turn asks twice for the same words (the recognizer for the
    // mention, then the customer choice for its offers), and a search is the turn's largest piece of work. An
    // answer counts only while nothing was written since (the generation every write moves under the write lock),
    // so a rename is seen by the next search as before. Each answer keeps at least RememberedTop offers, so the
    // recognizer's five answer the choice's ten. Entries are immutable and replaced whole, so searches holding the
    // read lock at once need no lock of their own for them.
    private const int RecentAnswerSlots = 64;
    private const int RememberedTop = SearchDecision.DefaultMaxChoices * 2;
    private readonly RecentAnswer?[] _recentAnswers = new RecentAnswer?[RecentAnswerSlots];
    private long _generation;

    // The terms each recent query word matched, kept the same way: company names share their words ("zakłady",
    // "studio", "solutions", a city), and a common word is the costliest to look up (hundreds of domain labels
    // start with it, and its one-typo neighbours are counted pair by pair). At most a few hundred terms a word, so
    // the table stays within a few megabytes.
    private const int RecentWordSlots = 2048;
    private readonly WordTerms?[] _recentWords = new WordTerms?[RecentWordSlots];

    public CustomerSearchIndex()
    {
    }

    /// <summary>Builds the index over <paramref name="entries"/> (later duplicates of an id win).</summary>
    public CustomerSearchIndex(IEnumerable<CustomerSearchEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        UpsertMany(entries as IReadOnlyCollection<CustomerSearchEntry> ?? [.. entries]);
    }

    public int Count
    {
        get
        {
            _gate.EnterReadLock();
            try
            {
                return _customers.Count;
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    public void Upsert(CustomerSearchEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Most saves leave the indexed name and domain as they were (a billing edit of the address or e-mail): the
        // write lock would only make every search wait for this one to look (issue 13's tail).
        _gate.EnterReadLock();
        try
        {
            if (IsIndexedAs(entry))
            {
                return;
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }

        _gate.EnterWriteLock();
        try
        {
            if (!IsIndexedAs(entry))
            {
                _generation++;
                UpsertUnlocked(entry);
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// Adds or replaces many customers at once (later duplicates of an id win): the load of the whole list at start.
    /// One write lock for all of them, the tables sized for them first and the prefix order built once at the end,
    /// where calling <see cref="Upsert"/> for each would take the lock, grow every table step by step and insert each
    /// new word into a sorted tree. Searches wait meanwhile, so a caller feeding a live index passes batches.
    /// </summary>
    public void UpsertMany(IReadOnlyCollection<CustomerSearchEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _gate.EnterWriteLock();
        try
        {
            Reserve(entries);
            // Rebuilding the order from every term costs about as much as inserting as many as there are: worth it
            // when the batch is at least as large as what is indexed already.
            _sortedTermsDeferred = entries.Count >= _customers.Count;
            try
            {
                foreach (var entry in entries)
                {
                    ArgumentNullException.ThrowIfNull(entry);
                    if (!IsIndexedAs(entry))
                    {
                        _generation++;
                        UpsertUnlocked(entry);
                    }
                }
            }
            finally
            {
                if (_sortedTermsDeferred)
                {
                    _sortedTerms = SortedTerms.Of(_terms);
                    _sortedTermsDeferred = false;

                    // The lists as long as they are: a load grows them item by item, and leaves gaps and room behind.
                    _termDocs.Pack();
                }
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public void Remove(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        _gate.EnterWriteLock();
        try
        {
            _generation++;
            if (_customers.RemoveId(customerId, out var slot))
            {
                Unlink(slot);
                _freeSlots.Push(slot);
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public IReadOnlyList<CustomerMatch> Search(string query, int top)
    {
        if (Prepare(query, top, out var search) is { } answered)
        {
            return answered;
        }

        _searchSlots.Wait();
        return SearchInSlot(search);
    }

    /// <summary>
    /// As <see cref="Search"/>, for a caller that may wait: while every search slot is taken, this search gives its
    /// thread back instead of blocking it. On one core a blocked thread-pool thread first spins, and the runtime adds
    /// threads for the blocked ones: they took turns on the core with the search they waited for (issue 13's tail).
    /// </summary>
    public async ValueTask<IReadOnlyList<CustomerMatch>> SearchAsync(string query, int top, CancellationToken cancellationToken)
    {
        if (Prepare(query, top, out var search) is { } answered)
        {
            return answered;
        }

        await _searchSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return SearchInSlot(search);
    }

    /// <summary>The answer when no search is needed (nothing to look for, or the same words answered since the last write), else null and the search to run.</summary>
    private CustomerMatch[]? Prepare(string query, int top, out PendingSearch search)
    {
        search = default;
        if (string.IsNullOrWhiteSpace(query) || top <= 0)
        {
            return [];
        }

        top = Math.Min(top, MaxTop);
        if (query.Length > MaxPasteLength)
        {
            query = query[..MaxPasteLength];
        }

        var recentSlot = (query.GetHashCode() & int.MaxValue) % RecentAnswerSlots;
        _gate.EnterReadLock();
        try
        {
            if (_recentAnswers[recentSlot] is { } recent && recent.Answers(query, top, _generation))
            {
                return recent.Top(top);
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }

        var parsed = ParsedQuery.Parse(query);
        if (parsed.Words.Length == 0)
        {
            return [];
        }

        search = new PendingSearch(query, top, recentSlot, parsed);
        return null;
    }

    /// <summary>Runs <paramref name="search"/> in the search slot its caller took, and gives the slot back.</summary>
    private CustomerMatch[] SearchInSlot(PendingSearch search)
    {
        var kept = Math.Max(search.Top, RememberedTop);
        var scratch = _scratches.TryTake(out var pooled) ? pooled : new Scratch();
        _gate.EnterReadLock();
        try
        {
            var answer = new RecentAnswer(search.Query, _generation, kept, [.. SearchUnlocked(search.Parsed, kept, scratch)]);
            _recentAnswers[search.RecentSlot] = answer;
            return answer.Top(search.Top);
        }
        finally
        {
            _gate.ExitReadLock();
            _scratches.Add(scratch);
            _searchSlots.Release();
        }
    }

    private readonly record struct PendingSearch(string Query, int Top, int RecentSlot, ParsedQuery Parsed);

    /// <summary>
    /// Forgets the answers and words kept from recent searches, so that the next search of the same words does all of
    /// its work again: what a benchmark measures of one search.
    /// </summary>
    public void ForgetRecentSearches()
    {
        _gate.EnterWriteLock();
        try
        {
            _generation++;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _searchSlots.Dispose();
    }

    /// <summary>
    /// True when the customer is indexed with this very name and domain. A billing change that keeps the name, or a
    /// refresh that finds nothing new, re-indexes the customer as it was: nothing for searches to see again, so the
    /// recent answers and words stay good.
    /// </summary>
    private bool IsIndexedAs(CustomerSearchEntry entry) =>
        _customers.TryGetSlot(entry.CustomerId, out var slot) && _customers.Holds(slot, entry);

    /// <summary>Sizes the tables for <paramref name="entries"/>, so that a load does not grow them step by step.</summary>
    private void Reserve(IReadOnlyCollection<CustomerSearchEntry> entries)
    {
        var customers = entries.Count;
        var total = _customers.Count + customers;

        // The names and domains of the customers not indexed yet; a customer renamed by the batch grows the pool.
        var textBytes = 0L;
        foreach (var entry in entries)
        {
            if (entry?.CustomerId is { } id && !_customers.TryGetSlot(id, out _))
            {
                textBytes += CustomerTable.TextBytesOf(entry);
            }
        }

        _customers.Reserve(customers, textBytes);
        if (_firstTermIds.Length < total)
        {
            ResizeDocs(total);
        }

        // Each customer has a name key and a domain twice; the vocabulary (names' words and domain labels) was
        // about as large as the customer count in the synthetic list.
        _exactKeys.EnsureCapacity(total * 3);
        _termIds.EnsureCapacity(total);
        _terms.EnsureCapacity(total);
        _termDocs.Reserve(customers);
    }

    private void UpsertUnlocked(CustomerSearchEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry.CustomerId);
        if (_customers.TryGetSlot(entry.CustomerId, out var slot))
        {
            Unlink(slot);
        }
        else
        {
            slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _slotCount++;
            if (slot >= _firstTermIds.Length)
            {
                ResizeDocs(_firstTermIds.Length * 2);
            }

            _customers.AddId(entry.CustomerId, slot);
        }

        var analysis = _writeAnalysis.Of(entry);
        foreach (var word in analysis.Words)
        {
            _termDocs.Add(TermId(word), slot);
        }

        foreach (var key in analysis.Keys)
        {
            AddExactKey(key, slot);
        }

        var nameWords = analysis.NameWords;
        var firstTermId = nameWords.Count > 0 ? _termIds[nameWords[0]] : -1;
        var distinctNameWords = analysis.DistinctNameWords();
        _customers.Set(slot, entry);
        _firstTermIds[slot] = firstTermId;
        _nameWordCounts[slot] = Math.Max(1, distinctNameWords);
        _legalFormIds[slot] = LegalFormId(analysis.LegalFormKey());
    }

    private int LegalFormId(string legalFormKey)
    {
        if (!_legalFormIdsByKey.TryGetValue(legalFormKey, out var id))
        {
            id = _legalFormKeys.Count;
            _legalFormKeys.Add(legalFormKey);
            _legalFormIdsByKey.Add(legalFormKey, id);
        }

        return id;
    }

    private void ResizeDocs(int size)
    {
        _customers.Resize(size);
        Array.Resize(ref _firstTermIds, size);
        Array.Resize(ref _nameWordCounts, size);
        Array.Resize(ref _legalFormIds, size);
    }

    private void Unlink(int slot)
    {
        if (!_customers.IsLive(slot))
        {
            return;
        }

        var analysis = _writeAnalysis.Of(_customers.NameAt(slot), _customers.DomainAt(slot));
        foreach (var word in analysis.Words)
        {
            if (_termIds.TryGetValue(word, out var id))
            {
                _termDocs.RemoveValue(id, slot);
            }
        }

        foreach (var key in analysis.Keys)
        {
            RemoveExactKey(key, slot);
        }

        _customers.Clear(slot);
    }

    // Nearly every exact key (a name, a domain) belongs to one customer: its slot is kept in the dictionary
    // itself, and only a key several customers share (near-namesakes differing by legal form) gets a list.
    private void AddExactKey(string key, int slot)
    {
        var hash = KeyHash(key);
        if (_exactKeys.TryAdd(hash, slot))
        {
            return;
        }

        var existing = _exactKeys[hash];
        if (existing == SharedKey)
        {
            _sharedKeys[hash].Add(slot);
            return;
        }

        var list = new IntList();
        list.Add(existing);
        list.Add(slot);
        _sharedKeys[hash] = list;
        _exactKeys.Set(hash, SharedKey);
    }

    private void RemoveExactKey(string key, int slot)
    {
        var hash = KeyHash(key);
        if (!_exactKeys.TryGetValue(hash, out var existing))
        {
            return;
        }

        if (existing == slot)
        {
            _exactKeys.Remove(hash);
            return;
        }

        if (existing == SharedKey && _sharedKeys.TryGetValue(hash, out var list))
        {
            list.RemoveValue(slot);
            if (list.Count == 1)
            {
                _exactKeys.Set(hash, list[0]);
                _sharedKeys.Remove(hash);
            }
        }
    }

    /// <summary>The customers with the exact key, into <paramref name="slots"/>.</summary>
    private void ExactSlots(string key, List<int> slots, EntryAnalysis analysis)
    {
        slots.Clear();
        if (!_exactKeys.TryGetValue(KeyHash(key), out var slot))
        {
            return;
        }

        if (slot != SharedKey)
        {
            slots.Add(slot);
        }
        else
        {
            var list = _sharedKeys[KeyHash(key)];
            for (var i = 0; i < list.Count; i++)
            {
                slots.Add(list[i]);
            }
        }

        // Only the hash was kept: a customer counts once the key is among its own. Computing a customer's keys
        // again costs microseconds, and a search meets at most a few exact matches.
        for (var i = slots.Count - 1; i >= 0; i--)
        {
            if (!analysis.Of(_customers.NameAt(slots[i]), _customers.DomainAt(slots[i])).Keys.Contains(key))
            {
                slots.RemoveAt(i);
            }
        }
    }

    /// <summary>FNV-1a over the key's UTF-16 code units: stable, cheap, and 64 bits leave collisions to chance alone.</summary>
    private static ulong KeyHash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private int TermId(string word)
    {
        if (_termIds.TryGetValue(word, out var id))
        {
            return id;
        }

        id = _terms.Count;
        _terms.Add(word);
        _termDocs.AddList();
        _termIds[word] = id;
        if (!_sortedTermsDeferred)
        {
            _sortedTerms.Add(word);
        }

        var length = Math.Min(word.Length, MaxPosition);
        for (var position = 0; position <= word.Length; position++)
        {
            var key = PairKey(Pair(word, position), length);
            if (!_pairPostings.TryGetValue(key, out var list))
            {
                list = new IntList();
                _pairPostings[key] = list;
            }

            list.Add((id << PositionBits) | Math.Min(position, MaxPosition));
        }

        return id;
    }

    private List<CustomerMatch> SearchUnlocked(ParsedQuery query, int top, Scratch scratch)
    {
        scratch.Prepare(_terms.Count, _slotCount);
        var queryStamp = scratch.StartQuery();
        var candidates = scratch.Candidates;
        candidates.Clear();

        var exact = scratch.ExactSlots;
        foreach (var key in query.ExactKeys)
        {
            ExactSlots(key, exact, scratch.Analysis);
            foreach (var slot in exact)
            {
                scratch.Meet(slot);
                scratch.Docs[slot].Exact = true;
            }
        }

        // A pasted message: names quoted whole in it, longest first.
        Dictionary<int, int>? phraseWords = null;
        foreach (var (key, phraseLength) in query.PhraseKeys)
        {
            ExactSlots(key, exact, scratch.Analysis);
            if (exact.Count > 0)
            {
                phraseWords ??= [];
                foreach (var slot in exact)
                {
                    scratch.Meet(slot);
                    phraseWords[slot] = Math.Max(phraseLength, phraseWords.GetValueOrDefault(slot));
                }
            }
        }

        // The terms the first query word matched: a customer whose name starts with one of them gets the leading word
        // bonus. Looked up only for the few customers that could still place, not for every customer the word meets.
        var leadingTerms = scratch.LeadingTerms;
        leadingTerms.Clear();
        for (var w = 0; w < query.Words.Length; w++)
        {
            var word = query.Words[w];
            var matches = RecentTerms(word, scratch);
            var wordStamp = scratch.NextStamp();
            var touched = scratch.TouchedDocs;
            touched.Clear();
            foreach (var (termId, similarity) in matches)
            {
                if (w == 0)
                {
                    leadingTerms.Add(termId);
                }

                var postings = _termDocs[termId];
                for (var i = 0; i < postings.Length; i++)
                {
                    scratch.KeepBestForWord(postings[i], similarity, wordStamp);
                }
            }

            // Even a merged word that exists as typed may be meant as two: a domain label is a term
            // ("centrumogrodnicze" of centrumogrodnicze.pl) beside the names with both words.
            // A word that is no term may also be two with the hyphen between them typed as another key
            // ("TransmarxPol" for "Transmar-Pol").
            var isTerm = _termIds.ContainsKey(word);
            if ((MergedWords(word, isTerm ? MinMergedPartOfTerm : MinMergedPart, gap: 0)
                ?? (isTerm ? null : MergedWords(word, MinMergedPart, gap: 1))) is var (left, right))
            {
                AddMergedHalves(left, right, wordStamp, scratch);
            }

            foreach (var slot in touched)
            {
                ref var doc = ref scratch.Docs[slot];
                doc.Total += doc.WordBest;
                doc.Matched++;
            }
        }

        // Two passes over the customers met. The first works out scores and the top-th best of them (a heap of doubles);
        // the second offers the ranked list only the customers scoring at least that. Offering is the costly part of a
        // customer (its record, its name compared on a tie): offered in the order met, over a hundred a search placed
        // for a while and were pushed out again, where now about as many are offered as can place.
        var wordCount = query.Words.Length;
        var floor = scratch.Floor;
        floor.Reset(top);
        var scores = scratch.Scores;
        scores.Clear();
        foreach (var slot in candidates)
        {
            double score;
            if (scratch.Docs[slot].Exact)
            {
                score = ExactScore;
            }
            else
            {
                var coverage = scratch.Docs[slot].Total / wordCount;
                var phraseScore = phraseWords is not null && phraseWords.TryGetValue(slot, out var quoted)
                    ? PhraseBaseScore + (PhraseWordScore * Math.Min(quoted, MaxPhraseWords))
                    : 0;

                // The most the customer can score, from what is already at hand: every name word mentioned and the
                // leading word bonus. The same sums with a larger term never round to a smaller double, so a customer
                // this bound keeps out would be kept out by its score too, and the customer's name word count and
                // first word (two more reads of memory per customer met) are only read for the few that could place.
                var bound = Math.Max(
                    ((BestInexactScore - LeadingWordBonus) * coverage * (1 - UnmentionedWordsWeight + (UnmentionedWordsWeight * 1.0))) + LeadingWordBonus,
                    phraseScore);
                if (floor.Excludes(bound))
                {
                    scores.Add(double.NegativeInfinity);
                    continue;
                }

                var mentioned = Math.Min(1.0, (double)scratch.Docs[slot].Matched / _nameWordCounts[slot]);
                var leads = _firstTermIds[slot] is var first && first >= 0 && leadingTerms.Contains(first);
                score = Math.Max(
                    ((BestInexactScore - LeadingWordBonus) * coverage * (1 - UnmentionedWordsWeight + (UnmentionedWordsWeight * mentioned)))
                        + (leads ? LeadingWordBonus : 0),
                    phraseScore);
            }

            scores.Add(score);
            floor.Add(score);
        }

        // Every customer scoring below the floor has at least top customers with a higher score, so it could not place.
        var best = new TopN(this, top, query.LegalFormKey);
        for (var i = 0; i < candidates.Count; i++)
        {
            var score = scores[i];
            if (!floor.Excludes(score) && !best.Excludes(score))
            {
                best.Offer(candidates[i], score);
            }
        }

        return best.ToMatches();
    }

    /// <summary>
    /// The split of a word typed without a space ("browarmarciniak") into two words that both exist as typed,
    /// each at least <paramref name="minPart"/> letters, the most even split first; null when there is none. With a
    /// <paramref name="gap"/> of one, the letter between the two is left out (a hyphen typed as another key).
    /// </summary>
    private (int Left, int Right)? MergedWords(string word, int minPart, int gap)
    {
        if (word.Length < (2 * minPart) + gap)
        {
            return null;
        }

        // From the middle outwards: an even split is likelier two words than a short syllable and the rest.
        var lookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var middle = word.Length / 2;
        for (var offset = 0; offset <= middle - minPart; offset++)
        {
            foreach (var at in offset == 0 ? [middle] : (int[])[middle - offset, middle + offset])
            {
                if (at < minPart || word.Length - at - gap < minPart)
                {
                    continue;
                }

                if (lookup.TryGetValue(word.AsSpan(0, at), out var left) && _termDocs.CountOf(left) > 0
                    && lookup.TryGetValue(word.AsSpan(at + gap), out var right) && _termDocs.CountOf(right) > 0)
                {
                    return (left, right);
                }
            }
        }

        return null;
    }

    /// <summary>Credits the customers with either half of a merged word, half the word each, on top of what the word matched whole.</summary>
    private void AddMergedHalves(int left, int right, int wordStamp, Scratch scratch)
    {
        var halves = scratch.Halves;
        halves.Clear();
        foreach (var termId in (int[])[left, right])
        {
            var postings = _termDocs[termId];
            for (var i = 0; i < postings.Length; i++)
            {
                var slot = postings[i];
                halves[slot] = halves.GetValueOrDefault(slot) + MergedHalfSimilarity;
            }
        }

        foreach (var (slot, similarity) in halves)
        {
            scratch.KeepBestForWord(slot, similarity, wordStamp);
        }
    }

    /// <summary><see cref="FindTerms"/>, or what it found for the word since the last write.</summary>
    private (int TermId, float Similarity)[] RecentTerms(string word, Scratch scratch)
    {
        var slot = (word.GetHashCode() & int.MaxValue) % RecentWordSlots;
        if (_recentWords[slot] is { } recent && recent.Generation == _generation && string.Equals(recent.Word, word, StringComparison.Ordinal))
        {
            return recent.Terms;
        }

        var terms = FindTerms(word, scratch).ToArray();
        _recentWords[slot] = new WordTerms(word, _generation, terms);
        return terms;
    }

    /// <summary>The terms that match one query word, with how well (1 exact, less for prefix and typos).</summary>
    private List<(int TermId, float Similarity)> FindTerms(string word, Scratch scratch)
    {
        var found = scratch.Found;
        found.Clear();
        var exactId = _termIds.TryGetValue(word, out var id) ? id : -1;
        if (exactId >= 0)
        {
            found.Add((exactId, 1f));
        }

        // Prefixes: a word being typed. A very short prefix matches many words; past a few hundred they
        // only add noise, and the cap bounds the work.
        var prefixes = 0;
        foreach (var (term, sortedId) in _sortedTerms.StartingWithIds(word))
        {
            var termId = sortedId;
            if (term.Length > word.Length && (termId >= 0 || _termIds.TryGetValue(term, out termId)) && _termDocs.CountOf(termId) > 0)
            {
                found.Add((termId, PrefixBase + (PrefixSpan * word.Length / term.Length)));
                if (++prefixes == MaxPrefixTerms)
                {
                    break;
                }
            }
        }

        // A word that exists as typed was most likely meant as typed; it still reaches its one-typo
        // neighbours ("hofmann" → "hoffmann"), which is also much cheaper than two.
        var maxEdits = exactId >= 0 ? Math.Min(1, MaxEdits(word.Length)) : MaxEdits(word.Length);
        if (maxEdits == 0)
        {
            return found;
        }

        // Each edit changes at most three of the word's n + 1 letter pairs (first and last letter padded)
        // and shifts the others by at most one place, so a term within k edits shares at least n + 1 - 3k
        // pairs at positions at most k apart. Fewer rules a term out before any edit distance is computed.
        var needed = Math.Max(1, word.Length + 1 - (3 * maxEdits));
        var stamp = scratch.NextTermStamp();
        var tallies = scratch.Terms;
        var touched = scratch.TouchedTerms;
        touched.Clear();
        for (var position = 0; position <= word.Length; position++)
        {
            var pair = Pair(word, position);
            var from = Math.Max(1, word.Length - maxEdits);
            var to = Math.Min(MaxPosition, word.Length + maxEdits);
            for (var length = from; length <= to; length++)
            {
                if (!_pairPostings.TryGetValue(PairKey(pair, length), out var list))
                {
                    continue;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    var packed = list[i];
                    if (Math.Abs((packed & MaxPosition) - position) > maxEdits)
                    {
                        continue;
                    }

                    var termId = packed >> PositionBits;
                    ref var tally = ref tallies[termId];
                    if ((tally & ~Scratch.TermCountMask) != stamp)
                    {
                        tally = stamp | 1;
                        touched.Add(termId);
                    }
                    else if ((tally & Scratch.TermCountMask) != Scratch.TermCountMask)
                    {
                        // Saturates at 4,095, far above the most ever needed (a query word of at most 200 letters has 201 pairs), so
                        // it never carries into the stamp.
                        tally++;
                    }
                }
            }
        }

        foreach (var termId in touched)
        {
            if ((tallies[termId] & Scratch.TermCountMask) < needed || termId == exactId || _termDocs.CountOf(termId) == 0)
            {
                // Too few shared pairs, already found, or a word no customer has any more.
                continue;
            }

            var term = _terms[termId];
            if (term.Length > word.Length && term.StartsWith(word, StringComparison.Ordinal))
            {
                continue;
            }

            var distance = EditDistance.Osa(word, term, maxEdits);
            if (distance is 1 or 2 && distance <= maxEdits)
            {
                found.Add((termId, distance == 1 ? OneEditSimilarity : TwoEditsSimilarity));
            }
        }

        return found;
    }

    /// <summary>
    /// How many typos a word of this length may have: none up to 3 letters (one edit turns "abc" into
    /// hundreds of words), one up to 6, two from 7 (two typos in a short word make another word).
    /// </summary>
    internal static int MaxEdits(int length) => length <= 3 ? 0 : length <= 6 ? 1 : 2;

    /// <summary>The letter pair ending at <paramref name="position"/>, the word padded with a space at both ends.</summary>
    private static int Pair(string word, int position)
    {
        var left = position == 0 ? ' ' : word[position - 1];
        var right = position == word.Length ? ' ' : word[position];
        return (left << 16) | right;
    }

    private static long PairKey(int pair, int length) => ((long)pair << PositionBits) | (uint)length;

    /// <summary>The terms a query word matched at a generation of the index.</summary>
    private sealed record WordTerms(string Word, long Generation, (int TermId, float Similarity)[] Terms);

    /// <summary>A search's answer, best first, as computed for up to <paramref name="Kept"/> offers at a generation of the index.</summary>
    private sealed record RecentAnswer(string Query, long Generation, int Kept, CustomerMatch[] Matches)
    {
        /// <summary>True when this is the answer to <paramref name="query"/> now: same words, nothing written since, and enough offers kept.</summary>
        public bool Answers(string query, int top, long generation) =>
            Generation == generation
            && (top <= Kept || Matches.Length < Kept)
            && string.Equals(Query, query, StringComparison.Ordinal);

        /// <summary>The best <paramref name="top"/>, a list of the caller's own.</summary>
        public CustomerMatch[] Top(int top) => Matches.AsSpan(0, Math.Min(top, Matches.Length)).ToArray();
    }

    /// <summary>
    /// A customer's name words (legal forms dropped), every word it is found by (name, umlauts as digraphs, domain
    /// words and label) and its exact keys, worked out into buffers reused from one customer to the next: a load of
    /// 100,000 customers spent about a quarter of its time collecting the garbage of fresh sets per customer. The
    /// name and the domain are each folded once. Computed again to unlink a customer rather than kept: the index keeps
    /// only what a search reads, and a customer is unlinked only when renamed or removed.
    /// </summary>
    private sealed class EntryAnalysis
    {
        private readonly List<string> _domainWords = [];
        private string _foldedName = string.Empty;

        public List<string> NameWords { get; } = [];

        public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public EntryAnalysis Of(CustomerSearchEntry entry) => Of(entry.CompanyName, entry.Domain);

        public EntryAnalysis Of(string companyName, string domain)
        {
            Words.Clear();
            Keys.Clear();
            _foldedName = TextFold.Fold(companyName);
            var wholeName = SearchTokenizer.AddNameTokensOfFolded(_foldedName, NameWords);
            Words.UnionWith(NameWords);
            Keys.Add(wholeName ? _foldedName : string.Join(' ', NameWords));
            if (TextFold.HasUmlaut(companyName))
            {
                var digraphWords = SearchTokenizer.NameTokens(companyName, umlautsAsDigraphs: true);
                Words.UnionWith(digraphWords);
                Keys.Add(string.Join(' ', digraphWords));
            }

            // A domain's words and its whole label: "kowalski-transport.pl" is typed with or without the
            // hyphen, and a typo in "kowalskitransport" is one word with a typo, not two words.
            var foldedDomain = TextFold.Fold(domain);
            SearchTokenizer.AddDomainTokensOfFolded(foldedDomain, _domainWords);
            Words.UnionWith(_domainWords);
            var domainKey = SearchTokenizer.DomainKey(domain);
            if (domainKey.Length > 0)
            {
                Words.Add(domainKey);
                Keys.Add(domainKey);
                Keys.Add(foldedDomain);
            }

            Keys.Remove(string.Empty);
            Words.Remove(string.Empty);
            return this;
        }

        /// <summary>Distinct name words: the query's words are distinct too, so "Weiß &amp; Weiß" has one word to mention.</summary>
        public int DistinctNameWords()
        {
            var distinct = 0;
            for (var i = 0; i < NameWords.Count; i++)
            {
                if (NameWords.IndexOf(NameWords[i], 0, i) < 0)
                {
                    distinct++;
                }
            }

            return distinct;
        }

        public string LegalFormKey() => SearchTokenizer.LegalFormKeyOfFolded(_foldedName);
    }

    /// <summary>A query folded once, outside the lock.</summary>
    private sealed class ParsedQuery
    {
        private ParsedQuery(string[] words, string[] exactKeys, string legalFormKey, (string Key, int Words)[] phraseKeys)
        {
            Words = words;
            ExactKeys = exactKeys;
            LegalFormKey = legalFormKey;
            PhraseKeys = phraseKeys;
        }

        /// <summary>In a text longer than a name (a pasted message), every run of its words that could be a name whole.</summary>
        public (string Key, int Words)[] PhraseKeys { get; }

        /// <summary>The legal form typed, if any (<see cref="SearchTokenizer.LegalFormKey"/>), to break ties with.</summary>
        public string LegalFormKey { get; }

        public string[] Words { get; }

        public string[] ExactKeys { get; }

        public static ParsedQuery Parse(string text)
        {
            var trimmed = text.Trim();
            var query = trimmed.Length > MaxQueryLength ? trimmed[..MaxQueryLength] : trimmed;

            // A single word with a dot is a domain ("contoso.onmicrosoft.com", "kowalski.pl"):
            // its TLD and "onmicrosoft" are noise, not words of a name.
            var looksLikeDomain = query.Contains('.', StringComparison.Ordinal)
                && !query.Contains(' ', StringComparison.Ordinal)
                && query.IndexOf('.', StringComparison.Ordinal) < query.Length - 1;
            var words = looksLikeDomain ? SearchTokenizer.DomainTokens(query) : SearchTokenizer.NameTokens(query);
            var distinct = words.Distinct(StringComparer.Ordinal).Take(MaxQueryWords).ToArray();

            var keys = new List<string> { string.Join(' ', words), TextFold.Fold(query) };
            if (looksLikeDomain)
            {
                keys.Add(SearchTokenizer.DomainKey(query));
            }

            return new ParsedQuery(
                distinct,
                [.. keys.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)],
                looksLikeDomain ? string.Empty : SearchTokenizer.LegalFormKey(query),
                looksLikeDomain ? [] : PhrasesIn(trimmed));
        }

        /// <summary>
        /// Every run of up to <see cref="MaxPhraseWords"/> words of a text with more words than a name has: the
        /// name of a pasted message ("Zakłady Mięsne Kowalski - Dzień dobry, prosimy o …") is one of them.
        /// </summary>
        private static (string Key, int Words)[] PhrasesIn(string text)
        {
            var words = SearchTokenizer.NameTokens(text);
            if (words.Count <= MaxQueryWords)
            {
                return [];
            }

            var phrases = new List<(string, int)>(words.Count * MaxPhraseWords);
            for (var first = 0; first < words.Count; first++)
            {
                var phrase = new System.Text.StringBuilder();
                for (var count = 1; count <= MaxPhraseWords && first + count <= words.Count; count++)
                {
                    phrase.Append(count > 1 ? " " : string.Empty).Append(words[first + count - 1]);
                    phrases.Add((phrase.ToString(), count));
                }
            }

            return [.. phrases];
        }
    }

    /// <summary>A search's working memory, reused, so a search allocates next to nothing.</summary>
    private sealed class Scratch
    {
        /// <summary>The low bits of a term's tally count its shared pairs; the high bits are the stamp of the lookup.</summary>
        public const uint TermCountMask = (1 << TermCountBits) - 1;

        private const int TermCountBits = 12;
        private const uint MaxTermStamp = uint.MaxValue >> TermCountBits;

        private int _stamp;
        private uint _termStamp;

        /// <summary>
        /// Per term, the stamp of the lookup it was last met in and the letter pairs it shares with the query word, in one
        /// uint: 4 bytes a term where two ints took 8, so a lookup's scattered reads and writes land in half the memory.
        /// </summary>
        public uint[] Terms { get; private set; } = [];

        /// <summary>Per customer, its score so far; one array of records so a customer's figures share a cache line.</summary>
        public DocTally[] Docs { get; private set; } = [];

        public List<int> TouchedTerms { get; } = [];

        public List<int> TouchedDocs { get; } = [];

        public List<int> Candidates { get; } = [];

        public List<(int TermId, float Similarity)> Found { get; } = [];

        public Dictionary<int, float> Halves { get; } = [];

        public HashSet<int> LeadingTerms { get; } = [];

        /// <summary>Per customer in <see cref="Candidates"/>, its score (negative infinity when it was ruled out by a bound).</summary>
        public List<double> Scores { get; } = [];

        public ScoreFloor Floor { get; } = new();

        public List<int> ExactSlots { get; } = [];

        public EntryAnalysis Analysis { get; } = new();

        /// <summary>The stamp of the query being answered: every stamp of its words is larger, every earlier query's smaller.</summary>
        public int QueryStamp { get; private set; }

        /// <summary>A customer met by the query: a candidate from now on, its tally started on first meeting.</summary>
        public void Meet(int slot)
        {
            ref var doc = ref Docs[slot];
            if (doc.Stamp < QueryStamp)
            {
                StartTally(ref doc, slot);
            }
        }

        /// <summary>
        /// A customer's best similarity for the query word being scored; its first hit for the word marks it touched, and
        /// its first hit in the query a candidate (one stamp per customer tells both: the query's and its words' stamps
        /// only grow).
        /// </summary>
        public void KeepBestForWord(int slot, float similarity, int wordStamp)
        {
            ref var doc = ref Docs[slot];
            if (doc.Stamp != wordStamp)
            {
                if (doc.Stamp < QueryStamp)
                {
                    StartTally(ref doc, slot);
                }

                doc.Stamp = wordStamp;
                doc.WordBest = similarity;
                TouchedDocs.Add(slot);
            }
            else if (similarity > doc.WordBest)
            {
                doc.WordBest = similarity;
            }
        }

        public void Prepare(int termCount, int docCount)
        {
            if (Terms.Length < termCount)
            {
                Terms = new uint[Math.Max(termCount, Terms.Length * 2)];
            }

            if (Docs.Length < docCount)
            {
                Docs = new DocTally[Math.Max(docCount, Docs.Length * 2)];
            }

            // Stamps mark which entries belong to the current pass; before they could wrap around,
            // clearing them once keeps an old stamp from ever looking current.
            if (_stamp > int.MaxValue - 64)
            {
                Array.Clear(Docs);
                _stamp = 0;
            }
        }

        public int StartQuery() => QueryStamp = ++_stamp;

        public int NextStamp() => ++_stamp;

        /// <summary>The stamp of a term lookup, already shifted above the count bits; the tallies are cleared before it wraps.</summary>
        public uint NextTermStamp()
        {
            if (_termStamp == MaxTermStamp)
            {
                Array.Clear(Terms);
                _termStamp = 0;
            }

            return ++_termStamp << TermCountBits;
        }

        private void StartTally(ref DocTally doc, int slot)
        {
            doc.Stamp = QueryStamp;
            doc.Total = 0;
            doc.Matched = 0;
            doc.Exact = false;
            Candidates.Add(slot);
        }
    }

    /// <summary>
    /// The top-th best of the scores added so far (a min-heap of the best top): once full, a score below its least is
    /// below top others and cannot place.
    /// </summary>
    private sealed class ScoreFloor
    {
        private double[] _heap = new double[16];
        private int _count;
        private int _capacity;

        public void Reset(int capacity)
        {
            _capacity = capacity;
            _count = 0;
            if (_heap.Length < capacity)
            {
                _heap = new double[capacity];
            }
        }

        /// <summary>True when <paramref name="score"/> is below the top best already added, so it could not place.</summary>
        public bool Excludes(double score) => _count == _capacity && score < _heap[0];

        public void Add(double score)
        {
            if (_count < _capacity)
            {
                // Sift up from the end.
                var at = _count++;
                while (at > 0)
                {
                    var parent = (at - 1) / 2;
                    if (_heap[parent] <= score)
                    {
                        break;
                    }

                    _heap[at] = _heap[parent];
                    at = parent;
                }

                _heap[at] = score;
                return;
            }

            if (score <= _heap[0])
            {
                return;
            }

            // Replace the least and sift down.
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && _heap[child + 1] < _heap[child])
                {
                    child++;
                }

                if (_heap[child] >= score)
                {
                    break;
                }

                _heap[i] = _heap[child];
                i = child;
            }

            _heap[i] = score;
        }
    }

    /// <summary>
    /// A customer's tally during a search: the stamp of the query or of its word it was last met by, whether its name or
    /// domain is exact, its summed similarity and matched words, and its best similarity for the query word being scored.
    /// 16 bytes (it was 28), so the customers a search meets, scattered over the array, take fewer cache lines.
    /// </summary>
    private struct DocTally
    {
        public int Stamp;
        public float Total;
        public float WordBest;
        public byte Matched;
        public bool Exact;
    }

    /// <summary>
    /// The best <c>n</c> offers, best first. Equal scores go first to the legal form the query typed (near-namesakes
    /// differ only by it), then by name and id so results are stable. Names and ids are kept by the index as bytes: an
    /// offer's name is made only when it ties with another on score and legal form, its id only when the names tie too,
    /// and the rest for the offers that place.
    /// </summary>
    private sealed class TopN(CustomerSearchIndex index, int capacity, string typedLegalForm)
    {
        private readonly List<Offered> _items = new(Math.Min(capacity, 64) + 1);

        public void Offer(int slot, double score)
        {
            var legalFormKey = index._legalFormKeys[index._legalFormIds[slot]];
            var offer = new Offered(slot, typedLegalForm.Length > 0 && string.Equals(legalFormKey, typedLegalForm, StringComparison.Ordinal), score);
            var items = CollectionsMarshal.AsSpan(_items);
            if (items.Length == capacity && !Better(ref offer, ref items[^1]))
            {
                return;
            }

            var at = items.Length;
            while (at > 0 && Better(ref offer, ref items[at - 1]))
            {
                at--;
            }

            _items.Insert(at, offer);
            if (_items.Count > capacity)
            {
                _items.RemoveAt(_items.Count - 1);
            }
        }

        /// <summary>True when an offer of <paramref name="score"/> could not place: the list is full of better scores.</summary>
        public bool Excludes(double score) => _items.Count == capacity && score < _items[^1].Score;

        public List<CustomerMatch> ToMatches() =>
            _items.ConvertAll(i => new CustomerMatch(
                index._customers.IdAt(i.Slot), i.Name ?? index._customers.NameAt(i.Slot), index._customers.DomainAt(i.Slot), Math.Round(i.Score, 4)));

        private bool Better(ref Offered offer, ref Offered other)
        {
            if (offer.Score != other.Score)
            {
                return offer.Score > other.Score;
            }

            if (offer.LegalFormTyped != other.LegalFormTyped)
            {
                return offer.LegalFormTyped;
            }

            offer.Name ??= index._customers.NameAt(offer.Slot);
            other.Name ??= index._customers.NameAt(other.Slot);
            var byName = string.CompareOrdinal(offer.Name, other.Name);
            return byName != 0 ? byName < 0 : string.CompareOrdinal(index._customers.IdAt(offer.Slot), index._customers.IdAt(other.Slot)) < 0;
        }
    }

    /// <summary>An offer to <see cref="TopN"/>: its name made once it is needed.</summary>
    private struct Offered(int slot, bool legalFormTyped, double score)
    {
        public readonly int Slot = slot;
        public readonly bool LegalFormTyped = legalFormTyped;
        public readonly double Score = score;
        public string? Name;
    }
}
