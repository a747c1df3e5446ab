using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace PartnerBot.Domain.Search;

/// <summary>
/// The customers of the search index by slot: id, name and domain, what a search shows of the few customers it
/// returns. Kept in arrays by slot rather than as a record and three strings per customer (about 250 bytes each, 25 MB
/// at 100,000 customers, issue 13's resident memory): an id that is a GUID as Partner Center writes it (lowercase, with
/// hyphens) is kept as a <see cref="Guid"/> of 16 bytes, name and domain as UTF-8 in one shared byte pool; the strings
/// are made again only for the customers a search offers. Any other customer (an id of another shape, a name that is
/// not well-formed UTF-16 or is longer than 65,535 bytes) is kept as it came, so every id and name reads back exactly.
/// Not thread-safe: the index reads it under its read lock and writes under its write lock.
/// </summary>
internal sealed class CustomerTable
{
    private const int Empty = -1;
    private const int Loose = -2;
    private const int MaxPartBytes = ushort.MaxValue;

    // A slot's kind in a snapshot.
    private const byte EmptySlot = 0;
    private const byte PooledSlot = 1;
    private const byte LooseSlot = 2;

    // Renames and removals leave their old bytes behind; once that much is dead and it is at least a quarter of the
    // pool, the pool is packed again (a copy of a few MB under the write lock, after many thousand renames).
    private const int MinDeadBytesToPack = 1 << 20;

    // The slot of each GUID id: open addressing with linear probing over slot numbers plus one (0 is a free place), the
    // GUID itself read from _guids; 4 bytes a place at most three quarters full, where a Dictionary<Guid, int> spent 32
    // an entry and bucket (3 MB at 100,000 customers).
    private int[] _guidPlaces = new int[16];
    private int _guidCount;
    private Dictionary<string, int> _slotByOtherId = new(StringComparer.Ordinal);
    private Dictionary<int, CustomerSearchEntry> _looseEntries = [];

    private Guid[] _guids = [];

    // Per slot: where its name's bytes start in the pool (the domain's follow), Empty, or Loose (in _looseEntries).
    private int[] _textStarts = [];

    // Per slot: the name's byte count in the high 16 bits, the domain's in the low 16.
    private int[] _textLengths = [];

    private byte[] _text = [];
    private int _textUsed;
    private int _deadBytes;

    public CustomerTable(int slots) => Resize(slots);

    public int Count => _guidCount + _slotByOtherId.Count;

    public void Resize(int slots)
    {
        var old = _textStarts.Length;
        Array.Resize(ref _guids, slots);
        Array.Resize(ref _textStarts, slots);
        Array.Resize(ref _textLengths, slots);
        if (slots > old)
        {
            _textStarts.AsSpan(old).Fill(Empty);
        }
    }

    /// <summary>Room for <paramref name="customers"/> more ids and <paramref name="textBytes"/> more bytes of names and domains.</summary>
    public void Reserve(int customers, long textBytes)
    {
        EnsureGuidPlaces(_guidCount + customers);
        EnsureText(textBytes);
    }

    /// <summary>The bytes <paramref name="entry"/>'s name and domain take in the pool (an upper bound for a text kept whole).</summary>
    public static long TextBytesOf(CustomerSearchEntry entry) =>
        (entry.CompanyName is null ? 0L : Encoding.UTF8.GetByteCount(entry.CompanyName)) + (entry.Domain is null ? 0 : Encoding.UTF8.GetByteCount(entry.Domain));

    public bool TryGetSlot(string customerId, out int slot) =>
        AsGuid(customerId) is { } guid ? TryGetGuidSlot(guid, out slot) : _slotByOtherId.TryGetValue(customerId, out slot);

    public void AddId(string customerId, int slot)
    {
        if (AsGuid(customerId) is { } guid)
        {
            AddGuid(guid, slot);
        }
        else
        {
            _slotByOtherId.Add(customerId, slot);
        }
    }

    public bool RemoveId(string customerId, out int slot) =>
        AsGuid(customerId) is { } guid ? RemoveGuid(guid, out slot) : _slotByOtherId.Remove(customerId, out slot);

    public bool IsLive(int slot) => _textStarts[slot] != Empty;

