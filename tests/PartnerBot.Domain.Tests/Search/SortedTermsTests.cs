using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

/// <summary>A prefix lookup sees the loaded terms and the ones learnt later as one ordered list.</summary>
public sealed class SortedTermsTests
{
    [Fact]
    public void A_prefix_gives_loaded_and_later_terms_merged_in_ordinal_order_and_nothing_else()
    {
        var terms = SortedTerms.Of(["zaklady", "kowalski", "zakl", "contoso", "zaklad", "zakopane"]);
        terms.Add("zaklada");
        terms.Add("zakk");
        terms.Add("zal");
        terms.Add("zaklady2");

        Assert.Equal(["zakl", "zaklad", "zaklada", "zaklady", "zaklady2"], terms.StartingWith("zakl"));
        Assert.Equal(["zakk", "zakl", "zaklad", "zaklada", "zaklady", "zaklady2", "zakopane"], terms.StartingWith("zak"));
        Assert.Empty(terms.StartingWith("zz"));
        Assert.Empty(new SortedTerms().StartingWith("a"));
    }

    [Fact]
    public void A_prefix_gives_each_loaded_term_its_position_in_the_list_and_a_later_term_none()
    {
        var terms = SortedTerms.Of(["zaklady", "kowalski", "zakl", "zaklad"]);
        terms.Add("zaklada");

        Assert.Equal([("zakl", 2), ("zaklad", 3), ("zaklada", -1), ("zaklady", 0)], terms.StartingWithIds("zakl"));
    }
}
