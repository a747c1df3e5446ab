using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

/// <summary>
/// The directories search through <see cref="CustomerSearchIndex.SearchAsync"/>, which waits for a search slot without
/// holding its thread: its answers are the synchronous search's, however many ask at once.
/// </summary>
public sealed class SearchAsyncTests : IDisposable
{
    // The customers of the recent-searches tests: the same list, asked many at once here.
    private static readonly CustomerSearchEntry[] Customers = RecentSearchesTests.Customers;

    private static readonly string[] Queries =
    [
        "contoso", "Contoso Polska sp zoo", "fabrikm", "ZAKŁADY MIĘSNE", "kowalski transport", "lodzkie zaklady",
        "creme brulee", "zmkowalski.pl", "nothing like it", "   ", "Kowalsk",
    ];

    private readonly CustomerSearchIndex _index = new(Customers);

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task Many_searches_at_once_get_the_same_offers_in_the_same_order_as_one_at_a_time()
    {
        using var reference = new CustomerSearchIndex(Customers);
        var expected = Queries.Select(q => reference.Search(q, 5).Select(m => m.CustomerId).ToArray()).ToArray();

        // More searches than any machine has slots, started together: the ones that wait must still get their answer.
        var asked = Enumerable.Range(0, 64).Select(i => (Query: i % Queries.Length, Task: Task.Run(() => _index.SearchAsync(Queries[i % Queries.Length], 5, CancellationToken.None).AsTask()))).ToArray();
        await Task.WhenAll(asked.Select(a => a.Task));

        foreach (var (query, task) in asked)
        {
            Assert.Equal(expected[query], (await task).Select(m => m.CustomerId).ToArray());
        }
    }

    [Fact]
    public async Task A_turn_already_given_up_runs_no_search_but_still_gets_an_answer_kept_from_the_same_words()
    {
        using var givenUp = new CancellationTokenSource();
        await givenUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _index.SearchAsync("Fabrikam", 5, givenUp.Token).AsTask());

        var answered = _index.Search("Fabrikam", 5);
        Assert.Equal("c-fabrikam", answered[0].CustomerId);
        Assert.Equal(answered, await _index.SearchAsync("Fabrikam", 5, givenUp.Token));
    }

    [Fact]
    public async Task A_save_that_leaves_the_name_and_domain_as_they_were_changes_no_answer()
    {
        var before = await _index.SearchAsync("Kowalski Transport", 5, CancellationToken.None);

        _index.Upsert(Customers[4]);

        Assert.Equal(before, await _index.SearchAsync("Kowalski Transport", 5, CancellationToken.None));
        _index.Upsert(new("c-kowalski", "Kowalski Logistyka sp. j.", "kowalski-transport.pl"));
        Assert.DoesNotContain(await _index.SearchAsync("Kowalski Transport Międzynarodowy", 5, CancellationToken.None), m => m.CustomerId == "c-kowalski" && m.CompanyName.Contains("Transport", StringComparison.Ordinal));
    }
}
