using System.Security.Cryptography;
using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

/// <summary>
/// The index keeps customers, words and keys in compact shapes (GUID ids as 16 bytes, names in one UTF-8 pool, lists in
/// shared arrays): whatever the shape, every id, name and domain a search returns is exactly the one indexed, and the
/// tables answer as the dictionaries and lists they replaced.
/// </summary>
public sealed class CompactStorageTests
{
    private static readonly CustomerSearchEntry[] OddCustomers =
    [
        new("7d1f7d4e-0000-4000-8000-00000000ad0e", "Hurtownia Papieru Zielonka sp. z o.o.", "zielonka-papier.pl"),
        new("7D1F7D4E-0000-4000-8000-00000000AD0E", "Hurtownia Papieru Zielonka S.A.", "zielonka-sa.pl"),
        new("{5c2b1a0e-1111-4222-8333-944455556666}", "Braced Guid Logistics", "braced.example"),
        new("c-kowalski", "Kowalski Transport Międzynarodowy sp. j.", "kowalski-transport.pl"),
        new("1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9", "Broken \uD800 Surrogate Studio", "broken.example"),
        new("2b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9", "Emoji 🍎 Orchard Müller GmbH", "orchard.example"),
        new("3b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9", "Longname " + new string('x', 70_000), "long.example"),
    ];

    [Fact]
    public void Every_id_and_name_reads_back_exactly_whatever_its_shape()
    {
        using var index = new CustomerSearchIndex(OddCustomers);

        Assert.Equal(OddCustomers.Length, index.Count);
        AssertEachFoundAsIndexed(index);
    }

    [Fact]
    public void Ids_differing_only_in_case_are_two_customers_and_each_is_removed_alone()
    {
        using var index = new CustomerSearchIndex(OddCustomers);

        index.Remove("7D1F7D4E-0000-4000-8000-00000000AD0E");

        Assert.Equal(OddCustomers.Length - 1, index.Count);
        var found = index.Search("hurtownia papieru zielonka", 5);
        Assert.Equal("7d1f7d4e-0000-4000-8000-00000000ad0e", Assert.Single(found).CustomerId);
    }

    [Fact]
    public void A_snapshot_keeps_every_id_and_name_exactly()
    {
        using var written = new CustomerSearchIndex(OddCustomers);
        written.Remove("c-kowalski");
        using var file = new MemoryStream();
        written.WriteSnapshot(file, "stamp");

        using var read = new CustomerSearchIndex();
        read.ReadSnapshot(file);

        Assert.Equal(OddCustomers.Length - 1, read.Count);
        AssertEachFoundAsIndexed(read, except: "c-kowalski");
        read.Upsert(new("c-kowalski", "Kowalski Spedycja", "kowalski-transport.pl"));
        Assert.Equal("c-kowalski", read.Search("kowalski spedycja", 5)[0].CustomerId);
    }

    [Fact]
    public void A_snapshot_of_the_previous_format_is_refused_so_the_index_is_built_from_the_rows()
    {
        using var written = new CustomerSearchIndex(OddCustomers);
        using var file = new MemoryStream();
        written.WriteSnapshot(file, "stamp");
        var body = file.ToArray()[..^SHA256.HashSizeInBytes];
        BitConverter.GetBytes(1).CopyTo(body, "PBSEARCH".Length);
        var previous = new MemoryStream([.. body, .. SHA256.HashData(body)]);

        Assert.Null(CustomerSearchIndex.SnapshotStamp(previous));
        using var index = new CustomerSearchIndex();
        Assert.Throws<InvalidDataException>(() => index.ReadSnapshot(previous));
    }

    [Fact]
    public void Thousands_of_renames_leave_every_customer_found_by_its_latest_name()
    {
        // Each rename leaves the old name's bytes behind until the pool is packed again (past a megabyte of them).
        using var index = new CustomerSearchIndex(OddCustomers);
        for (var i = 0; i < 12_000; i++)
        {
            index.Upsert(new("c-kowalski", $"Kowalski Rename {i} " + new string('k', 100), "kowalski-transport.pl"));
        }

        index.Upsert(new("c-kowalski", "Kowalski Spedycja Finalna", "kowalski-transport.pl"));

        Assert.Equal("Kowalski Spedycja Finalna", index.Search("kowalski spedycja finalna", 5)[0].CompanyName);
        AssertEachFoundAsIndexed(index, except: "c-kowalski");
    }

