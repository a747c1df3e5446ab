namespace PartnerBot.Hosting;

/// <summary>
/// The conversation states this instance saved last, each with the etag and the document the store was given, so
/// that the next turn of the conversation takes the state itself instead of parsing the document it was just
/// written as (issue 13: the parse was about 6% of a turn's CPU). A state is handed out once: taking it removes it,
/// so a turn that fails, or changes the state and does not save it, leaves nothing here for the next turn, which then
/// reads the store. Only a store row still holding exactly what was saved (same etag, same document) is answered from
/// here; another instance's write, a hand edit or an expiry reads the store. Bounded: the oldest are dropped.
/// </summary>
public sealed class SavedStateKeep
{
    /// <summary>
    /// How many conversations are kept. Beyond a team's conversations in flight at once, so a busy instance still finds
    /// most of them; a kept state is a few KB, so the keep stays a few MB at most.
    /// </summary>
    public const int Capacity = 1024;

    private readonly Dictionary<string, LinkedListNode<Saved>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Saved> _oldestFirst = new();
    private readonly Lock _lock = new();

    /// <summary>How many conversations are kept now (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>Keeps <paramref name="state"/> as saved under <paramref name="key"/>, replacing what was kept for it.</summary>
    public void Put(string key, string etag, string document, IDictionary<string, object> state)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            if (_byKey.Remove(key, out var replaced))
            {
                _oldestFirst.Remove(replaced);
            }

            _byKey.Add(key, _oldestFirst.AddLast(new Saved(key, etag, document, state)));
            if (_byKey.Count > Capacity)
            {
                _byKey.Remove(_oldestFirst.First!.Value.Key);
                _oldestFirst.RemoveFirst();
            }
        }
    }

    /// <summary>
    /// The state kept for <paramref name="key"/> when the store holds it at <paramref name="etag"/> as
    /// <paramref name="document"/>; whatever was kept for the key is removed either way.
    /// </summary>
    public bool TryTake(string key, string etag, string document, out IDictionary<string, object>? state)
    {
        ArgumentNullException.ThrowIfNull(key);
        Saved? saved;
        lock (_lock)
        {
            if (!_byKey.Remove(key, out var node))
            {
                state = null;
                return false;
            }

            _oldestFirst.Remove(node);
            saved = node.Value;
        }

        if (string.Equals(saved.ETag, etag, StringComparison.Ordinal) && string.Equals(saved.Document, document, StringComparison.Ordinal))
        {
            state = saved.State;
            return true;
        }

        state = null;
        return false;
    }

    private sealed record Saved(string Key, string ETag, string Document, IDictionary<string, object> State);
}