    /// <summary>Keeps <paramref name="entry"/> in <paramref name="slot"/> (empty, or just cleared).</summary>
    public void Set(int slot, CustomerSearchEntry entry)
    {
        if (AsGuid(entry.CustomerId) is { } guid
            && entry.CompanyName is not null
            && entry.Domain is not null
            && TryAppend(entry.CompanyName, entry.Domain, out var start, out var lengths))
        {
            _guids[slot] = guid;
            _textStarts[slot] = start;
            _textLengths[slot] = lengths;
            return;
        }

        _looseEntries[slot] = entry;
        _textStarts[slot] = Loose;
    }

    public void Clear(int slot)
    {
        var start = _textStarts[slot];
        if (start == Loose)
        {
            _looseEntries.Remove(slot);
        }
        else if (start >= 0)
        {
            _deadBytes += NameBytes(slot) + DomainBytes(slot);
        }

        _textStarts[slot] = Empty;
        if (_deadBytes >= MinDeadBytesToPack && _deadBytes >= _textUsed / 4)
        {
            Pack();
        }
    }

    /// <summary>True when <paramref name="slot"/> holds this very id, name and domain.</summary>
    public bool Holds(int slot, CustomerSearchEntry entry)
    {
        var start = _textStarts[slot];
        if (start == Loose)
        {
            return _looseEntries[slot] == entry;
        }

        return start >= 0
            && AsGuid(entry.CustomerId) == _guids[slot]
            && SameText(entry.CompanyName, _text.AsSpan(start, NameBytes(slot)))
            && SameText(entry.Domain, _text.AsSpan(start + NameBytes(slot), DomainBytes(slot)));
    }

    public CustomerSearchEntry EntryAt(int slot) =>
        _textStarts[slot] == Loose ? _looseEntries[slot] : new CustomerSearchEntry(IdAt(slot), NameAt(slot), DomainAt(slot));

    public string IdAt(int slot) => _textStarts[slot] == Loose ? _looseEntries[slot].CustomerId : _guids[slot].ToString("D");

    public string NameAt(int slot)
    {
        var start = _textStarts[slot];
        return start == Loose ? _looseEntries[slot].CompanyName : Encoding.UTF8.GetString(_text, start, NameBytes(slot));
    }

    public string DomainAt(int slot)
    {
        var start = _textStarts[slot];
        return start == Loose ? _looseEntries[slot].Domain : Encoding.UTF8.GetString(_text, start + NameBytes(slot), DomainBytes(slot));
    }

    /// <summary>
    /// Writes slots 0 to <paramref name="slotCount"/> as kept: a GUID's 16 bytes and the UTF-8 of name and domain, the
    /// pool's live bytes counted first so that a reader allocates it once, at its size.
    /// </summary>
    public void Write(BinaryWriter writer, int slotCount)
    {
        writer.Write(_textUsed - _deadBytes);
        Span<byte> guid = stackalloc byte[16];
        for (var slot = 0; slot < slotCount; slot++)
        {
            var start = _textStarts[slot];
            if (start == Empty)
            {
                writer.Write(EmptySlot);
            }
            else if (start == Loose)
            {
                var entry = _looseEntries[slot];
                writer.Write(LooseSlot);
                WriteUtf16(writer, entry.CustomerId);
                WriteUtf16(writer, entry.CompanyName);
                WriteUtf16(writer, entry.Domain);
            }
            else
            {
                writer.Write(PooledSlot);
                _guids[slot].TryWriteBytes(guid);
                writer.Write(guid);
                writer.Write(_textLengths[slot]);
                writer.Write(_text.AsSpan(start, NameBytes(slot) + DomainBytes(slot)));
            }
        }
    }

