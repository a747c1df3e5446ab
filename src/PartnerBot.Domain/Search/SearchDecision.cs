using PartnerBot.Domain.Customers;

namespace PartnerBot.Domain.Search;

/// <summary>What a dialog does with search results: open one customer, confirm one, offer a choice, or say none matched.</summary>
public abstract record CustomerSearchOutcome
{
    private CustomerSearchOutcome()
    {
    }

    /// <summary>
    /// The user typed the customer's name, its name without the legal form, or its domain: open it at once,
    /// asking "did you mean" about what was typed exactly only slows them down.
    /// </summary>
    public sealed record Exact(CustomerMatch Match) : CustomerSearchOutcome;

    /// <summary>One customer stands out, or is the only one found, but was not typed exactly: offer it for confirmation.</summary>
    public sealed record ClearMatch(CustomerMatch Match) : CustomerSearchOutcome;

    /// <summary>Several (never one) are plausible, best first: offer a choice card (and "search again").</summary>
    public sealed record Choose(IReadOnlyList<CustomerMatch> Matches) : CustomerSearchOutcome;

    /// <summary>Nothing matched well enough to show.</summary>
    public sealed record None : CustomerSearchOutcome;
}

/// <summary>Turns <see cref="ICustomerSearchIndex.Search"/> results into a <see cref="CustomerSearchOutcome"/>.</summary>
/// <remarks>
/// The thresholds follow <see cref="CustomerSearchIndex"/>'s scores: per query word exact 1, prefix
/// 0.80–0.95, one typo 0.75, two typos 0.60; the mean over the query's words times 0.965, times 0.85–1
/// for name words the query did not mention, plus 0.005 when the name starts with the first typed word.
/// </remarks>
public static class SearchDecision
{
    /// <summary>
    /// Matches below this are not shown: under 0.4 fewer than half of the typed words were found
    /// (two words, one found exactly, score at most 0.4875; with a typo, at most 0.37).
    /// </summary>
    public const double MinimumScore = 0.4;

    /// <summary>
    /// The best must score at least this to be offered alone: every typed word was found, if need be
    /// with two typos (0.60 × 0.965 × 0.85 ≈ 0.492 at the least), whereas with one word of two
    /// missing a match scores at most 0.4875.
    /// </summary>
    public const double ClearMinimumScore = 0.49;

    /// <summary>
    /// How far ahead of the second the best must be to be offered alone. A typo in one word of a query
    /// of up to three words costs 0.08 or more (0.25 of one word's third, times 0.965), so a runner-up
    /// that far behind needs the user to have mistyped something they did not; a name that merely has
    /// one word more than the query costs less (at most 0.072 + 0.005 with a one-word query and a
    /// two-word name), so "kowalsky" against "Kowalski" and "Kowalski Transport" is a choice, not a guess.
    /// </summary>
    public const double ClearMargin = 0.08;

    // Scores are rounded to four decimals; without slack a gap of exactly the margin could fall short by
    // a floating-point hair.
    private const double RoundingSlack = 1e-9;

    /// <summary>How many matches a choice card offers by default.</summary>
    public const int DefaultMaxChoices = 5;

    public static CustomerSearchOutcome Decide(IReadOnlyList<CustomerMatch> matches, int maxChoices = DefaultMaxChoices)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChoices, 1);

        var shown = matches
            .Where(m => m.Score >= MinimumScore)
            .OrderByDescending(m => m.Score)
            .Take(maxChoices)
            .ToList();
        if (shown.Count == 0)
        {
            return new CustomerSearchOutcome.None();
        }

        var best = shown[0];
        var second = shown.Count > 1 ? shown[1] : null;
        var isExact = best.Score >= CustomerSearchIndex.ExactScore;

        // Two customers with the same exact name (one company, two tenants) is a choice, never a guess.
        if (isExact && (second is null || second.Score < CustomerSearchIndex.ExactScore))
        {
            return new CustomerSearchOutcome.Exact(best);
        }

        // A lone weak match is still the only candidate: "did you mean" asks the same question as a choice
        // card of one, in fewer words.
        if (second is null
            || (!isExact && best.Score >= ClearMinimumScore && best.Score - second.Score >= ClearMargin - RoundingSlack))
        {
            return new CustomerSearchOutcome.ClearMatch(best);
        }

        return new CustomerSearchOutcome.Choose(shown);
    }
}
