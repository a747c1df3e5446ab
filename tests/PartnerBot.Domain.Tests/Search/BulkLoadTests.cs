using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

/// <summary>
/// The start-up load indexes the whole list in one go (<see cref="CustomerSearchIndex.UpsertMany"/>); a person searching
/// after a restart must get the same answers as from an index filled one customer at a time.
/// </summary>
public sealed class BulkLoadTests
{
    private static readonly CustomerSearchEntry[] Customers =
    [
        new("c-contoso", "Contoso Ltd", "contoso.onmicrosoft.com"),
        new("c-contoso-pl", "Contoso Polska Sp. z o.o.", "contosopl.onmicrosoft.com"),
        new("c-zaklady", "Zakłady Mięsne Kowalski Sp. z o.o.", "zmkowalski.pl"),
        new("c-kowalski", "Kowalski Transport Międzynarodowy sp. j.", "kowalski-transport.pl"),
        new("c-kowalska", "Kowalska Transport", "kowalska.pl"),
        new("c-muller", "Müller Logistik GmbH & Co. KG", "mueller-logistik.de"),
        new("c-drewpol-spzoo", "Drewpol Sp. z o.o.", "drewpol.pl"),
        new("c-drewpol-sc", "Drewpol s.c.", "drewpol-sc.pl"),
        new("c-weiss", "Weiß & Weiß", "weiss.de"),
    ];

    private static readonly string[] Queries =
    [
        "Contoso Ltd", "contoso", "zaklady mie", "Zakłady Mięsne Kowalski", "kowalsky transport", "kowalski-transport.pl",
        "mueller", "muller logistik", "Drewpol s.c.", "drewpol sp z oo", "weiss", "transprot midzynarodowy", "zmkowalski.pl",
    ];

    [Fact]
    public void A_list_loaded_at_once_answers_every_search_as_one_loaded_customer_by_customer()
    {
        using var atOnce = new CustomerSearchIndex();
        atOnce.UpsertMany(Customers);
        using var oneByOne = new CustomerSearchIndex();
        foreach (var customer in Customers)
        {
            oneByOne.Upsert(customer);
        }

        Assert.Equal(Customers.Length, atOnce.Count);
        foreach (var query in Queries)
        {
            Assert.Equal(oneByOne.Search(query, 5), atOnce.Search(query, 5));
        }

        Assert.Equal("c-zaklady", atOnce.Search("zaklady mie", 5)[0].CustomerId);
    }

    [Fact]
    public void Words_learnt_one_by_one_after_a_load_are_found_by_prefix_beside_the_loaded_ones()
    {
        // The load keeps its words in one sorted array and later words beside it: a prefix must reach both, in
        // one order, as in an index that learnt every word one by one.
        CustomerSearchEntry[] later =
        [
            new("c-kowalczyk", "Kowalczyk Meble", "kowalczyk-meble.pl"),
            new("c-kowal", "Kowal Serwis", "kowalserwis.pl"),
            new("c-contosa", "Contosa Trading", "contosa.com"),
        ];
        using var loaded = new CustomerSearchIndex();
        loaded.UpsertMany(Customers);
        using var oneByOne = new CustomerSearchIndex();
        foreach (var customer in Customers)
        {
            oneByOne.Upsert(customer);
        }

        foreach (var customer in later)
        {
            loaded.Upsert(customer);
            oneByOne.Upsert(customer);
        }

        foreach (var query in new[] { "kowal", "kowalc", "conto", "contosa", "kowalsk", "serw" })
        {
            Assert.Equal(oneByOne.Search(query, 10), loaded.Search(query, 10));
        }

        var kowal = loaded.Search("kowal", 10).Select(m => m.CustomerId).ToList();
        Assert.Contains("c-kowalczyk", kowal);
        Assert.Contains("c-kowalski", kowal);
        Assert.Contains("c-kowalska", kowal);
        Assert.Equal("c-kowalczyk", loaded.Search("kowalc", 5)[0].CustomerId);
        Assert.Equal("c-kowal", loaded.Search("serw", 5)[0].CustomerId);
    }

    [Fact]
    public void A_batch_into_a_filled_index_finds_old_and_new_words_and_its_last_entry_for_an_id_wins()
    {
        using var index = new CustomerSearchIndex(Customers);

        index.UpsertMany(
        [
            new("c-nowak", "Przedsiębiorstwo Handlowo-Usługowe Nowak", "phunowak.pl"),
            new("c-contoso", "Contoso Deutschland", "contoso.onmicrosoft.com"),
            new("c-contoso", "Północna Hurtownia Farmaceutyczna", "contoso.onmicrosoft.com"),
        ]);

        Assert.Equal(Customers.Length + 1, index.Count);
        Assert.Equal("c-nowak", index.Search("przedsiebiorstwo handl", 5)[0].CustomerId);
        Assert.Equal("c-zaklady", index.Search("zaklady mie", 5)[0].CustomerId);
        Assert.Equal("c-contoso", index.Search("polnocna hurt", 5)[0].CustomerId);
        Assert.DoesNotContain(index.Search("Contoso Deutschland", 5), m => m.CompanyName.Contains("Deutschland", StringComparison.Ordinal));
        Assert.DoesNotContain(index.Search("Contoso Ltd", 5), m => m.CompanyName == "Contoso Ltd");
    }
}
