namespace PartnerBot.Data.Activities;

/// <summary>
/// The ledger entry a turn completes (<see cref="IActivityLedger.CompleteAsync"/>), offered to the store that saves
/// the turn's conversation state: a store that keeps both (the embedded database) records it in the state's own
/// write transaction, so a turn costs one write transaction less and its state and its entry commit together. A
/// store that does not leaves <see cref="Recorded"/> false, and the turn completes the entry itself afterwards.
/// </summary>
/// <remarks>
/// The SDK's BotState calls <c>IStorage.WriteAsync</c> with the changed documents only, so the entry travels beside
/// the call, for exactly the duration of the conversation state's save (<see cref="DuringSaveAsync"/>): any other
/// write of the turn (say, a card view it remembers) never completes it.
/// </remarks>
public sealed class LedgerCompletion(string conversationKey, string activityId, TimeSpan keepFor)
{
    private static readonly AsyncLocal<LedgerCompletion?> Saving = new();

    public string ConversationKey { get; } = conversationKey ?? throw new ArgumentNullException(nameof(conversationKey));

    public string ActivityId { get; } = activityId ?? throw new ArgumentNullException(nameof(activityId));

    public TimeSpan KeepFor { get; } = keepFor;

    /// <summary>What the turn answered, when a re-delivery must be answered too (a card press's invoke response).</summary>
    public string? Answer { get; set; }

    /// <summary>Whether a state save committed the entry as done (with <see cref="Answer"/> as it was then).</summary>
    public bool Recorded { get; private set; }

    /// <summary>The entry offered to the state save running now, if any.</summary>
    internal static LedgerCompletion? Current => Saving.Value;

    /// <summary>Runs <paramref name="save"/> (the conversation state's save) with this entry offered to the store.</summary>
    public async Task DuringSaveAsync(Func<Task> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        // Set inside this async method: the value flows into the save and is gone when it returns.
        Saving.Value = this;
        await save().ConfigureAwait(false);
    }

    /// <summary>Called by the store once the transaction that completed the entry has committed.</summary>
    internal void MarkRecorded() => Recorded = true;
}
