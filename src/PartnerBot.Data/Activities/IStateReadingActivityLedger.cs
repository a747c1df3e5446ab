using PartnerBot.Data.BotState;

namespace PartnerBot.Data.Activities;

/// <summary>
/// An activity ledger in the store that also keeps the conversation state, which can read the turn's state in the
/// round trip that takes the activity (<see cref="StateReadAhead"/>): on a server store that is one round trip less
/// per turn. A store without it (the embedded one) is called through <see cref="IActivityLedger.TryTakeAsync"/> alone.
/// </summary>
public interface IStateReadingActivityLedger : IActivityLedger
{
    /// <summary>
    /// <see cref="IActivityLedger.TryTakeAsync"/>, and when the activity is taken, the state under
    /// <paramref name="readAhead"/>'s key read in the same round trip and offered to it. The take commits whether or
    /// not the read succeeds: a read that fails offers nothing, and the turn reads the state itself (meeting the same
    /// fault there, as it would have). A take that fails throws as <see cref="IActivityLedger.TryTakeAsync"/> does.
    /// </summary>
    Task<bool> TryTakeAsync(string conversationKey, string activityId, TimeSpan inFlightFor, StateReadAhead readAhead, CancellationToken cancellationToken);
}