    [Fact]
    public void The_exact_key_table_answers_as_a_dictionary_through_adds_and_removals()
    {
        var random = new Random(13);
        var table = new ExactKeyTable();
        var expected = new Dictionary<ulong, int>();
        // Few distinct keys, so that removals hit runs of neighbours; high bits vary, so that homes collide and wrap.
        var keys = Enumerable.Range(0, 300).Select(_ => (ulong)random.NextInt64() << 1).ToArray();
        for (var step = 0; step < 50_000; step++)
        {
            var key = keys[random.Next(keys.Length)];
            switch (random.Next(3))
            {
                case 0:
                    Assert.Equal(expected.TryAdd(key, step), table.TryAdd(key, step));
                    break;
                case 1:
                    Assert.Equal(expected.Remove(key), table.Remove(key));
                    break;
                default:
                    if (expected.ContainsKey(key))
                    {
                        expected[key] = -step;
                        table.Set(key, -step);
                    }

                    break;
            }

            Assert.Equal(expected.Count, table.Count);
        }

        foreach (var key in keys)
        {
            Assert.Equal(expected.TryGetValue(key, out var value), table.TryGetValue(key, out var actual));
            Assert.Equal(value, actual);
        }

        Assert.Equal(expected.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)), table.Pairs().OrderBy(p => p.Key));
    }

    [Fact]
    public void The_customer_table_finds_each_id_s_slot_as_a_dictionary_through_adds_and_removals()
    {
        var random = new Random(15);
        var table = new CustomerTable(16);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var free = new Stack<int>();
        var slots = 0;
        // GUIDs as Partner Center writes them and a few ids of other shapes, added and removed in turn.
        var ids = Enumerable.Range(0, 400)
            .Select(i => i % 10 == 0 ? $"c-{i}" : new Guid(random.Next(), (short)i, (short)random.Next(short.MaxValue), [1, 2, 3, 4, 5, 6, 7, (byte)i]).ToString())
            .ToArray();
        for (var step = 0; step < 30_000; step++)
        {
            var id = ids[random.Next(ids.Length)];
            if (expected.Remove(id, out var slot))
            {
                Assert.True(table.RemoveId(id, out var removed));
                Assert.Equal(slot, removed);
                table.Clear(slot);
                free.Push(slot);
            }
            else
            {
                slot = free.Count > 0 ? free.Pop() : slots++;
                if (slot >= 16)
                {
                    table.Resize(Math.Max(slots, 16));
                }

                table.AddId(id, slot);
                table.Set(slot, new CustomerSearchEntry(id, $"Firma {step}", $"firma{step}.pl"));
                expected.Add(id, slot);
            }

            Assert.Equal(expected.Count, table.Count);
        }

        foreach (var id in ids)
        {
            Assert.Equal(expected.TryGetValue(id, out var slot), table.TryGetSlot(id, out var found));
            if (expected.ContainsKey(id))
            {
                Assert.Equal(slot, found);
                Assert.Equal(id, table.IdAt(found));
            }
        }
    }

    [Fact]
    public void Posting_lists_hold_what_was_added_and_not_removed_through_moves_and_packs()
    {
        var random = new Random(14);
        var lists = new PostingLists();
        var expected = new List<List<int>>();
        for (var step = 0; step < 40_000; step++)
        {
            if (expected.Count == 0 || random.Next(50) == 0)
            {
                Assert.Equal(expected.Count, lists.AddList());
                expected.Add([]);
            }

            var list = random.Next(expected.Count);
            if (random.Next(3) == 0 && expected[list].Count > 0)
            {
                var value = expected[list][random.Next(expected[list].Count)];
                var at = expected[list].IndexOf(value);
                expected[list][at] = expected[list][^1];
                expected[list].RemoveAt(expected[list].Count - 1);
                lists.RemoveValue(list, value);
            }
            else
            {
                expected[list].Add(step);
                lists.Add(list, step);
            }

            if (step % 9_999 == 0)
            {
                lists.Pack();
            }
        }

        for (var list = 0; list < expected.Count; list++)
        {
            Assert.Equal(expected[list], lists[list].ToArray());
        }
    }

    private static void AssertEachFoundAsIndexed(CustomerSearchIndex index, string? except = null)
    {
        foreach (var customer in OddCustomers.Where(c => c.CustomerId != except))
        {
            var found = index.Search(customer.CompanyName.Length > 200 ? customer.CompanyName[..9] : customer.CompanyName, 10);
            var match = Assert.Single(found, m => m.CustomerId == customer.CustomerId);
            Assert.Equal(customer.CompanyName, match.CompanyName);
            Assert.Equal(customer.Domain, match.Domain);
        }
    }
}