    /// <summary>The table <see cref="Write"/> wrote, with room for <paramref name="capacity"/> slots; throws <see cref="FormatException"/> on what it could not have written.</summary>
    public static CustomerTable Read(BinaryReader reader, int slotCount, int capacity, long remaining)
    {
        var table = new CustomerTable(capacity);
        var textBytes = reader.ReadInt32();
        if (textBytes < 0 || textBytes > remaining)
        {
            throw new FormatException("The customers' names in the snapshot are out of range.");
        }

        table._text = new byte[textBytes];
        table.Reserve(slotCount, 0);
        Span<byte> guid = stackalloc byte[16];
        for (var slot = 0; slot < slotCount; slot++)
        {
            switch (reader.ReadByte())
            {
                case EmptySlot:
                    break;
                case LooseSlot:
                    var entry = new CustomerSearchEntry(ReadUtf16(reader, remaining), ReadUtf16(reader, remaining), ReadUtf16(reader, remaining));
                    table._looseEntries.Add(slot, entry);
                    table._textStarts[slot] = Loose;
                    table.AddId(entry.CustomerId, slot);
                    break;
                case PooledSlot:
                    reader.BaseStream.ReadExactly(guid);
                    var lengths = reader.ReadInt32();
                    table._textLengths[slot] = lengths;
                    var length = table.NameBytes(slot) + table.DomainBytes(slot);
                    if (length > textBytes - table._textUsed)
                    {
                        throw new FormatException("A customer's name in the snapshot runs past the names' end.");
                    }

                    reader.BaseStream.ReadExactly(table._text.AsSpan(table._textUsed, length));
                    table._guids[slot] = new Guid(guid);
                    table._textStarts[slot] = table._textUsed;
                    table._textUsed += length;
                    table.AddGuid(table._guids[slot], slot);
                    break;
                default:
                    throw new FormatException("A customer slot in the snapshot is of an unknown kind.");
            }
        }

        return table._textUsed == textBytes ? table : throw new FormatException("The customers' names in the snapshot do not add up.");
    }

