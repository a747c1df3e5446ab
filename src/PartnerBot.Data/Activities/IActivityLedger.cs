namespace PartnerBot.Data.Activities;

/// <summary>
/// The activities some instance has taken, in the store every instance shares, so a channel's re-delivery of an
/// activity (Teams retries a turn slower than 15 s) is answered once and changes nothing twice.
/// An entry is keyed by the conversation and the activity id and expires: a retry comes within minutes.
/// </summary>
public interface IActivityLedger
{
    /// <summary>
    /// Takes the activity for this turn; false when another turn (on any instance) has it in flight or has
    /// handled it and its entry has not expired. An in-flight entry expires after <paramref name="inFlightFor"/>,
    /// so an instance that died mid-turn does not block the activity for ever.
    /// </summary>
    Task<bool> TryTakeAsync(string conversationKey, string activityId, TimeSpan inFlightFor, CancellationToken cancellationToken);

    /// <summary>
    /// The turn answered: a re-delivery within <paramref name="keepFor"/> is recognized. <paramref name="answer"/> is
    /// what the turn answered when a re-delivery must be answered too (a card press's invoke response), else null.
    /// </summary>
    Task CompleteAsync(string conversationKey, string activityId, TimeSpan keepFor, string? answer, CancellationToken cancellationToken);

    /// <summary>The activity's entry while it has not expired: in flight, or handled with the answer it was given; else null.</summary>
    Task<LedgerEntry?> FindAsync(string conversationKey, string activityId, CancellationToken cancellationToken);

    /// <summary>The turn failed and saved nothing: a re-delivery may run it again.</summary>
    Task ReleaseAsync(string conversationKey, string activityId, CancellationToken cancellationToken);

    /// <summary>Deletes expired entries; returns how many.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}

/// <summary>An activity some turn has taken: <see cref="Done"/> once it was answered, with its <see cref="Answer"/> if one was kept.</summary>
public sealed record LedgerEntry(bool Done, string? Answer);
