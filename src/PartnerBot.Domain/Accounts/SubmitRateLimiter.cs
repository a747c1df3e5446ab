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
/// gets the limit on each, which still bounds the rate. A submit counts once however many times its turn runs: a
/// turn that lost its state save to another instance runs again (ConcurrentTurn) and submits the same change for
/// the same activity, which the user pressed once.
/// </summary>
public sealed class SubmitRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<(DateTimeOffset At, string? SubmitId)>> _submits = new(StringComparer.OrdinalIgnoreCase);
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

    /// <summary>What makes a submit the same submit: the change, pressed in the same activity.</summary>
    public static string? SubmitId(string operationId, string? activityId) =>
        activityId is { Length: > 0 } ? operationId + "/" + activityId : null;

    /// <summary>
    /// Counts a submit by <paramref name="aadObjectId"/> now; false (and not counted) when over the limit. A
    /// <paramref name="submitId"/> counted within the last minute is allowed again without counting: the same
    /// submit, made again by a re-run of its turn.
    /// </summary>
    public bool TryAcquire(string aadObjectId, string? submitId = null)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        var now = _clock.GetUtcNow();
        lock (_submits)
        {
            if (!_submits.TryGetValue(aadObjectId, out var times))
            {
                times = new Queue<(DateTimeOffset At, string? SubmitId)>();
                _submits[aadObjectId] = times;
            }

            while (times.Count > 0 && now - times.Peek().At >= Window)
            {
                times.Dequeue();
            }

            if (submitId is not null && times.Any(t => t.SubmitId == submitId))
            {
                return true;
            }

            if (times.Count >= _limit)
            {
                return false;
            }

            times.Enqueue((now, submitId));
            return true;
        }
    }
}
