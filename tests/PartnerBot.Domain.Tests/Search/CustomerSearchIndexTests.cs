using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

public sealed class CustomerSearchIndexTests : IDisposable
{
    private readonly CustomerSearchIndex _index = new(
    [
        new("c-contoso", "Contoso Ltd", "contoso.onmicrosoft.com"),
        new("c-contoso-pl", "Contoso Polska Sp. z o.o.", "contosopl.onmicrosoft.com"),
        new("c-fabrikam", "Fabrikam GmbH", "fabrikam.de"),
        new("c-zaklady", "Zakłady Mięsne Kowalski Sp. z o.o.", "zmkowalski.pl"),
        new("c-kowalski", "Kowalski Transport Międzynarodowy sp. j.", "kowalski-transport.pl"),
        new("c-kowalska", "Kowalska Transport", "kowalska.pl"),
        new("c-lodz", "Łódzkie Zakłady Włókiennicze S.A.", "lzw.pl"),
        new("c-muller", "Müller Logistik GmbH & Co. KG", "mueller-logistik.de"),
        new("c-strasse", "Straßenbau Nord AG", "strassenbau-nord.de"),
        new("c-creme", "Crème Brûlée Pâtisserie SARL", "creme.fr"),
        new("c-nowak", "Przedsiębiorstwo Handlowo-Usługowe Nowak", "phunowak.pl"),
        new("c-tailspin", "Tailspin Toys, Inc.", "tailspintoys.com"),
    ]);

    public void Dispose() => _index.Dispose();

    private string? TopId(string query)
    {
        var matches = _index.Search(query, 5);
        return matches.Count == 0 ? null : matches[0].CustomerId;
    }

    private List<string> Ids(string query, int top = 5) => [.. _index.Search(query, top).Select(m => m.CustomerId)];

    [Theory]
    [InlineData("Contoso Ltd", "c-contoso")]
    [InlineData("contoso", "c-contoso")]
    [InlineData("CONTOSO LIMITED", "c-contoso")]
    [InlineData("Zakłady Mięsne Kowalski", "c-zaklady")]
    public void Exact_name_scores_one(string query, string expected)
    {
        var best = _index.Search(query, 5)[0];
        Assert.Equal(expected, best.CustomerId);
        Assert.Equal(1.0, best.Score);
    }

    [Theory]
    [InlineData("contoso.onmicrosoft.com", "c-contoso")]
    [InlineData("contosopl.onmicrosoft.com", "c-contoso-pl")]
    [InlineData("fabrikam.de", "c-fabrikam")]
    [InlineData("fabrikam", "c-fabrikam")]
    [InlineData("kowalski-transport.pl", "c-kowalski")]
    [InlineData("zmkowalski", "c-zaklady")]
    public void Domain_finds_the_customer_exactly(string query, string expected)
    {
        var best = _index.Search(query, 5)[0];
        Assert.Equal(expected, best.CustomerId);
        Assert.Equal(1.0, best.Score);
    }

    [Theory]
    [InlineData("contsoo.onmicrosoft.com", "c-contoso")]
    [InlineData("tailspintoy", "c-tailspin")]
    public void Domain_with_a_typo_or_cut_short_still_finds_it(string query, string expected) =>
        Assert.Equal(expected, TopId(query));

    [Theory]
    [InlineData("lodzkie zaklady wlokiennicze", "c-lodz")]
    [InlineData("zaklady miesne kowalski", "c-zaklady")]
    [InlineData("przedsiebiorstwo handlowo uslugowe nowak", "c-nowak")]
    [InlineData("creme brulee patisserie", "c-creme")]
    [InlineData("strassenbau nord", "c-strasse")]
    public void Missing_diacritics_are_no_mistake(string query, string expected)
    {
        var best = _index.Search(query, 5)[0];
        Assert.Equal(expected, best.CustomerId);
        Assert.Equal(1.0, best.Score);
    }

