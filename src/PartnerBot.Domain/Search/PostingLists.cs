namespace PartnerBot.Domain.Search;

/// <summary>
/// Many growable lists of ints (a term's customers), numbered from 0, in one shared array: each list is a segment of it
/// with its start, count and room. Where a list was an object and an array of its own (about 50 bytes before its first
/// item, for each of some 124,000 terms at 100,000 customers, issue 13's resident memory), a list here costs 12 bytes.
/// A list that outgrows its segment moves to the end of the array with room to grow; <see cref="Pack"/> closes the gaps
/// moved lists leave (after a load), and so does a write once the gaps are as large as the lists.
/// Order is not kept on removal. Not thread-safe: the index reads under its read lock and writes under its write lock.
/// </summary>
internal sealed class PostingLists
{
    private const int MinGrownRoom = 4;

    private int[] _items = [];
    private int _used;
    private int _gaps;

    private int[] _starts = [];
    private int[] _counts = [];
    private int[] _rooms = [];

    public int Count { get; private set; }

    public ReadOnlySpan<int> this[int list] => _items.AsSpan(_starts[list], _counts[list]);

    public int CountOf(int list) => _counts[list];

    /// <summary>Room for <paramref name="lists"/> more lists.</summary>
    public void Reserve(int lists)
    {
        if (Count + lists > _starts.Length)
        {
            ResizeLists(Count + lists);
        }
    }

    /// <summary>A new, empty list: its number.</summary>
    public int AddList()
    {
        if (Count == _starts.Length)
        {
            ResizeLists(Math.Max(16, _starts.Length * 2));
        }

        _starts[Count] = _used;
        return Count++;
    }

    public void Add(int list, int value)
    {
        var count = _counts[list];
        if (count == _rooms[list])
        {
            Move(list, Math.Max(MinGrownRoom, count * 2));
        }

        _items[_starts[list] + count] = value;
        _counts[list] = count + 1;
    }

    /// <summary>Removes one occurrence by moving the last item into its place.</summary>
    public void RemoveValue(int list, int value)
    {
        var items = _items.AsSpan(_starts[list], _counts[list]);
        var index = items.IndexOf(value);
        if (index < 0)
        {
            return;
        }

        items[index] = items[^1];
        _counts[list]--;
    }

    /// <summary>Every list in one array of exactly their items, in list order, without room to grow.</summary>
    public void Pack()
    {
        var total = 0;
        for (var list = 0; list < Count; list++)
        {
            total += _counts[list];
        }

        var packed = new int[total];
        var at = 0;
        for (var list = 0; list < Count; list++)
        {
            this[list].CopyTo(packed.AsSpan(at));
            _starts[list] = at;
            _rooms[list] = _counts[list];
            at += _counts[list];
        }

        _items = packed;
        _used = total;
        _gaps = 0;
        if (_starts.Length > Count)
        {
            ResizeLists(Count);
        }
    }

    /// <summary>Writes the lists as <see cref="Read"/> reads them: how many, all their items, then each list's length.</summary>
    public void Write(BinaryWriter writer, Action<BinaryWriter, ReadOnlySpan<int>> writeInts)
    {
        writer.Write(Count);
        var total = 0;
        for (var list = 0; list < Count; list++)
        {
            total += _counts[list];
        }

        writer.Write(total);
        for (var list = 0; list < Count; list++)
        {
            var items = this[list];
            if (BitConverter.IsLittleEndian)
            {
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(items));
            }
            else
            {
                foreach (var item in items)
                {
                    writer.Write(item);
                }
            }
        }

        writeInts(writer, _counts.AsSpan(0, Count));
    }

    /// <summary>
    /// The lists <see cref="Write"/> wrote, packed; every item checked by <paramref name="check"/>. Throws
    /// <see cref="FormatException"/> when counts do not add up.
    /// </summary>
    public static PostingLists Read(BinaryReader reader, Func<int> readCount, Func<int[]> readInts, Func<int, bool> check)
    {
        var lists = new PostingLists();
        var count = readCount();
        var total = readCount();
        lists._items = new int[total];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lists._items.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(lists._items, lists._items);
        }

        foreach (var item in lists._items)
        {
            if (!check(item))
            {
                throw new FormatException("A list in the snapshot holds a value out of range.");
            }
        }

        var counts = readInts();
        if (counts.Length != count)
        {
            throw new FormatException("The snapshot's lists are not as many as it says.");
        }

        lists._counts = counts;
        lists._starts = new int[count];
        lists._rooms = new int[count];
        var at = 0L;
        for (var list = 0; list < count; list++)
        {
            var length = counts[list];
            if (length < 0 || at + length > total)
            {
                throw new FormatException("The snapshot's lists run past their items.");
            }

            lists._starts[list] = (int)at;
            lists._rooms[list] = length;
            at += length;
        }

        if (at != total)
        {
            throw new FormatException("The snapshot's lists do not add up to their items.");
        }

        lists._used = total;
        lists.Count = count;
        return lists;
    }

    /// <summary>Moves a full list to the end of the array with room for <paramref name="room"/> items.</summary>
    private void Move(int list, int room)
    {
        var count = _counts[list];
        if (_gaps > MinGrownRoom * Count && _gaps >= _used / 2)
        {
            // As much lies in gaps as in lists: packed first (then this list is last to move, so its room follows).
            Pack();
        }

        if (_used + room > _items.Length)
        {
            // Half as much again, not twice: the array holds every customer of every term (several MB), and what it is
            // grown by stays committed.
            Array.Resize(ref _items, (int)Math.Min(Array.MaxLength, Math.Max(_used + room, (long)_items.Length + (_items.Length / 2) + 1024)));
        }

        var start = _starts[list];
        _items.AsSpan(start, count).CopyTo(_items.AsSpan(_used));
        _gaps += _rooms[list];
        _starts[list] = _used;
        _rooms[list] = room;
        _used += room;
    }

    private void ResizeLists(int size)
    {
        Array.Resize(ref _starts, size);
        Array.Resize(ref _counts, size);
        Array.Resize(ref _rooms, size);
    }
}
