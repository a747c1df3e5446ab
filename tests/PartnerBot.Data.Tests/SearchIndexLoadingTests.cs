using Microsoft.Extensions.Time.Testing;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Tests;

/// <summary>
/// A restart serves before the customer list is in the search index; a search in that window is told the list
/// is still loading, after a short wait, instead of waiting past what Teams allows or answering from part of it.
/// </summary>
public sealed class SearchIndexLoadingTests
{
    [Fact]
    public async Task A_search_while_the_list_loads_says_it_is_loading_and_finds_the_customer_once_it_has_loaded()
    {
        await using var test = await TestDatabase.CreateAsync();
        using var released = new ManualResetEventSlim();
        using var inner = new CustomerSearchIndex();
        var clock = new FakeTimeProvider();
        var directory = new SqliteCustomerDirectory(test.Database, new HeldIndex(inner, released), clock);
        var initializer = new SqliteDataInitializer(test.Database, new SqliteDataOptions { DatabasePath = test.Path }, directory);
        await initializer.InitializeAsync(CancellationToken.None, indexInBackground: true);
        var krasnik = DemoData.Customers.First(c => c.Billing.CompanyName.StartsWith("Zakłady Mięsne", StringComparison.Ordinal));

        var early = directory.SearchAsync(TestKeys.Read, "Zakłady Mięsne Kraśnik", 5, CancellationToken.None);
        Assert.False(early.IsCompleted);
        clock.Advance(SqliteCustomerDirectory.IndexLoadWait);
        await Assert.ThrowsAsync<CustomerListLoadingException>(() => early);

        released.Set();
        await directory.SearchIndexLoaded!;
        var found = await directory.SearchAsync(TestKeys.Read, "Zakłady Mięsne Kraśnik", 5, CancellationToken.None);

        Assert.Equal(krasnik.CustomerId, found[0].CustomerId);
    }

    [Fact]
    public async Task A_search_waits_for_a_load_that_ends_within_the_wait()
    {
        await using var test = await TestDatabase.CreateAsync();
        using var released = new ManualResetEventSlim();
        using var inner = new CustomerSearchIndex();
        var clock = new FakeTimeProvider();
        var directory = new SqliteCustomerDirectory(test.Database, new HeldIndex(inner, released), clock);
        var initializer = new SqliteDataInitializer(test.Database, new SqliteDataOptions { DatabasePath = test.Path }, directory);
        await initializer.InitializeAsync(CancellationToken.None, indexInBackground: true);

        var search = directory.SearchAsync(TestKeys.Read, "Contoso", 5, CancellationToken.None);
        clock.Advance(SqliteCustomerDirectory.IndexLoadWait / 2);
        released.Set();

        Assert.NotEmpty(await search);
    }

    /// <summary>The real index, whose first insert is held until the test lets the load go on: a slow load, on demand.</summary>
    private sealed class HeldIndex(CustomerSearchIndex inner, ManualResetEventSlim released) : ICustomerSearchIndex
    {
        public int Count => inner.Count;

        public void Upsert(CustomerSearchEntry entry)
        {
            released.Wait(TimeSpan.FromMinutes(1));
            inner.Upsert(entry);
        }

        public void Remove(string customerId) => inner.Remove(customerId);

        public IReadOnlyList<CustomerMatch> Search(string query, int top) => inner.Search(query, top);
    }
}
