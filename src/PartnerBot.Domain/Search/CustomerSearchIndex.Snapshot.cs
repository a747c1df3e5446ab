using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using PartnerBot.Domain.Customers;

namespace PartnerBot.Domain.Search;

/// <summary>
/// The index written to a file and read back, so that a restart with an unchanged customer list loads it in a
/// fraction of the time a build from the rows takes.
/// </summary>
public sealed partial class CustomerSearchIndex
{
    // Raised whenever the layout below changes: a snapshot of another layout is ignored and the index built again.
    // 2: customers as the index keeps them (GUID ids, names and domains in UTF-8), legal forms by number, the words'
    // customers as one array of items and one of lengths.
    private const int SnapshotFormat = 2;

    // Small enough to stay out of the large object heap.
    private const int StreamBufferBytes = 64 * 1024;
    private static readonly byte[] SnapshotMagic = "PBSEARCH"u8.ToArray();

    /// <summary>
    /// Writes everything the index holds, with <paramref name="stamp"/> (what the caller checks the snapshot against when
    /// reading it back: the data it was built from) and a SHA-256 of the whole, so that a file cut short or damaged is
    /// recognized rather than read into a wrong index.
    /// </summary>
    public void WriteSnapshot(Stream destination, string stamp)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(stamp);
        // Streamed through the hash to the destination, never whole in memory: a 100,000-customer snapshot is ~27 MB,
        // and a buffer that size stays committed in the large object heap long after it is garbage (issue 13's memory).
        using var hash = SHA256.Create();
        using (var hashing = new CryptoStream(destination, hash, CryptoStreamMode.Write, leaveOpen: true))
        using (var buffered = new BufferedStream(hashing, StreamBufferBytes))
        using (var writer = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(SnapshotMagic);
            writer.Write(SnapshotFormat);
            writer.Write(stamp);
            // The read lock is held while the file is written (a few hundred milliseconds at 100,000 customers): only
            // the index's writers wait, and they come from edits, which are rare next to searches.
            _gate.EnterReadLock();
            try
            {
                WriteUnlocked(writer);
            }
            finally
            {
                _gate.ExitReadLock();
            }

            writer.Flush();
            buffered.Flush();
            hashing.FlushFinalBlock();
        }

