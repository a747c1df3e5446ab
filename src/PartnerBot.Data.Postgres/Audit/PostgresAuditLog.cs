using System.Text.Json;
using Npgsql;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Postgres.Audit;

/// <summary>
/// The audit trail on PostgreSQL: append-only, read newest first per customer. Also the outbox
/// (<see cref="IAuditOutbox"/>) for a remote system of record, shared by every instance: an intent recorded by
/// one instance that died is completed by whichever instance starts next.
/// </summary>
public sealed class PostgresAuditLog(PostgresDatabase database) : IAuditLog, IAuditOutbox
{
    /// <summary>The most entries one page may return, so a careless caller cannot read the whole log at once.</summary>
    public const int MaxPageSize = 500;

    private const string Columns =
        "id, at, customer_id, customer_name, actor_aad_object_id, actor_name, action, outcome, changes, activity_id, operation_id, reason";

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, null, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts the entry within the caller's transaction; the same id again leaves one entry (a retried turn).</summary>
    internal static Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, AuditEntry entry, CancellationToken cancellationToken) =>
        InsertIntoAsync("audit_log", connection, transaction, entry, cancellationToken);

    public async Task RecordIntentAsync(AuditEntry intended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intended);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await InsertIntoAsync("audit_outbox", connection, null, intended, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(Guid entryId, AuditOutcome outcome, string? reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Moved, not copied, in one transaction: the entry is either pending or in the trail, never both or neither.
        // DELETE … RETURNING takes the row's lock, so two instances completing the same intent move it once.
        await using (var move = new NpgsqlCommand($"""
            WITH taken AS (DELETE FROM audit_outbox WHERE id = @id RETURNING {Columns})
            INSERT INTO audit_log ({Columns})
            SELECT id, at, customer_id, customer_name, actor_aad_object_id, actor_name, action, @outcome, changes,
                   activity_id, operation_id, COALESCE(@reason, reason)
            FROM taken
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            move.Parameters.AddWithValue("id", entryId);
            move.Parameters.AddWithValue("outcome", outcome.ToString());
            move.Parameters.Add(new NpgsqlParameter<string?>("reason", reason));
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DiscardAsync(Guid entryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM audit_outbox WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", entryId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM audit_outbox ORDER BY seq", connection);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The entry's insert into audit_log as a command of the caller's batch (in the caller's transaction).</summary>
    internal static NpgsqlBatchCommand InsertCommand(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var command = new NpgsqlBatchCommand(InsertSql("audit_log"));
        Bind(command.Parameters, entry);
        return command;
    }

    private static string InsertSql(string table) => $"""
        INSERT INTO {table} ({Columns})
        VALUES (@id, @at, @customer_id, @customer_name, @actor_id, @actor_name, @action, @outcome, @changes,
                @activity_id, @operation_id, @reason)
        ON CONFLICT (id) DO NOTHING
        """;

    private static void Bind(NpgsqlParameterCollection parameters, AuditEntry entry)
    {
        parameters.AddWithValue("id", entry.Id);
        parameters.AddWithValue("at", entry.At.ToUniversalTime());
        parameters.AddWithValue("customer_id", entry.CustomerId);
        parameters.AddWithValue("customer_name", entry.CustomerName);
        parameters.AddWithValue("actor_id", entry.ActorAadObjectId);
        parameters.AddWithValue("actor_name", entry.ActorName);
        parameters.AddWithValue("action", entry.Action.ToString());
        parameters.AddWithValue("outcome", entry.Outcome.ToString());
        parameters.AddWithValue("changes", JsonSerializer.Serialize(entry.Changes ?? [], SqlValues.Json));
        parameters.AddWithValue("activity_id", (object?)entry.ActivityId ?? DBNull.Value);
        parameters.AddWithValue("operation_id", (object?)entry.OperationId ?? DBNull.Value);
        parameters.AddWithValue("reason", (object?)entry.Reason ?? DBNull.Value);
    }

    private static async Task InsertIntoAsync(
        string table, NpgsqlConnection connection, NpgsqlTransaction? transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = new NpgsqlCommand(InsertSql(table), connection, transaction);
        Bind(command.Parameters, entry);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListForCustomerAsync(
        AuthorizedRead read, string customerId, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        take = Math.Min(take, MaxPageSize);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // seq breaks ties between entries recorded within the same tick, in the order they were recorded.
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns}
            FROM audit_log
            WHERE lower(customer_id) = lower(@customer_id)
            ORDER BY at DESC, seq DESC
            LIMIT @take OFFSET @skip
            """, connection);
        command.Parameters.AddWithValue("customer_id", customerId);
        command.Parameters.AddWithValue("take", take);
        command.Parameters.AddWithValue("skip", skip);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<AuditEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                Id: reader.GetGuid(0),
                At: new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero),
                CustomerId: reader.GetString(2),
                CustomerName: reader.GetString(3),
                ActorAadObjectId: reader.GetString(4),
                ActorName: reader.GetString(5),
                Action: Enum.Parse<AuditAction>(reader.GetString(6)),
                Outcome: Enum.Parse<AuditOutcome>(reader.GetString(7)),
                Changes: JsonSerializer.Deserialize<List<FieldChange>>(reader.GetString(8), SqlValues.Json) ?? [],
                ActivityId: reader.IsDBNull(9) ? null : reader.GetString(9),
                OperationId: reader.IsDBNull(10) ? null : reader.GetString(10),
                Reason: reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return entries;
    }
}
