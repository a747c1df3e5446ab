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
    public void A_submit_made_again_by_a_rerun_of_its_turn_counts_once()
    {
        var clock = new Clock();
        var limiter = new SubmitRateLimiter(new SubmitRateLimitOptions { WriteSubmitsPerMinute = 3 }, clock);
        var rerun = SubmitRateLimiter.SubmitId("change-1", "activity-1");

        // The same change pressed once, its turn run four times: one submit.
        Assert.All(Enumerable.Range(0, 4), _ => Assert.True(limiter.TryAcquire("alex", rerun)));
        // "Try again" on the same change is another press, and counts.
        Assert.True(limiter.TryAcquire("alex", SubmitRateLimiter.SubmitId("change-1", "activity-2")));
        Assert.True(limiter.TryAcquire("alex", SubmitRateLimiter.SubmitId("change-2", "activity-3")));
        Assert.False(limiter.TryAcquire("alex", SubmitRateLimiter.SubmitId("change-3", "activity-4")));
        Assert.True(limiter.TryAcquire("alex", rerun));

        // Once it has left the window, the same id is a new submit again.
        clock.Now += TimeSpan.FromMinutes(1);
        Assert.True(limiter.TryAcquire("alex", rerun));
        Assert.Null(SubmitRateLimiter.SubmitId("change-1", null));
    }

    [Fact]
    public void A_submit_whose_id_left_the_window_counts_again_toward_the_limit()
    {
        var clock = new Clock();
        var limiter = new SubmitRateLimiter(new SubmitRateLimitOptions { WriteSubmitsPerMinute = 2 }, clock);
        var pressed = SubmitRateLimiter.SubmitId("change-1", "activity-1");
        Assert.True(limiter.TryAcquire("alex", pressed));

        clock.Now += TimeSpan.FromMinutes(1);
        Assert.True(limiter.TryAcquire("alex", pressed));
        Assert.True(limiter.TryAcquire("alex", SubmitRateLimiter.SubmitId("change-2", "activity-2")));
        Assert.False(limiter.TryAcquire("alex", SubmitRateLimiter.SubmitId("change-3", "activity-3")));
    }

    [Fact]
    public void A_limit_below_one_is_a_configuration_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubmitRateLimiter(new SubmitRateLimitOptions { WriteSubmitsPerMinute = 0 }, new Clock()));
}