    // A customer kept whole is written as its UTF-16 code units, not as UTF-8: a text that is not well-formed (a lone
    // surrogate) is kept whole for that reason, and UTF-8 would replace it.
    private static void WriteUtf16(BinaryWriter writer, string text)
    {
        writer.Write(text.Length);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(text.AsSpan()));
        }
        else
        {
            foreach (var unit in text)
            {
                writer.Write((ushort)unit);
            }
        }
    }

    private static string ReadUtf16(BinaryReader reader, long remaining)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > remaining / sizeof(char))
        {
            throw new FormatException("A customer's text in the snapshot is out of range.");
        }

        var units = new ushort[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(units.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(units, units);
        }

        return new string(MemoryMarshal.Cast<ushort, char>(units));
    }

    /// <summary>
    /// The id's GUID when it is one exactly as <see cref="Guid.ToString()"/> writes it back, so that the id read back is
    /// the id given; null for any other id (uppercase, braces, no hyphens, not a GUID), kept as a string.
    /// </summary>
    private static Guid? AsGuid(string customerId)
    {
        if (customerId.Length != 36 || !Guid.TryParseExact(customerId, "D", out var guid))
        {
            return null;
        }

        Span<char> written = stackalloc char[36];
        return guid.TryFormat(written, out var length, "D") && written[..length].SequenceEqual(customerId) ? guid : null;
    }

    // A GUID's first place: its two halves folded and mixed by a multiplication by an odd constant (Fibonacci hashing).
    private static int GuidHome(Guid guid, int length)
    {
        var halves = MemoryMarshal.Cast<Guid, ulong>(new ReadOnlySpan<Guid>(in guid));
        return (int)Math.BigMul((halves[0] ^ halves[1]) * 0x9E3779B97F4A7C15UL, (ulong)length, out _);
    }

    private static int GuidPlacesFor(int guids) => (int)Math.Min(Array.MaxLength, Math.Max(16, (guids * 4L / 3) + 1));

    /// <summary>The place holding <paramref name="guid"/>'s slot, or -1.</summary>
    private int FindGuid(Guid guid)
    {
        var places = _guidPlaces;
        var at = GuidHome(guid, places.Length);
        while (places[at] != 0)
        {
            if (_guids[places[at] - 1] == guid)
            {
                return at;
            }

            at = at + 1 == places.Length ? 0 : at + 1;
        }

        return -1;
    }

    private bool TryGetGuidSlot(Guid guid, out int slot)
    {
        var at = FindGuid(guid);
        slot = at >= 0 ? _guidPlaces[at] - 1 : 0;
        return at >= 0;
    }

    /// <summary>Adds the GUID as <paramref name="slot"/>'s id; throws <see cref="ArgumentException"/> when it is some slot's already.</summary>
    private void AddGuid(Guid guid, int slot)
    {
        if (FindGuid(guid) >= 0)
        {
            throw new ArgumentException("The customer id is indexed already.", nameof(guid));
        }

        EnsureGuidPlaces(_guidCount + 1);
        _guids[slot] = guid;
        Place(_guidPlaces, guid, slot);
        _guidCount++;
    }

    private bool RemoveGuid(Guid guid, out int slot)
    {
        var at = FindGuid(guid);
        if (at < 0)
        {
            slot = 0;
            return false;
        }

        slot = _guidPlaces[at] - 1;

        // Backward shift: a slot further along the run that could sit in the freed place moves there, so that a lookup
        // never stops at a hole before the GUID it looks for.
        var places = _guidPlaces;
        var hole = at;
        var next = hole;
        while (true)
        {
            next = next + 1 == places.Length ? 0 : next + 1;
            if (places[next] == 0)
            {
                break;
            }

            var home = GuidHome(_guids[places[next] - 1], places.Length);
            var movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (movable)
            {
                places[hole] = places[next];
                hole = next;
            }
        }

        places[hole] = 0;
        _guidCount--;
        return true;
    }

    private void EnsureGuidPlaces(int guids)
    {
        if (guids * 4L <= _guidPlaces.Length * 3L)
        {
            return;
        }

        var old = _guidPlaces;
        _guidPlaces = new int[GuidPlacesFor(Math.Max(guids, _guidCount + (_guidCount / 2)))];
        foreach (var place in old)
        {
            if (place != 0)
            {
                Place(_guidPlaces, _guids[place - 1], place - 1);
            }
        }
    }

    private static void Place(int[] places, Guid guid, int slot)
    {
        var at = GuidHome(guid, places.Length);
        while (places[at] != 0)
        {
            at = at + 1 == places.Length ? 0 : at + 1;
        }

        places[at] = slot + 1;
    }

    private int NameBytes(int slot) => (int)((uint)_textLengths[slot] >> 16);

    private int DomainBytes(int slot) => _textLengths[slot] & 0xFFFF;

    private static bool SameText(string text, ReadOnlySpan<byte> utf8)
    {
        // Never more than three bytes a UTF-16 unit; a text that is not well-formed was never kept in the pool.
        if (utf8.Length > text.Length * 3 || utf8.Length < text.Length)
        {
            return false;
        }

        var rented = utf8.Length > 512 ? ArrayPool<byte>.Shared.Rent(text.Length * 3) : null;
        try
        {
            Span<byte> encoded = rented ?? stackalloc byte[text.Length * 3];
            return Utf8.FromUtf16(text, encoded, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
                && encoded[..written].SequenceEqual(utf8);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Appends name and domain to the pool as UTF-8; false (nothing kept) for a text that would not read back the same.</summary>
    private bool TryAppend(string name, string domain, out int start, out int lengths)
    {
        start = _textUsed;
        lengths = 0;
        // Counted exactly (a text that is not well-formed counts its replacement characters, and is refused below), so
        // that a pool reserved for a whole load is never grown by its last customers.
        EnsureText((long)Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(domain));
        if (Utf8.FromUtf16(name, _text.AsSpan(start), out _, out var nameBytes, replaceInvalidSequences: false) != OperationStatus.Done
            || Utf8.FromUtf16(domain, _text.AsSpan(start + nameBytes), out _, out var domainBytes, replaceInvalidSequences: false) != OperationStatus.Done
            || nameBytes > MaxPartBytes
            || domainBytes > MaxPartBytes)
        {
            return false;
        }

        _textUsed += nameBytes + domainBytes;
        lengths = (nameBytes << 16) | domainBytes;
        return true;
    }

    private void EnsureText(long more)
    {
        var needed = _textUsed + more;
        if (needed <= _text.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException("The customers' names and domains exceed what the search index can hold.");
        }

        // A quarter more, not twice: the pool is the size of every name and domain (several MB), and what it is
        // grown by stays committed.
        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(4096, (long)_text.Length + (_text.Length / 4))));
        Array.Resize(ref _text, size);
    }

    /// <summary>Copies the live slots' bytes into a new pool, without the dead ones.</summary>
    private void Pack()
    {
        var packed = new byte[Math.Max(4096, _textUsed - _deadBytes + ((_textUsed - _deadBytes) / 8))];
        var used = 0;
        for (var slot = 0; slot < _textStarts.Length; slot++)
        {
            var start = _textStarts[slot];
            if (start >= 0)
            {
                var length = NameBytes(slot) + DomainBytes(slot);
                _text.AsSpan(start, length).CopyTo(packed.AsSpan(used));
                _textStarts[slot] = used;
                used += length;
            }
        }

        _text = packed;
        _textUsed = used;
        _deadBytes = 0;
    }
}
