using PartnerBot.Domain.Accounts;

namespace PartnerBot.Domain.Tests.Accounts;

public sealed class SubmitRateLimiterTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void By_default_ten_submits_a_minute_per_person_then_refused_until_the_oldest_is_a_minute_old()
    {
        var clock = new Clock();
        var limiter = new SubmitRateLimiter(new SubmitRateLimitOptions(), clock);

        var first = Enumerable.Range(0, 12).Select(_ => limiter.TryAcquire("alex")).ToList();
        Assert.Equal(10, first.Count(ok => ok));
        Assert.False(first[10] || first[11]);
        Assert.True(limiter.TryAcquire("megan"));

        clock.Now += TimeSpan.FromSeconds(59);
        Assert.False(limiter.TryAcquire("alex"));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.True(limiter.TryAcquire("alex"));
    }

    [Fact]
    public void A_limit_below_one_is_a_configuration_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubmitRateLimiter(new SubmitRateLimitOptions { WriteSubmitsPerMinute = 0 }, new Clock()));
}
