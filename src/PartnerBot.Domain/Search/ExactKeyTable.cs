namespace PartnerBot.Domain.Search;

/// <summary>
/// A hash table from a 64-bit key hash to an int, open addressing with linear probing in two flat arrays: 12 bytes a
/// place at three places for every four keys, where a <see cref="Dictionary{TKey, TValue}"/> of the same spent 24 bytes
/// an entry and 4 a bucket, sized to a prime above the count (9 MB for the 300,000 exact keys of 100,000 customers, issue
/// 13's resident memory; this takes about 5). Values are never <see cref="int.MinValue"/> (it marks a free place).
/// Not thread-safe: the index reads under its read lock and writes under its write lock.
/// </summary>
internal sealed class ExactKeyTable
{
    private const int Free = int.MinValue;
    private const int MinCapacity = 16;

    private ulong[] _keys;
    private int[] _values;

    public ExactKeyTable(int capacity = 0)
    {
        var places = PlacesFor(capacity);
        _keys = new ulong[places];
        _values = new int[places];
        _values.AsSpan().Fill(Free);
    }

    public int Count { get; private set; }

    public bool TryGetValue(ulong key, out int value)
    {
        var at = Find(key);
        value = at >= 0 ? _values[at] : 0;
        return at >= 0;
    }

    /// <summary>Adds the key with its value; false (and nothing changed) when the key is there already.</summary>
    public bool TryAdd(ulong key, int value)
    {
        if (Find(key) >= 0)
        {
            return false;
        }

        if ((Count + 1) * 4L > _values.Length * 3L)
        {
            Rehash(PlacesFor(Count + 1 + (Count / 2)));
        }

        var at = Home(key, _values.Length);
        while (_values[at] != Free)
        {
            at = at + 1 == _values.Length ? 0 : at + 1;
        }

        _keys[at] = key;
        _values[at] = value;
        Count++;
        return true;
    }

    /// <summary>Sets the value of a key that is there.</summary>
    public void Set(ulong key, int value)
    {
        var at = Find(key);
        if (at < 0)
        {
            throw new KeyNotFoundException();
        }

        _values[at] = value;
    }

    public int this[ulong key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException();

    public bool Remove(ulong key)
    {
        var at = Find(key);
        if (at < 0)
        {
            return false;
        }

        // Backward shift: a key further along the run that could sit in the freed place moves there, so that a lookup
        // never stops at a hole before the key it looks for.
        var length = _values.Length;
        var hole = at;
        var next = hole;
        while (true)
        {
            next = next + 1 == length ? 0 : next + 1;
            if (_values[next] == Free)
            {
                break;
            }

            var home = Home(_keys[next], length);
            // The key at next may move into the hole when its home is not cyclically within (hole, next].
            var movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (movable)
            {
                _keys[hole] = _keys[next];
                _values[hole] = _values[next];
                hole = next;
            }
        }

        _values[hole] = Free;
        Count--;
        return true;
    }

    /// <summary>Room for <paramref name="keys"/> keys in all without growing.</summary>
    public void EnsureCapacity(int keys)
    {
        if (keys * 4L > _values.Length * 3L)
        {
            Rehash(PlacesFor(keys));
        }
    }

    public IEnumerable<(ulong Key, int Value)> Pairs()
    {
        for (var at = 0; at < _values.Length; at++)
        {
            if (_values[at] != Free)
            {
                yield return (_keys[at], _values[at]);
            }
        }
    }

    // Places for this many keys at most three quarters full.
    private static int PlacesFor(int keys) => (int)Math.Min(Array.MaxLength, Math.Max(MinCapacity, (keys * 4L / 3) + 1));

    // The key's first place: the hash is already random (FNV-1a), but its high bits, which this takes, are mixed with
    // the low ones first by a multiplication by an odd constant (Fibonacci hashing).
    private static int Home(ulong key, int length) => (int)Math.BigMul(key * 0x9E3779B97F4A7C15UL, (ulong)length, out _);

    private int Find(ulong key)
    {
        var length = _values.Length;
        var at = Home(key, length);
        while (_values[at] != Free)
        {
            if (_keys[at] == key)
            {
                return at;
            }

            at = at + 1 == length ? 0 : at + 1;
        }

        return -1;
    }

    private void Rehash(int places)
    {
        var keys = _keys;
        var values = _values;
        _keys = new ulong[places];
        _values = new int[places];
        _values.AsSpan().Fill(Free);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != Free)
            {
                var at = Home(keys[i], places);
                while (_values[at] != Free)
                {
                    at = at + 1 == places ? 0 : at + 1;
                }

                _keys[at] = keys[i];
                _values[at] = values[i];
            }
        }
    }
}
