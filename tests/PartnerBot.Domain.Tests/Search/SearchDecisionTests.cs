using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

public class SearchDecisionTests
{
    private static CustomerMatch M(string id, double score) => new(id, id, id + ".pl", score);

    [Fact]
    public void No_matches_is_none() => Assert.IsType<CustomerSearchOutcome.None>(SearchDecision.Decide([]));

    [Fact]
    public void Only_weak_matches_is_none() =>
        Assert.IsType<CustomerSearchOutcome.None>(SearchDecision.Decide([M("a", 0.39), M("b", 0.2)]));

    [Fact]
    public void An_exact_match_opens_at_once_even_with_close_runners_up()
    {
        var outcome = SearchDecision.Decide([M("a", 1.0), M("b", 0.97)]);

        Assert.Equal(M("a", 1.0), Assert.IsType<CustomerSearchOutcome.Exact>(outcome).Match);
    }

    [Fact]
    public void Two_exact_matches_are_a_choice()
    {
        var outcome = SearchDecision.Decide([M("a", 1.0), M("b", 1.0), M("c", 0.5)]);

        Assert.Equal(["a", "b", "c"], Assert.IsType<CustomerSearchOutcome.Choose>(outcome).Matches.Select(m => m.CustomerId));
    }

    [Fact]
    public void A_best_clearly_ahead_is_clear() =>
        Assert.IsType<CustomerSearchOutcome.ClearMatch>(SearchDecision.Decide([M("a", 0.89), M("b", 0.61)]));

    [Fact]
    public void A_best_just_ahead_is_a_choice()
    {
        var outcome = SearchDecision.Decide([M("a", 0.85), M("b", 0.80), M("c", 0.3)]);

        // The weak third is not offered.
        Assert.Equal(["a", "b"], Assert.IsType<CustomerSearchOutcome.Choose>(outcome).Matches.Select(m => m.CustomerId));
    }

    [Fact]
    public void The_margin_is_inclusive() =>
        Assert.IsType<CustomerSearchOutcome.ClearMatch>(SearchDecision.Decide([M("a", 0.75), M("b", 0.67)]));

    [Fact]
    public void A_single_weak_match_is_offered_for_confirmation_never_as_a_choice_of_one() =>
        Assert.Equal(M("a", 0.45), Assert.IsType<CustomerSearchOutcome.ClearMatch>(SearchDecision.Decide([M("a", 0.45)])).Match);

    [Fact]
    public void A_single_good_match_is_clear() =>
        Assert.IsType<CustomerSearchOutcome.ClearMatch>(SearchDecision.Decide([M("a", 0.6)]));

    [Fact]
    public void Choices_are_capped_and_sorted()
    {
        var outcome = SearchDecision.Decide([M("c", 0.6), M("a", 0.7), M("b", 0.65), M("d", 0.55)], maxChoices: 3);

        Assert.Equal(["a", "b", "c"], Assert.IsType<CustomerSearchOutcome.Choose>(outcome).Matches.Select(m => m.CustomerId));
    }

    [Fact]
    public void Works_on_real_search_results()
    {
        using var index = new CustomerSearchIndex(
        [
            new("1", "Zakłady Mięsne Kowalski Sp. z o.o.", "zmk.pl"),
            new("2", "Zakłady Mięsne Nowak", "zmn.pl"),
            new("3", "Kowalski", "kowalski.pl"),
            new("4", "Kowalski Transport", "kt.pl"),
        ]);

        var clear = SearchDecision.Decide(index.Search("zaklady miesne kowlaski", 5));
        var choice = SearchDecision.Decide(index.Search("kowalsky", 5));
        var none = SearchDecision.Decide(index.Search("fabrikam", 5));
        var byName = SearchDecision.Decide(index.Search("ZAKLADY MIESNE NOWAK", 5));
        var byShortName = SearchDecision.Decide(index.Search("Zakłady Mięsne Kowalski", 5));
        var byDomain = SearchDecision.Decide(index.Search("ZMK.pl", 5));

        Assert.Equal("1", Assert.IsType<CustomerSearchOutcome.ClearMatch>(clear).Match.CustomerId);
        Assert.Equal(["3", "4"], Assert.IsType<CustomerSearchOutcome.Choose>(choice).Matches.Select(m => m.CustomerId).Take(2));
        Assert.IsType<CustomerSearchOutcome.None>(none);
        Assert.Equal("2", Assert.IsType<CustomerSearchOutcome.Exact>(byName).Match.CustomerId);
        Assert.Equal("1", Assert.IsType<CustomerSearchOutcome.Exact>(byShortName).Match.CustomerId);
        Assert.Equal("1", Assert.IsType<CustomerSearchOutcome.Exact>(byDomain).Match.CustomerId);
    }
}
