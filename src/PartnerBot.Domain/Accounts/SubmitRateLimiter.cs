namespace PartnerBot.Domain.Accounts;

/// <summary>The per-user limit on write submits, bound from the "Limits" section.</summary>
public sealed class SubmitRateLimitOptions
{
    public const string SectionName = "Limits";

    /// <summary>Submits (billing updates and purchase switches together) one person may make in a minute.</summary>
    public int WriteSubmitsPerMinute { get; set; } = 10;
}

/// <summary>
/// Counts each person's write submits over a sliding minute. A person confirms a change by hand a few times
/// a minute at most; thirty in a second is a script or a stuck client, and is refused before anything is
/// checked or written. In memory per instance: with several instances behind a load balancer a person
/// gets the limit on each, which still bounds the rate.
/// </summary>
public sealed class SubmitRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _submits = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _limit;
    private readonly TimeProvider _clock;

    public SubmitRateLimiter(SubmitRateLimitOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WriteSubmitsPerMinute, 1, "Limits:WriteSubmitsPerMinute");
        _limit = options.WriteSubmitsPerMinute;
        _clock = clock;
    }

    public int PerMinute => _limit;

    /// <summary>Counts a submit by <paramref name="aadObjectId"/> now; false (and not counted) when over the limit.</summary>
    public bool TryAcquire(string aadObjectId)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        var now = _clock.GetUtcNow();
        lock (_submits)
        {
            if (!_submits.TryGetValue(aadObjectId, out var times))
            {
                times = new Queue<DateTimeOffset>();
                _submits[aadObjectId] = times;
            }

            while (times.Count > 0 && now - times.Peek() >= Window)
            {
                times.Dequeue();
            }

            if (times.Count >= _limit)
            {
                return false;
            }

            times.Enqueue(now);
            return true;
        }
    }
}
