using Microsoft.Data.Sqlite;

namespace PartnerBot.Data.Activities;

/// <summary>
/// The activity ledger in the embedded database (one instance, but the same rules as the shared store). Each change
/// is a write transaction like every other write of the store, so a write lock held too long is a
/// <see cref="StoreBusyException"/> and a file that cannot be trusted a <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed class SqliteActivityLedger(SqliteDatabase database, TimeProvider clock) : IActivityLedger
{
    // Every turn runs these: they are kept prepared with the connection (PreparedStatements).
    private const string TakeSql = """
        INSERT INTO processed_activities (conversation_key, activity_id, status, taken_at, expires_at)
        VALUES ($key, $id, 'InFlight', $now, $expires)
        ON CONFLICT (conversation_key, activity_id) DO UPDATE
        SET status = 'InFlight', taken_at = excluded.taken_at, expires_at = excluded.expires_at
        WHERE processed_activities.expires_at <= $now
        """;

    private const string CompleteSql = """
        UPDATE processed_activities SET status = 'Done', expires_at = $expires, answer = $answer
        WHERE conversation_key = $key AND activity_id = $id
        """;

    private const string FindSql = """
        SELECT status, answer FROM processed_activities
        WHERE conversation_key = $key AND activity_id = $id AND expires_at > $now
        """;

    private const string ReleaseSql =
        "DELETE FROM processed_activities WHERE conversation_key = $key AND activity_id = $id AND status = 'InFlight'";

    public SqliteActivityLedger(SqliteDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    public async Task<bool> TryTakeAsync(string conversationKey, string activityId, TimeSpan inFlightFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        ArgumentNullException.ThrowIfNull(activityId);
        var now = clock.GetUtcNow();
        using var lease = await database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var write = await database.BeginKeptWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        bool taken;
        // One statement: taking a free or expired entry is atomic under SQLite's single writer.
        using (var take = PreparedStatements.Get(connection, TakeSql))
        {
            taken = take.Bind("$key", conversationKey)
                .Bind("$id", activityId)
                .Bind("$now", SqlValues.Time(now))
                .Bind("$expires", SqlValues.Time(now + inFlightFor))
                .Execute() > 0;
        }

        write.Commit(cancellationToken);
        return taken;
    }

    public async Task CompleteAsync(string conversationKey, string activityId, TimeSpan keepFor, string? answer, CancellationToken cancellationToken)
    {
        using var lease = await database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var write = await database.BeginKeptWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        Complete(connection, new LedgerCompletion(conversationKey, activityId, keepFor) { Answer = answer }, clock.GetUtcNow());
        write.Commit(cancellationToken);
    }

    /// <summary>Marks the entry done inside the write transaction <paramref name="connection"/> holds (its own, or a state save's).</summary>
    internal static void Complete(SqliteConnection connection, LedgerCompletion completion, DateTimeOffset now)
    {
        using var complete = PreparedStatements.Get(connection, CompleteSql);
        complete.Bind("$key", completion.ConversationKey)
            .Bind("$id", completion.ActivityId)
            .Bind("$expires", SqlValues.Time(now + completion.KeepFor))
            .Bind("$answer", completion.Answer)
            .Execute();
    }

    public async Task<LedgerEntry?> FindAsync(string conversationKey, string activityId, CancellationToken cancellationToken)
    {
        using var lease = await database.LeaseConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var find = PreparedStatements.Get(connection, FindSql)
            .Bind("$key", conversationKey)
            .Bind("$id", activityId)
            .Bind("$now", SqlValues.Time(clock.GetUtcNow()));
        return find.Read() ? new LedgerEntry(find.Text(0) == "Done", find.TextOrNull(1)) : null;
    }

    public async Task ReleaseAsync(string conversationKey, string activityId, CancellationToken cancellationToken)
    {
        using var lease = await database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var write = await database.BeginKeptWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        using (var release = PreparedStatements.Get(connection, ReleaseSql))
        {
            release.Bind("$key", conversationKey).Bind("$id", activityId).Execute();
        }

        write.Commit(cancellationToken);
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Read through: no index on expires_at (migration 0009), which every take and completion would also write.
        command.CommandText = "DELETE FROM processed_activities WHERE expires_at <= $now";
        command.Add("$now", SqlValues.Time(clock.GetUtcNow()));
        var purged = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return purged;
    }
}
