using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

/// <summary>An index read back from its snapshot answers as the one that wrote it, and takes changes as before.</summary>
public sealed class SnapshotTests
{
    private static readonly CustomerSearchEntry[] Customers =
    [
        new("c-contoso", "Contoso Ltd", "contoso.onmicrosoft.com"),
        new("c-zaklady", "Zakłady Mięsne Kowalski Sp. z o.o.", "zmkowalski.pl"),
        new("c-kowalski", "Kowalski Transport Międzynarodowy sp. j.", "kowalski-transport.pl"),
        new("c-muller", "Müller Logistik GmbH & Co. KG", "mueller-logistik.de"),
        new("c-drewpol-spzoo", "Drewpol Sp. z o.o.", "drewpol.pl"),
        new("c-drewpol-sc", "Drewpol s.c.", "drewpol-sc.pl"),
        new("c-fabrikam", "Fabrikam GmbH", "fabrikam.de"),
    ];

    private static readonly string[] Queries =
    [
        "Contoso Ltd", "contoso", "zaklady mie", "kowalsky transport", "kowalski-transport.pl", "mueller", "muller logistik",
        "Drewpol", "drewpol s.c.", "polnocna hurtownia", "fabrikam", "tailspin",
    ];

    [Fact]
    public void An_index_read_from_its_snapshot_answers_every_search_as_the_one_that_wrote_it()
    {
        using var written = new CustomerSearchIndex(Customers);
        written.Upsert(new("c-fabrikam", "Północna Hurtownia Farmaceutyczna", "fabrikam.de"));
        written.Remove("c-contoso");
        using var file = new MemoryStream();
        written.WriteSnapshot(file, "db-1 generation 7");

        using var read = new CustomerSearchIndex();
        Assert.Equal("db-1 generation 7", CustomerSearchIndex.SnapshotStamp(file));
        read.ReadSnapshot(file);

        Assert.Equal(written.Count, read.Count);
        foreach (var query in Queries)
        {
            Assert.Equal(written.Search(query, 5), read.Search(query, 5));
        }

        // Changes after the read: a new customer reuses the removed one's place, a rename moves a near-namesake.
        read.Upsert(new("c-tailspin", "Tailspin Toys, Inc.", "tailspintoys.com"));
        read.Upsert(new("c-drewpol-sc", "Drewpol Meble s.c.", "drewpol-sc.pl"));
        Assert.Equal("c-tailspin", read.Search("tailspin", 5)[0].CustomerId);
        Assert.Equal("c-drewpol-spzoo", read.Search("Drewpol", 5)[0].CustomerId);
        Assert.Equal("c-drewpol-sc", read.Search("drewpol meble", 5)[0].CustomerId);
        Assert.DoesNotContain(read.Search("contoso ltd", 5), m => m.CustomerId == "c-contoso");
    }

    [Fact]
    public void A_damaged_snapshot_is_refused_and_the_index_keeps_what_it_had()
    {
        using var written = new CustomerSearchIndex(Customers);
        using var file = new MemoryStream();
        written.WriteSnapshot(file, "stamp");
        var damaged = file.ToArray();
        damaged[damaged.Length / 2] ^= 0x01;

        using var index = new CustomerSearchIndex([new("c-tailspin", "Tailspin Toys, Inc.", "tailspintoys.com")]);
        Assert.Throws<InvalidDataException>(() => index.ReadSnapshot(new MemoryStream(damaged)));
        Assert.Throws<InvalidDataException>(() => index.ReadSnapshot(new MemoryStream(file.ToArray()[..^1])));
        Assert.Null(CustomerSearchIndex.SnapshotStamp(new MemoryStream("not a snapshot"u8.ToArray())));

        Assert.Equal(1, index.Count);
        Assert.Equal("c-tailspin", index.Search("tailspin", 5)[0].CustomerId);
    }
}
