using Npgsql;
using PartnerBot.Data.Activities;
using PartnerBot.Data.BotState;
using PartnerBot.Data.Postgres.Staff;

namespace PartnerBot.Data.Postgres.Activities;

/// <summary>
/// The activity ledger on PostgreSQL, shared by every instance: taking an activity is one
/// <c>INSERT … ON CONFLICT DO UPDATE … WHERE expired</c>, so of two instances handed the same activity at once
/// exactly one gets a row back. Times are the server's, so instances with drifting clocks agree.
/// </summary>
public sealed class PostgresActivityLedger(PostgresDatabase database) : IStateReadingActivityLedger
{
    private const string TakeSql = """
        INSERT INTO processed_activities (conversation_key, activity_id, status, taken_at, expires_at)
        VALUES ($1, $2, 'InFlight', clock_timestamp(), clock_timestamp() + $3)
        ON CONFLICT (conversation_key, activity_id) DO UPDATE
        SET status = 'InFlight', taken_at = excluded.taken_at, expires_at = excluded.expires_at
        WHERE processed_activities.expires_at <= clock_timestamp()
        RETURNING true
        """;

    private const string ReadStateSql = "SELECT key, etag, document, updated_at FROM bot_state WHERE key = $1";

    /// <summary>
    /// The take, the state read and (when the read-ahead names one) the sender's staff record as one batch: one round
    /// trip. Error barriers make each statement its own implicit transaction (a batch is otherwise one), so the take
    /// commits even when a read then fails, and the reads run after the take, as the turn's own reads would have.
    /// </summary>
    public async Task<bool> TryTakeAsync(
        string conversationKey, string activityId, TimeSpan inFlightFor, StateReadAhead readAhead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        ArgumentNullException.ThrowIfNull(activityId);
        ArgumentNullException.ThrowIfNull(readAhead);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection) { EnableErrorBarriers = true };
        var take = new NpgsqlBatchCommand(TakeSql);
        take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationKey });
        take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = activityId });
        take.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = inFlightFor });
        batch.BatchCommands.Add(take);
        var read = new NpgsqlBatchCommand(ReadStateSql);
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = readAhead.Key });
        batch.BatchCommands.Add(read);
        if (readAhead.StaffId is { } staffId)
        {
            var staff = new NpgsqlBatchCommand(PostgresRoleDirectory.FindSql);
            staff.Parameters.Add(new NpgsqlParameter<string> { TypedValue = staffId });
            batch.BatchCommands.Add(staff);
        }

        // The take's own failure (the server down, a timeout) throws here, as the take alone does.
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            StoredStateRow? row = null;
            if (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false) && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                row = new StoredStateRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
            }

            readAhead.Offer(row);
            if (readAhead.StaffId is not null && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
                readAhead.OfferStaff(await PostgresRoleDirectory.ReadMemberAsync(reader, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception)
        {
            // Whatever failed a read, the take has committed: the turn is taken and, offered nothing, reads the state and
            // the person itself, meeting the same fault there (or not, if it passed) exactly as without the batch.
        }

        return true;
    }

    public async Task<bool> TryTakeAsync(string conversationKey, string activityId, TimeSpan inFlightFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        ArgumentNullException.ThrowIfNull(activityId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO processed_activities (conversation_key, activity_id, status, taken_at, expires_at)
            VALUES (@key, @id, 'InFlight', clock_timestamp(), clock_timestamp() + @for)
            ON CONFLICT (conversation_key, activity_id) DO UPDATE
            SET status = 'InFlight', taken_at = excluded.taken_at, expires_at = excluded.expires_at
            WHERE processed_activities.expires_at <= clock_timestamp()
            """, connection);
        command.Parameters.AddWithValue("key", conversationKey);
        command.Parameters.AddWithValue("id", activityId);
        command.Parameters.AddWithValue("for", inFlightFor);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task CompleteAsync(string conversationKey, string activityId, TimeSpan keepFor, string? answer, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            UPDATE processed_activities SET status = 'Done', expires_at = clock_timestamp() + @for, answer = @answer
            WHERE conversation_key = @key AND activity_id = @id
            """, connection);
        command.Parameters.AddWithValue("key", conversationKey);
        command.Parameters.AddWithValue("id", activityId);
        command.Parameters.AddWithValue("for", keepFor);
        command.Parameters.Add(new NpgsqlParameter<string?>("answer", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = answer });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerEntry?> FindAsync(string conversationKey, string activityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT status, answer FROM processed_activities
            WHERE conversation_key = @key AND activity_id = @id AND expires_at > clock_timestamp()
            """, connection);
        command.Parameters.AddWithValue("key", conversationKey);
        command.Parameters.AddWithValue("id", activityId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LedgerEntry(reader.GetString(0) == "Done", reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    public async Task ReleaseAsync(string conversationKey, string activityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "DELETE FROM processed_activities WHERE conversation_key = @key AND activity_id = @id AND status = 'InFlight'", connection);
        command.Parameters.AddWithValue("key", conversationKey);
        command.Parameters.AddWithValue("id", activityId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM processed_activities WHERE expires_at <= clock_timestamp()", connection);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
