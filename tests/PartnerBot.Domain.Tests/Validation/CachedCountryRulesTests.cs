using PartnerBot.Domain.Validation;

namespace PartnerBot.Domain.Tests.Validation;

public sealed class CachedCountryRulesTests
{
    private static readonly CountryValidationRules Poland = new(
        "PL", true, false, true, true, @"^\d{2}-\d{3}$", null, [], ["pl-PL"], ["pl"], "pl-PL");

    [Fact]
    public async Task A_country_is_read_from_the_store_once_per_lifetime_whatever_its_case()
    {
        var store = new CountingStore(code => code == "PL" ? Poland : null);
        var clock = new ManualClock();
        var rules = new CachedCountryRules(store, clock, TimeSpan.FromMinutes(5));

        Assert.Same(Poland, await rules.GetAsync("PL", CancellationToken.None));
        Assert.Same(Poland, await rules.GetAsync("pl", CancellationToken.None));
        Assert.Same(Poland, await rules.GetAsync(" Pl ", CancellationToken.None));
        Assert.Equal(1, store.Reads);

        clock.Now += TimeSpan.FromMinutes(5);
        Assert.Same(Poland, await rules.GetAsync("PL", CancellationToken.None));
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task A_country_the_store_does_not_support_is_kept_as_unsupported()
    {
        var store = new CountingStore(_ => null);
        var rules = new CachedCountryRules(store, new ManualClock(), TimeSpan.FromMinutes(5));

        Assert.Null(await rules.GetAsync("ZZ", CancellationToken.None));
        Assert.Null(await rules.GetAsync("zz", CancellationToken.None));
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task Anything_but_a_two_letter_code_goes_to_the_store_each_time_and_is_never_kept()
    {
        var store = new CountingStore(_ => null);
        var rules = new CachedCountryRules(store, new ManualClock(), TimeSpan.FromMinutes(5));

        foreach (var forged in new[] { "POL", "P1", "", "Ąę", "PL; DROP TABLE" })
        {
            Assert.Null(await rules.GetAsync(forged, CancellationToken.None));
            Assert.Null(await rules.GetAsync(forged, CancellationToken.None));
        }

        Assert.Equal(10, store.Reads);
    }

    [Fact]
    public async Task A_failed_read_is_not_kept_and_the_next_lookup_asks_the_store_again()
    {
        var failing = true;
        var store = new CountingStore(_ => failing ? throw new TimeoutException("store busy") : Poland);
        var rules = new CachedCountryRules(store, new ManualClock(), TimeSpan.FromMinutes(5));

        await Assert.ThrowsAsync<TimeoutException>(() => rules.GetAsync("PL", CancellationToken.None));
        failing = false;

        Assert.Same(Poland, await rules.GetAsync("PL", CancellationToken.None));
        Assert.Equal(2, store.Reads);
    }

    private sealed class CountingStore(Func<string, CountryValidationRules?> rules) : ICountryRulesSource
    {
        public int Reads { get; private set; }

        public Task<CountryValidationRules?> GetAsync(string countryCode, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult(rules(countryCode.Trim().ToUpperInvariant()));
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
