using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

/// <summary>
/// What the search benchmark missed at 100,000 customers: two words typed without the space between them, and
/// a whole e-mail pasted into the chat with the customer's name somewhere in it.
/// </summary>
public sealed class MergedWordsAndPastesTests : IDisposable
{
    private readonly CustomerSearchIndex _index = new(
    [
        new("c-browar", "Browar Marciniak", "bmarciniak.onmicrosoft.com"),
        new("c-browar-sa", "Browar Nowicki S.A.", "browarnowicki.pl"),
        new("c-marciniak", "Marciniak Transport", "marciniak-transport.pl"),
        new("c-centrum", "Centrum Ogrodnicze Stankiewicz Sp. k.", "cos.onmicrosoft.com"),
        new("c-centrum-domain", "Centrum Ogrodnicze \"Gromplast\" Michał Stankiewicz Sp. j.", "centrumogrodnicze.pl"),
        new("c-centrum-other", "Centrum Medyczne Stankiewicz", "cms.onmicrosoft.com"),
        new("c-zaklady", "Zakłady Mięsne Kowalski Sp. z o.o.", "zmkowalski.pl"),
        new("c-zaklady-radom", "Zakłady Mięsne Kowalski Radom Sp. z o.o.", "zmkradom.pl"),
        new("c-nowak", "Nowak", "nowak.pl"),
        new("c-warszawa", "Hurtownia Warszawa", "hurtowniawarszawa.pl"),
        new("c-schroder", "Immobilien Schröder & Söhne e.K.", "schroeder-immobilien.de"),
    ]);

    public void Dispose() => _index.Dispose();

    private List<string> Ids(string query) => [.. _index.Search(query, 5).Where(m => m.Score >= SearchDecision.MinimumScore).Select(m => m.CustomerId)];

    [Theory]
    [InlineData("BrowarMarciniak", "c-browar")]
    [InlineData("browarmarciniak", "c-browar")]
    [InlineData("CentrumOgrodnicze Stankiewicz", "c-centrum")]
    [InlineData("Zakłady MięsneKowalski", "c-zaklady")]
    public void Two_words_typed_without_the_space_find_the_name_with_both_first(string query, string expected) =>
        Assert.Equal(expected, Ids(query).FirstOrDefault());

    [Theory]
    [InlineData("TransmarxPol Łódź", "c-transmar")]
    [InlineData("transmar pol lodz", "c-transmar")]
    [InlineData("Studio Projektowe SłopolxSław", "c-slopol")]
    public void A_hyphen_typed_as_another_key_still_offers_the_hyphenated_name_alone(string query, string expected)
    {
        using var index = new CustomerSearchIndex(
        [
            new("c-transmar", "Transmar-Pol Łódź", "tplodz.onmicrosoft.com"),
            new("c-lodz-1", "Drewpol Łódź", "drewpollodz.pl"),
            new("c-lodz-2", "Piekarnia Łódź Sp. z o.o.", "piekarnialodz.pl"),
            new("c-lodz-3", "Łódź Transport", "lodztransport.pl"),
            new("c-slopol", "Studio Projektowe Słopol-Sław", "studioprojektowe43.onmicrosoft.com"),
            new("c-studio-1", "Studio Projektowe Adamczyk Sp. z o.o.", "spadamczyk.onmicrosoft.com"),
            new("c-studio-2", "Studio Projektowe Nowak", "spnowak.onmicrosoft.com"),
        ]);

        // One customer offered (exact or clearly first), not a list to choose from.
        var offered = SearchDecision.Decide(index.Search(query, 10)) switch
        {
            CustomerSearchOutcome.Exact exact => exact.Match,
            CustomerSearchOutcome.ClearMatch clear => clear.Match,
            _ => null,
        };

        Assert.Equal(expected, offered?.CustomerId);
    }

    [Fact]
    public void A_merged_word_that_is_also_a_domain_label_finds_both_the_domain_and_the_name()
    {
        var found = Ids("centrumogrodnicze");

        Assert.Equal("c-centrum-domain", found[0]);
        Assert.Contains("c-centrum", found);
    }

    [Theory]
    [InlineData("Zakłady Mięsne Kowalski Sp. z o.o. - Dzień dobry, prosimy o aktualizację danych rozliczeniowych.", "c-zaklady")]
    [InlineData("Dzień dobry, prosimy o aktualizację danych rozliczeniowych. Zakłady Mięsne Kowalski Radom, nowy adres siedziby: ul. Długa 5, 00-950 Warszawa, tel. +48 22 123 45 67. Z poważaniem, Anna Nowak", "c-zaklady-radom")]
    [InlineData("Hello, please update the billing details of Immobilien Schröder & Söhne e.K. as below. New address: Hauptstraße 5, 10115 Berlin. Kind regards, Anna Nowak, accounting", "c-schroder")]
    public void A_name_quoted_whole_in_a_pasted_message_is_found_first(string paste, string expected)
    {
        var text = string.Concat(Enumerable.Repeat(paste + " ", 5));
        text = text[..Math.Min(500, text.Length)];

        Assert.Equal(expected, Ids(text).FirstOrDefault());
    }

    [Fact]
    public void A_paste_naming_nobody_finds_no_one_above_the_minimum_by_its_greeting_alone()
    {
        var text = string.Concat(Enumerable.Repeat("Dzień dobry, prosimy o aktualizację danych rozliczeniowych, dziękujemy i pozdrawiamy. ", 8))[..500];

        Assert.Empty(Ids(text));
    }

    [Fact]
    public void A_paste_longer_than_the_limit_is_read_only_that_far()
    {
        var text = new string('x', 600) + " Browar Marciniak";

        Assert.DoesNotContain("c-browar", Ids(text));
    }
}

/// <summary>An exact name several near-namesakes share, as customers are renamed and removed.</summary>
public sealed class SharedExactNameTests
{
    private static List<string> ExactIds(CustomerSearchIndex index, string query) =>
        [.. index.Search(query, 10).Where(m => m.Score == CustomerSearchIndex.ExactScore).Select(m => m.CustomerId).Order(StringComparer.Ordinal)];

    [Fact]
    public void Near_namesakes_share_their_exact_name_until_one_is_renamed_or_removed()
    {
        using var index = new CustomerSearchIndex(
        [
            new("a", "Drewpol Sp. z o.o.", "drewpol.pl"),
            new("b", "Drewpol s.c.", "drewpolsc.pl"),
            new("c", "Drewpol S.A.", "drewpolsa.pl"),
        ]);
        Assert.Equal(["a", "b", "c"], ExactIds(index, "Drewpol"));

        index.Remove("b");
        Assert.Equal(["a", "c"], ExactIds(index, "Drewpol"));

        index.Upsert(new("c", "Sosnpol S.A.", "drewpolsa.pl"));
        Assert.Equal(["a"], ExactIds(index, "Drewpol"));
        Assert.Equal(["c"], ExactIds(index, "Sosnpol"));
        Assert.Equal(["c"], ExactIds(index, "drewpolsa.pl"));

        index.Remove("a");
        Assert.Empty(ExactIds(index, "Drewpol"));
        Assert.Empty(ExactIds(index, "drewpol.pl"));
    }
}
