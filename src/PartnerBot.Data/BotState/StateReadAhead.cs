using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.BotState;

/// <summary>
/// The turn's conversation state read ahead, in the round trip that takes the turn's activity in the ledger
/// (<see cref="Activities.IStateReadingActivityLedger"/>), so that the turn's own state read, a moment later, costs no
/// second round trip (issue 13: a turn on PostgreSQL waited for four). The storage takes what was read the first time
/// the turn reads that key alone, and only then: a turn that runs again after losing its save reads afresh.
/// The sender's staff record and roles can be read in the same round trip (<see cref="StaffId"/>): a conversation step's
/// role check (<see cref="RoleFreshness.ThisTurn"/>) and a read's (<see cref="RoleFreshness.RecentEnough"/>) then answer
/// from it, as often as the turn asks; a submit's check (<see cref="RoleFreshness.Current"/>) never does.
/// </summary>
/// <remarks>
/// Like <see cref="Activities.LedgerCompletion"/>, it travels beside the SDK's <c>IStorage.ReadAsync</c>, which has no
/// room for it: <see cref="Begin"/> makes it the calling turn's (an <see cref="AsyncLocal{T}"/> that flows into
/// everything the turn calls afterwards and is gone when the turn's method returns). What was read is a row as it was
/// stored; the storage still checks its expiry and reads it with its own format, as it would have read it itself.
/// Reading ahead is safe for the same reason reading at all is: the save states the etag it was read at, so a state
/// changed by another instance in between fails the save and the turn runs again.
/// </remarks>
public sealed class StateReadAhead
{
    private static readonly AsyncLocal<StateReadAhead?> Pending = new();

    private StoredStateRow? _row;
    private int _offered;
    private StaffRead? _staff;

    private StateReadAhead(string key, string? staffId)
    {
        Key = key;
        StaffId = staffId;
    }

    /// <summary>The storage key of the conversation state to read with the take.</summary>
    public string Key { get; }

    /// <summary>The sender's Entra ID object id, whose staff record to read with the take; null to read none.</summary>
    public string? StaffId { get; }

    /// <summary>
    /// A read-ahead of <paramref name="key"/> (and of <paramref name="staffId"/>'s staff record, when given) for the
    /// calling turn. Call it from the turn's own method, before the ledger's take: the value flows into what that method
    /// calls afterwards, not back to its caller.
    /// </summary>
    public static StateReadAhead Begin(string key, string? staffId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var readAhead = new StateReadAhead(key, string.IsNullOrWhiteSpace(staffId) ? null : staffId);
        Pending.Value = readAhead;
        return readAhead;
    }

    /// <summary>The ledger read <see cref="StaffId"/>'s staff record with its take; null when nobody has that id.</summary>
    internal void OfferStaff(StaffMember? member)
    {
        if (StaffId is { } id)
        {
            Volatile.Write(ref _staff, new StaffRead(id, member));
        }
    }

    /// <summary>
    /// The staff record of <paramref name="aadObjectId"/> as the calling turn's take read it: true with the member (null:
    /// no such person) when that id's record was read; false otherwise, and the directory reads as it always did.
    /// Not taken away: every step check of the turn may use it.
    /// </summary>
    internal static bool TryGetStaff(string aadObjectId, out StaffMember? member)
    {
        member = null;
        if (Pending.Value is not { } readAhead || Volatile.Read(ref readAhead._staff) is not { } read
            || !string.Equals(read.AadObjectId, aadObjectId, StringComparison.Ordinal))
        {
            return false;
        }

        member = read.Member;
        return true;
    }

    /// <summary>Whether the take's round trip read the state (and the turn's first read of it has not taken it yet).</summary>
    public bool Offered => Volatile.Read(ref _offered) == 1;

    /// <summary>The ledger read the row of <see cref="Key"/> with its take; null when none is stored.</summary>
    internal void Offer(StoredStateRow? row)
    {
        _row = row;
        Volatile.Write(ref _offered, 1);
    }

    /// <summary>
    /// What the calling turn's read-ahead holds for a read of exactly <paramref name="keys"/>, once: true with the row
    /// (null: none stored) when the keys are its one key and it was offered and not taken yet; false otherwise, and the
    /// storage reads as it always did.
    /// </summary>
    internal static bool TryTake(string[] keys, out StoredStateRow? row)
    {
        row = null;
        if (Pending.Value is not { } readAhead || keys.Length != 1 || !string.Equals(keys[0], readAhead.Key, StringComparison.Ordinal)
            || Interlocked.CompareExchange(ref readAhead._offered, 2, 1) != 1)
        {
            return false;
        }

        row = readAhead._row;
        readAhead._row = null;
        return true;
    }
}

/// <summary>A bot_state row as stored: its key, etag, document and when it was last written.</summary>
internal sealed record StoredStateRow(string Key, string ETag, string Document, DateTimeOffset UpdatedAt);

/// <summary>A staff record as the take read it, under the id it was read for.</summary>
internal sealed record StaffRead(string AadObjectId, StaffMember? Member);