    [Theory]
    [InlineData("muller logistik")]
    [InlineData("mueller logistik")]
    [InlineData("Müller")]
    [InlineData("mueller")]
    public void Umlauts_match_with_or_without_e(string query) => Assert.Equal("c-muller", TopId(query));

    [Theory]
    [InlineData("zaklady miesne kowlaski", "c-zaklady")] // swapped letters
    [InlineData("zakady miesne kowalski", "c-zaklady")] // missing letter
    [InlineData("fabrikan", "c-fabrikam")] // wrong letter
    [InlineData("tailsppin toys", "c-tailspin")] // extra letter
    [InlineData("przedsiebiorstow handlowo usulgowe nowak", "c-nowak")] // two words, one typo each
    public void One_typo_per_word_is_forgiven(string query, string expected) => Assert.Equal(expected, TopId(query));

    [Theory]
    [InlineData("przedsiebirstow handlowo uslugowe nowak", "c-nowak")]
    [InlineData("miedzynardowy transprot", "c-kowalski")]
    [InlineData("wlokeinncze lodzkie", "c-lodz")]
    public void Two_typos_in_a_long_word_are_forgiven(string query, string expected) => Assert.Equal(expected, TopId(query));

    [Theory]
    [InlineData("kowalski zaklady", "c-zaklady")]
    [InlineData("nowak przedsiebiorstwo", "c-nowak")]
    [InlineData("logistik muller", "c-muller")]
    public void Swapped_and_missing_words_still_find_it(string query, string expected) => Assert.Equal(expected, TopId(query));

    [Fact]
    public void Legal_forms_neither_help_nor_hurt()
    {
        Assert.Equal(_index.Search("Fabrikam", 1)[0].Score, _index.Search("Fabrikam Sp. z o.o.", 1)[0].Score);
        Assert.Equal("c-fabrikam", TopId("fabrikam ltd"));
        Assert.Equal("c-contoso-pl", TopId("contoso polska gmbh"));
    }

    [Fact]
    public void Ranks_exact_then_prefix_then_fuzzy()
    {
        using var ranking = new CustomerSearchIndex(
        [
            new("fuzzy", "Kowalsky", "a.pl"),
            new("prefix", "Kowalskich", "b.pl"),
            new("exact", "Kowalski", "c.pl"),
        ]);

        var matches = ranking.Search("kowalski", 5);

        Assert.Equal(["exact", "prefix", "fuzzy"], matches.Select(m => m.CustomerId));
        Assert.Equal(1.0, matches[0].Score);
        Assert.True(matches[1].Score > matches[2].Score);
        Assert.All(matches, m => Assert.InRange(m.Score, 0.0, 1.0));
    }

    [Fact]
    public void A_name_with_fewer_unmentioned_words_ranks_first()
    {
        var ids = Ids("kowalsk transport");

        Assert.Equal("c-kowalska", ids[0]);
        Assert.Contains("c-kowalski", ids);
    }

    [Fact]
    public void A_repeated_name_word_counts_once()
    {
        using var twice = new CustomerSearchIndex(
        [
            new("double", "Weiß & Weiß Umwelttechnik", "ww.de"),
            new("single", "Weiß Umwelttechnik", "wu.de"),
        ]);

        var matches = twice.Search("weiss umwelttechjik", 2);

        Assert.Equal(matches[0].Score, matches[1].Score);
    }

    [Fact]
    public void Prefix_finds_names_being_typed() => Assert.Equal("c-zaklady", TopId("zaklady mie"));