        // FlushFinalBlock computed it.
        destination.Write(hash.Hash!);
    }

    /// <summary>
    /// The stamp a snapshot was written with, or null when <paramref name="snapshot"/> is not a snapshot of this
    /// format (another layout, or too short to hold a header). Reads only the header, from the start of the stream;
    /// <see cref="ReadSnapshot"/> checks the rest.
    /// </summary>
    public static string? SnapshotStamp(Stream snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        try
        {
            snapshot.Position = 0;
            using var reader = new BinaryReader(snapshot, Encoding.UTF8, leaveOpen: true);
            return ReadHeader(reader);
        }
        catch (Exception exception) when (exception is EndOfStreamException or InvalidDataException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces everything the index holds with <paramref name="snapshot"/> (as <see cref="WriteSnapshot"/> wrote it);
    /// throws <see cref="InvalidDataException"/> and leaves the index as it was when it is damaged or of another format.
    /// </summary>
    public void ReadSnapshot(Stream snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!HasItsChecksum(snapshot, out var bodyLength))
        {
            throw new InvalidDataException("The search index snapshot is damaged or cut short (its checksum does not match).");
        }

        var read = new CustomerSearchIndex();
        try
        {
            snapshot.Position = 0;
            using var reader = new BinaryReader(snapshot, Encoding.UTF8, leaveOpen: true);
            if (ReadHeader(reader) is null)
            {
                throw new InvalidDataException("The search index snapshot is of another format.");
            }

            read.ReadUnlocked(reader, bodyLength);
        }
        catch (Exception exception) when (exception is EndOfStreamException or FormatException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException)
        {
            read.Dispose();
            throw new InvalidDataException("The search index snapshot does not read as one.", exception);
        }

        _gate.EnterWriteLock();
        try
        {
            _generation++;
            _customers = read._customers;
            _freeSlots = read._freeSlots;
            _firstTermIds = read._firstTermIds;
            _nameWordCounts = read._nameWordCounts;
            _legalFormIds = read._legalFormIds;
            _slotCount = read._slotCount;
            _termIds = read._termIds;
            _terms = read._terms;
            _termDocs = read._termDocs;
            _pairPostings = read._pairPostings;
            _sortedTerms = read._sortedTerms;
            _exactKeys = read._exactKeys;
            _sharedKeys = read._sharedKeys;
            _legalFormIdsByKey = read._legalFormIdsByKey;
            _legalFormKeys = read._legalFormKeys;
        }
        finally
        {
            _gate.ExitWriteLock();
            read.Dispose();
        }
    }

    // Checked in a first pass over the stream, in small pieces, before anything is read into an index.
    private static bool HasItsChecksum(Stream snapshot, out long bodyLength)
    {
        const int HashLength = SHA256.HashSizeInBytes;
        bodyLength = snapshot.Length - HashLength;
        if (bodyLength <= 0)
        {
            return false;
        }

        snapshot.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(StreamBufferBytes);
        try
        {
            for (var left = bodyLength; left > 0;)
            {
                var read = snapshot.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0)
                {
                    return false;
                }

                hash.AppendData(buffer, 0, read);
                left -= read;
            }

            Span<byte> stored = stackalloc byte[HashLength];
            snapshot.ReadExactly(stored);
            return hash.GetHashAndReset().AsSpan().SequenceEqual(stored);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? ReadHeader(BinaryReader reader)
    {
        var magic = reader.ReadBytes(SnapshotMagic.Length);
        if (!magic.AsSpan().SequenceEqual(SnapshotMagic) || reader.ReadInt32() != SnapshotFormat)
        {
            return null;
        }

        return reader.ReadString();
    }

    private void WriteUnlocked(BinaryWriter writer)
    {
        writer.Write(_slotCount);
        _customers.Write(writer, _slotCount);
        WriteInts(writer, _nameWordCounts.AsSpan(0, _slotCount));
        WriteInts(writer, _firstTermIds.AsSpan(0, _slotCount));
        writer.Write(_legalFormKeys.Count);
        foreach (var legalForm in _legalFormKeys)
        {
            writer.Write(legalForm);
        }

        WriteInts(writer, _legalFormIds.AsSpan(0, _slotCount));

        writer.Write(_freeSlots.Count);
        foreach (var slot in _freeSlots.Reverse())
        {
            writer.Write(slot);
        }

        writer.Write(_terms.Count);
        for (var id = 0; id < _terms.Count; id++)
        {
            writer.Write(_terms[id]);
        }

        _termDocs.Write(writer, WriteInts);

        writer.Write(_pairPostings.Count);
        foreach (var (key, list) in _pairPostings)
        {
            writer.Write(key);
            WriteInts(writer, list.AsSpan());
        }

        writer.Write(_exactKeys.Count);
        foreach (var (hash, slot) in _exactKeys.Pairs())
        {
            writer.Write(hash);
            writer.Write(slot);
        }

        writer.Write(_sharedKeys.Count);
        foreach (var (hash, list) in _sharedKeys)
        {
            writer.Write(hash);
            WriteInts(writer, list.AsSpan());
        }
    }

    // The snapshot's body ends at bodyLength; the checksum after it is not read here.
    private void ReadUnlocked(BinaryReader reader, long bodyLength)
    {
        var remaining = bodyLength;
        _slotCount = ReadCount(reader, remaining);
        var capacity = Math.Max(_slotCount, InitialSlots);
        _customers = CustomerTable.Read(reader, _slotCount, capacity, remaining);
        ResizeDocs(capacity);
        ReadSlotInts(reader, remaining, _nameWordCounts);
        ReadSlotInts(reader, remaining, _firstTermIds);
        var legalFormCount = ReadCount(reader, remaining);
        for (var i = 0; i < legalFormCount; i++)
        {
            var legalForm = reader.ReadString();
            _legalFormKeys.Add(legalForm);
            _legalFormIdsByKey.Add(legalForm, i);
        }

        ReadSlotInts(reader, remaining, _legalFormIds);
        for (var slot = 0; slot < _slotCount; slot++)
        {
            if (_customers.IsLive(slot) && (uint)_legalFormIds[slot] >= (uint)legalFormCount)
            {
                throw new FormatException("A customer's legal form is not among the snapshot's.");
            }
        }

        var freeCount = ReadCount(reader, remaining);
        for (var i = 0; i < freeCount; i++)
        {
            _freeSlots.Push(Slot(reader.ReadInt32()));
        }

        var termCount = ReadCount(reader, remaining);
        _terms = new List<string>(termCount);
        _termIds = new Dictionary<string, int>(termCount, StringComparer.Ordinal);
        for (var id = 0; id < termCount; id++)
        {
            var term = reader.ReadString();
            _terms.Add(term);
            _termIds.Add(term, id);
        }

        _termDocs = PostingLists.Read(reader, () => ReadCount(reader, remaining), () => ReadInts(reader, remaining), slot => (uint)slot < (uint)_slotCount);
        if (_termDocs.Count != termCount)
        {
            throw new FormatException("The snapshot's words and their customers' lists are not as many.");
        }

        _sortedTerms = SortedTerms.Of(_terms);

        var pairCount = ReadCount(reader, remaining);
        _pairPostings = new Dictionary<long, IntList>(pairCount);
        for (var i = 0; i < pairCount; i++)
        {
            var key = reader.ReadInt64();
            var postings = ReadInts(reader, remaining);
            foreach (var packed in postings)
            {
                if ((uint)(packed >> PositionBits) >= (uint)termCount)
                {
                    throw new FormatException("A letter pair lists a word the snapshot does not have.");
                }
            }

            _pairPostings.Add(key, new IntList(postings));
        }

        var exactCount = ReadCount(reader, remaining);
        _exactKeys = new ExactKeyTable(exactCount);
        for (var i = 0; i < exactCount; i++)
        {
            var hash = reader.ReadUInt64();
            var slot = reader.ReadInt32();
            if (!_exactKeys.TryAdd(hash, slot == SharedKey ? SharedKey : Slot(slot)))
            {
                throw new FormatException("An exact key is twice in the snapshot.");
            }
        }

        var sharedCount = ReadCount(reader, remaining);
        _sharedKeys = new Dictionary<ulong, IntList>(sharedCount);
        for (var i = 0; i < sharedCount; i++)
        {
            _sharedKeys.Add(reader.ReadUInt64(), new IntList(ReadSlots(reader, remaining)));
        }

        for (var slot = 0; slot < _slotCount; slot++)
        {
            if (_customers.IsLive(slot) && _firstTermIds[slot] >= termCount)
            {
                throw new FormatException("A customer's first word is not among the snapshot's words.");
            }
        }

        if (reader.BaseStream.Position != bodyLength)
        {
            throw new FormatException("The snapshot has bytes after its end.");
        }
    }

    // Every count and slot read is checked against what the file could hold, so a damaged file that slipped past the
    // checksum fails to read instead of allocating without bound or leaving a slot a search would index past.
    private static int ReadCount(BinaryReader reader, long remaining)
    {
        var count = reader.ReadInt32();
        return count < 0 || count > remaining ? throw new FormatException("A count in the snapshot is out of range.") : count;
    }

    /// <summary>One int per slot, into the start of <paramref name="values"/>.</summary>
    private void ReadSlotInts(BinaryReader reader, long remaining, int[] values)
    {
        var read = ReadInts(reader, remaining);
        if (read.Length != _slotCount)
        {
            throw new FormatException("A list of the snapshot's customers is not as long as they are many.");
        }

        read.CopyTo(values, 0);
    }

    private int Slot(int slot) =>
        slot < 0 || slot >= _slotCount ? throw new FormatException("A customer slot in the snapshot is out of range.") : slot;

    private int[] ReadSlots(BinaryReader reader, long remaining)
    {
        var slots = ReadInts(reader, remaining);
        foreach (var slot in slots)
        {
            Slot(slot);
        }

        return slots;
    }

    private static int[] ReadInts(BinaryReader reader, long remaining)
    {
        var count = ReadCount(reader, remaining / sizeof(int));
        var values = new int[count];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(values, values);
        }

        return values;
    }

    private static void WriteInts(BinaryWriter writer, ReadOnlySpan<int> values)
    {
        writer.Write(values.Length);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        }
        else
        {
            foreach (var value in values)
            {
                writer.Write(value);
            }
        }
    }
}
