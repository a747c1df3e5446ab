namespace PartnerBot.Data.Activities;

/// <summary>
/// The activity ledger in the embedded database (one instance, but the same rules as the shared store). Each change
/// is a write transaction like every other write of the store, so a write lock held too long is a
/// <see cref="StoreBusyException"/> and a file that cannot be trusted a <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed class SqliteActivityLedger(SqliteDatabase database, TimeProvider clock) : IActivityLedger
{
    public SqliteActivityLedger(SqliteDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    public async Task<bool> TryTakeAsync(string conversationKey, string activityId, TimeSpan inFlightFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        ArgumentNullException.ThrowIfNull(activityId);
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // One statement: taking a free or expired entry is atomic under SQLite's single writer.
        command.CommandText = """
            INSERT INTO processed_activities (conversation_key, activity_id, status, taken_at, expires_at)
            VALUES ($key, $id, 'InFlight', $now, $expires)
            ON CONFLICT (conversation_key, activity_id) DO UPDATE
            SET status = 'InFlight', taken_at = excluded.taken_at, expires_at = excluded.expires_at
            WHERE processed_activities.expires_at <= $now
            """;
        command.Add("$key", conversationKey);
        command.Add("$id", activityId);
        command.Add("$now", SqlValues.Time(now));
        command.Add("$expires", SqlValues.Time(now + inFlightFor));
        var taken = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return taken;
    }

    public async Task CompleteAsync(string conversationKey, string activityId, TimeSpan keepFor, string? answer, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE processed_activities SET status = 'Done', expires_at = $expires, answer = $answer
            WHERE conversation_key = $key AND activity_id = $id
            """;
        command.Add("$key", conversationKey);
        command.Add("$id", activityId);
        command.Add("$expires", SqlValues.Time(clock.GetUtcNow() + keepFor));
        command.Add("$answer", answer);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerEntry?> FindAsync(string conversationKey, string activityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT status, answer FROM processed_activities
            WHERE conversation_key = $key AND activity_id = $id AND expires_at > $now
            """;
        command.Add("$key", conversationKey);
        command.Add("$id", activityId);
        command.Add("$now", SqlValues.Time(clock.GetUtcNow()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LedgerEntry(reader.GetString(0) == "Done", reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    public async Task ReleaseAsync(string conversationKey, string activityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM processed_activities WHERE conversation_key = $key AND activity_id = $id AND status = 'InFlight'";
        command.Add("$key", conversationKey);
        command.Add("$id", activityId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM processed_activities WHERE expires_at <= $now";
        command.Add("$now", SqlValues.Time(clock.GetUtcNow()));
        var purged = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return purged;
    }
}