    [Fact]
    public void Respects_top_and_returns_best_first()
    {
        var matches = _index.Search("kowalski", 2);

        Assert.Equal(2, matches.Count);
        Assert.True(matches[0].Score >= matches[1].Score);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    [InlineData("xyzzyqqq")]
    public void Nothing_to_find_is_an_empty_list(string query) => Assert.Empty(_index.Search(query, 5));

    [Fact]
    public void A_long_pasted_text_does_not_throw() =>
        Assert.NotNull(_index.Search(string.Concat(Enumerable.Repeat("Zakłady Mięsne Kowalski ", 100)), 5));

    [Fact]
    public void A_renamed_company_is_found_under_its_new_name_only()
    {
        _index.Upsert(new("c-fabrikam", "Północna Hurtownia Farmaceutyczna", "fabrikam.de"));

        Assert.Equal(12, _index.Count);
        Assert.Equal("c-fabrikam", TopId("polnocna hurtownia"));
        Assert.DoesNotContain(_index.Search("Fabrikam GmbH", 5), m => m.CompanyName.Contains("Fabrikam", StringComparison.Ordinal));
        Assert.Equal("Północna Hurtownia Farmaceutyczna", _index.Search("fabrikam.de", 1)[0].CompanyName);
    }

    [Fact]
    public void A_changed_domain_no_longer_finds_it()
    {
        _index.Upsert(new("c-tailspin", "Tailspin Toys, Inc.", "wingtip.com"));

        Assert.DoesNotContain("c-tailspin", Ids("tailspintoys.com"));
        Assert.Equal("c-tailspin", TopId("wingtip.com"));
    }

    [Fact]
    public void Near_namesakes_keep_their_exact_match_as_one_of_them_is_renamed_and_back()
    {
        // "Contoso Ltd" and "Contoso S.A." have one exact key ("contoso"); renaming one must leave the other exact.
        _index.Upsert(new("c-contoso-sa", "Contoso S.A.", "contososa.onmicrosoft.com"));
        Assert.Equal([1.0, 1.0], _index.Search("Contoso", 5).Take(2).Select(m => m.Score));

        _index.Upsert(new("c-contoso-sa", "Woodgrove S.A.", "contososa.onmicrosoft.com"));
        var contoso = _index.Search("Contoso", 5);
        Assert.Equal(("c-contoso", 1.0), (contoso[0].CustomerId, contoso[0].Score));
        Assert.DoesNotContain(contoso, m => m.CustomerId == "c-contoso-sa" && m.Score >= CustomerSearchIndex.ExactScore);
        Assert.Equal(("c-contoso-sa", 1.0), (TopId("Woodgrove"), _index.Search("Woodgrove", 1)[0].Score));

        _index.Upsert(new("c-contoso-sa", "Contoso S.A.", "contososa.onmicrosoft.com"));
        Assert.Equal(["c-contoso", "c-contoso-sa"], Ids("Contoso").Take(2).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(_index.Search("Woodgrove", 5), m => m.Score >= CustomerSearchIndex.ExactScore);
    }

    [Fact]
    public void A_removed_customer_is_not_found_and_its_slot_is_reused()
    {
        _index.Remove("c-creme");
        _index.Remove("no-such-id");

        Assert.Equal(11, _index.Count);
        Assert.Empty(_index.Search("creme brulee", 5));

        _index.Upsert(new("c-new", "Nowa Firma", "nowa.pl"));
        Assert.Equal("c-new", TopId("nowa firma"));
        Assert.Equal(12, _index.Count);
    }

    [Fact]
    public async Task Concurrent_searches_and_writes_do_not_throw_and_end_consistent()
    {
        using var shared = new CustomerSearchIndex();
        for (var i = 0; i < 500; i++)
        {
            shared.Upsert(new($"id-{i}", $"Firma Handlowa {i} Kowalski", $"firma{i}.pl"));
        }

        // Fixed amounts of work rather than a time box: a writer in a tight loop may legitimately keep
        // readers waiting on two cores, and the test is about correctness under overlap, not fairness.
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var searches = 0;
            for (var i = 0; i < 300; i++)
            {
                var matches = shared.Search("firma handlowa kowalsky", 5);
                Assert.All(matches, m => Assert.InRange(m.Score, 0.0, 1.0));
                searches++;
            }

            return searches;
        })).ToArray();
        var writer = Task.Run(() =>
        {
            for (var round = 0; round < 300; round++)
            {
                var id = $"id-{round % 500}";
                shared.Upsert(new(id, $"Zakład Stolarski {round} Nowak", $"stolarz{round}.pl"));
                shared.Remove($"id-{(round + 250) % 500}");
                shared.Upsert(new($"id-{(round + 250) % 500}", "Firma Handlowa Kowalski", "x.pl"));
            }
        });

