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
    private readonly Dictionary<string, PersonsSubmits> _submits = new(StringComparer.OrdinalIgnoreCase);
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
            if (!_submits.TryGetValue(aadObjectId, out var submits))
            {
                submits = new PersonsSubmits();
                _submits[aadObjectId] = submits;
            }

            var times = submits.Times;
            while (times.Count > 0 && now - times.Peek().At >= Window)
            {
                var expired = times.Dequeue();
                if (expired.SubmitId is not null)
                {
                    submits.Ids.Remove(expired.SubmitId);
                }
            }

            if (submitId is not null && submits.Ids.Contains(submitId))
            {
                return true;
            }

            if (times.Count >= _limit)
            {
                return false;
            }

            times.Enqueue((now, submitId));
            if (submitId is not null)
            {
                submits.Ids.Add(submitId);
            }

            return true;
        }
    }

    /// <summary>
    /// One person's submits in the last minute, oldest first, and the ids among them: a limit set high for automation
    /// (the turn benchmark's is a million) keeps thousands, and a re-run's look-up must not walk them all (issue 13).
    /// </summary>
    private sealed class PersonsSubmits
    {
        public Queue<(DateTimeOffset At, string? SubmitId)> Times { get; } = new();

        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);
    }
}
