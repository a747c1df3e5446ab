using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

/// <summary>
/// The index keeps its recent answers and the terms of recent query words: a search of the same words after any
/// change answers from the change, never from what was kept, and asking for more or fewer offers gives the best in order.
/// </summary>
public sealed class RecentSearchesTests : IDisposable
{
    internal static readonly CustomerSearchEntry[] Customers =
    [
        new("c-contoso", "Contoso Ltd", "contoso.onmicrosoft.com"),
        new("c-contoso-pl", "Contoso Polska Sp. z o.o.", "contosopl.onmicrosoft.com"),
        new("c-fabrikam", "Fabrikam GmbH", "fabrikam.de"),
        new("c-zaklady", "Zakłady Mięsne Kowalski Sp. z o.o.", "zmkowalski.pl"),
        new("c-kowalski", "Kowalski Transport Międzynarodowy sp. j.", "kowalski-transport.pl"),
        new("c-kowalska", "Kowalska Transport", "kowalska.pl"),
        new("c-kowalczyk", "Kowalczyk Transport Sp. z o.o.", "kowalczyk.pl"),
        new("c-kowal", "Kowal i Synowie Transport", "kowal.pl"),
        new("c-lodz", "Łódzkie Zakłady Włókiennicze S.A.", "lzw.pl"),
        new("c-trans", "Transport Drogowy Nowak", "tdnowak.pl"),
        new("c-transpol", "Transpol Kowalewski", "transpol.pl"),
        new("c-creme", "Crème Brûlée Pâtisserie SARL", "creme.fr"),
    ];

    private readonly CustomerSearchIndex _index = new(Customers);

    public void Dispose() => _index.Dispose();

    [Fact]
    public void The_same_words_after_a_rename_find_the_new_name_only()
    {
        Assert.Equal("c-fabrikam", _index.Search("Fabrikam", 5)[0].CustomerId);
        Assert.Empty(_index.Search("Hurtownia Farmaceutyczna", 5));

        _index.Upsert(new("c-fabrikam", "Północna Hurtownia Farmaceutyczna", "northwind.pl"));

        Assert.DoesNotContain(_index.Search("Fabrikam", 5), m => m.CustomerId == "c-fabrikam");
        Assert.Equal("c-fabrikam", _index.Search("Hurtownia Farmaceutyczna", 5)[0].CustomerId);
    }

    [Fact]
    public void A_batch_that_renames_one_customer_among_unchanged_ones_is_seen_by_the_same_words()
    {
        Assert.Equal("c-lodz", _index.Search("Zakłady Włókiennicze", 5)[0].CustomerId);

        _index.UpsertMany([Customers[0], new("c-lodz", "Łódzka Przędzalnia S.A.", "lzw.pl"), Customers[2]]);

        Assert.DoesNotContain(_index.Search("Zakłady Włókiennicze", 5), m => m.CustomerId == "c-lodz");
        Assert.Equal("c-lodz", _index.Search("Łódzka Przędzalnia", 5)[0].CustomerId);
    }

    [Fact]
    public void A_customer_added_after_a_search_is_found_by_the_same_words_at_once()
    {
        Assert.DoesNotContain(_index.Search("Kowalski Spedycja", 5), m => m.CustomerId == "c-new");

        _index.Upsert(new("c-new", "Kowalski Spedycja", "kspedycja.pl"));

        var found = _index.Search("Kowalski Spedycja", 5)[0];
        Assert.Equal(("c-new", CustomerSearchIndex.ExactScore), (found.CustomerId, found.Score));
    }

    [Fact]
    public void A_removed_customer_is_gone_from_the_same_search_at_once()
    {
        Assert.Equal("c-creme", _index.Search("creme brulee", 5)[0].CustomerId);

        _index.Remove("c-creme");

        Assert.Empty(_index.Search("creme brulee", 5));
    }

    [Fact]
    public void A_snapshot_read_answers_the_same_words_from_its_customers()
    {
        Assert.Equal("c-contoso", _index.Search("Contoso", 5)[0].CustomerId);
        using var other = new CustomerSearchIndex([new CustomerSearchEntry("c-woodgrove", "Woodgrove Contoso Bank", "woodgrove.com")]);
        using var snapshot = new MemoryStream();
        other.WriteSnapshot(snapshot, "other");

        _index.ReadSnapshot(snapshot);

        Assert.Equal(["c-woodgrove"], _index.Search("Contoso", 5).Select(m => m.CustomerId));
    }

    [Fact]
    public void Renaming_a_customer_to_its_own_name_keeps_every_answer()
    {
        var before = _index.Search("Kowalski Transport", 5);

        _index.Upsert(Customers[4]);

        Assert.Equal(before, _index.Search("Kowalski Transport", 5));
    }

    [Theory]
    [InlineData("transport", 2, 5)]
    [InlineData("transport", 5, 10)]
    [InlineData("transport", 10, 3)]
    [InlineData("kowalsky", 3, 12)]
    [InlineData("kowalsky", 12, 4)]
    [InlineData("Kowal", 1, 7)]
    public void Fewer_or_more_offers_of_the_same_words_are_the_best_in_order(string query, int first, int then)
    {
        _index.Search(query, first);

        using var fresh = new CustomerSearchIndex(Customers);
        var expected = fresh.Search(query, then);
        Assert.Equal(expected, _index.Search(query, then));
    }
}