        var searches = await Task.WhenAll(readers);
        await writer;

        Assert.All(searches, count => Assert.Equal(300, count));
        Assert.Equal(500, shared.Count);
    }

    [Theory]
    [InlineData("drewpol lodz sp zoo", "c-drewpol-zoo")]
    [InlineData("Drewpol Łódź Spółka z o.o.", "c-drewpol-zoo")]
    [InlineData("DREWPOL LODZ SPZOO", "c-drewpol-zoo")]
    [InlineData("drewpol lodz s.c.", "c-drewpol-sc")]
    [InlineData("Drewpol Lodz SC", "c-drewpol-sc")]
    [InlineData("Drewpol Łódź S.A.", "c-drewpol-sa")]
    [InlineData("Ashford Engineering Limited", "c-ashford-ltd")]
    [InlineData("ashford engineering plc", "c-ashford-plc")]
    public void Near_namesakes_that_differ_by_legal_form_go_to_the_form_typed(string query, string expected)
    {
        // Name order alone would put "Ashford Engineering Ltd" and "Drewpol Łódź S.A." first every time.
        using var namesakes = new CustomerSearchIndex(
        [
            new("c-drewpol-sa", "Drewpol Łódź S.A.", "drewpol.onmicrosoft.com"),
            new("c-drewpol-sc", "Drewpol Łódź s.c.", "drewpol2.onmicrosoft.com"),
            new("c-drewpol-zoo", "Drewpol Łódź Sp. z o.o.", "drewpol3.onmicrosoft.com"),
            new("c-drewpol-krakow", "Drewpol Kraków Sp. z o.o.", "drewpol4.onmicrosoft.com"),
            new("c-ashford-ltd", "Ashford Engineering Ltd", "ashford.onmicrosoft.com"),
            new("c-ashford-plc", "Ashford Engineering plc", "ashford2.onmicrosoft.com"),
        ]);

        Assert.Equal(expected, namesakes.Search(query, 5)[0].CustomerId);
    }

    [Fact]
    public void Where_the_list_is_cut_among_equal_scores_the_form_typed_then_the_name_decide()
    {
        // Twelve bakeries that the word "piekarnia" matches equally, indexed (and so met by a search) in reverse name
        // order, one of them with the legal form typed: the list of four ends among equals, so who makes it is decided
        // by the tie rules alone, not by which were met first.
        var letters = "ABCDEFGHIJKL";
        using var bakeries = new CustomerSearchIndex(letters.Reverse().Select(letter => new CustomerSearchEntry(
            $"c-{letter}",
            letter == 'K' ? $"{letter}-Bakery Piekarnia Sp. z o.o." : $"{letter}-Bakery Piekarnia",
            $"bakery{letter}.onmicrosoft.com".ToLowerInvariant())));

        var typed = bakeries.Search("piekarnia sp. z o.o.", 4);
        var plain = bakeries.Search("piekarnia", 4);

        Assert.Equal(["c-K", "c-A", "c-B", "c-C"], typed.Select(m => m.CustomerId));
        Assert.Equal(["c-A", "c-B", "c-C", "c-D"], plain.Select(m => m.CustomerId));
        Assert.Single(plain.Select(m => m.Score).Distinct());
    }

    [Theory]
    [InlineData("Sp. z o.o.", "spzoo")]
    [InlineData("sp zoo", "spzoo")]
    [InlineData("Spółka z o.o.", "spzoo")]
    [InlineData("Kowalski sp. z o. o.", "spzoo")]
    [InlineData("Müller GmbH & Co. KG", "gmbhcokg")]
    [InlineData("Contoso Limited", "ltd")]
    [InlineData("Contoso Ltd.", "ltd")]
    [InlineData("Contoso", "")]
    public void Legal_forms_typed_differently_have_one_key(string text, string key) =>
        Assert.Equal(key, SearchTokenizer.LegalFormKey(text));
}
