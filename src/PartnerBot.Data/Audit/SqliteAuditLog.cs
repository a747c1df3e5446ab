using System.Text.Json;
using Microsoft.Data.Sqlite;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Audit;

/// <summary>
/// The audit trail in the embedded database: append-only, read newest first per customer. Also the
/// outbox (<see cref="IAuditOutbox"/>) for a remote system of record; the embedded writer itself records
/// applied changes inside its own transaction (<see cref="InsertAsync"/>).
/// </summary>
public sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog, IAuditOutbox
{
    /// <summary>The most entries one page may return, so a careless caller cannot read the whole log at once.</summary>
    public const int MaxPageSize = 500;

    private const string Columns =
        "id, at, customer_id, customer_name, actor_aad_object_id, actor_name, action, outcome, changes, activity_id, operation_id, reason";

    private const string ColumnsAndValues = $"""
        ({Columns})
        VALUES ($id, $at, $customer_id, $customer_name, $actor_id, $actor_name, $action, $outcome, $changes,
                $activity_id, $operation_id, $reason)
        """;

    // OR IGNORE: recording the same entry again (a retried turn) leaves one entry, not two.
    private const string InsertSql = "INSERT OR IGNORE INTO audit_log " + ColumnsAndValues;

    private const string InsertIntentSql = "INSERT OR IGNORE INTO audit_outbox " + ColumnsAndValues;

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var lease = await database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        Insert(InsertSql, lease.Connection, entry);
    }

    /// <summary>Inserts <paramref name="entry"/> inside the transaction the connection holds, so it commits with the change it records.</summary>
    internal static void Insert(SqliteConnection connection, AuditEntry entry) => Insert(InsertSql, connection, entry);

    public async Task<IReadOnlyList<AuditEntry>> ListForCustomerAsync(
        AuthorizedRead read, string customerId, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        take = Math.Min(take, MaxPageSize);
        using var lease = await database.LeaseConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var command = connection.CreateCommand();
        // seq breaks ties between entries recorded within the same tick, in the order they were recorded.
        command.CommandText = $"""
            SELECT {Columns}
            FROM audit_log
            WHERE customer_id = $customer_id
            ORDER BY at DESC, seq DESC
            LIMIT $take OFFSET $skip
            """;
        command.Add("$customer_id", customerId);
        command.Add("$take", take);
        command.Add("$skip", skip);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordIntentAsync(AuditEntry intended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intended);
        using var lease = await database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        Insert(InsertIntentSql, lease.Connection, intended);
    }

    public async Task CompleteAsync(Guid entryId, AuditOutcome outcome, string? reason, CancellationToken cancellationToken)
    {
        using var lease = await database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Moved, not copied, in one transaction: the entry is either pending or in the trail, never both
        // or neither; a second completion finds nothing to move.
        await using (var move = connection.CreateCommand())
        {
            move.Transaction = transaction;
            move.CommandText = $"""
                INSERT OR IGNORE INTO audit_log ({Columns})
                SELECT id, at, customer_id, customer_name, actor_aad_object_id, actor_name, action, $outcome, changes,
                       activity_id, operation_id, COALESCE($reason, reason)
                FROM audit_outbox WHERE id = $id
                """;
            move.Add("$id", entryId.ToString());
            move.Add("$outcome", outcome.ToString());
            move.Add("$reason", reason);
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM audit_outbox WHERE id = $id";
            delete.Add("$id", entryId.ToString());
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DiscardAsync(Guid entryId, CancellationToken cancellationToken)
    {
        using var lease = await database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM audit_outbox WHERE id = $id";
        command.Add("$id", entryId.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_outbox ORDER BY seq";
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Inserts <paramref name="entry"/> into the trail or the outbox with the statement kept prepared with the
    /// connection (<see cref="PreparedStatements"/>; every confirmed change inserts one, issue 13), inside whatever
    /// transaction the connection holds.
    /// </summary>
    private static void Insert(string sql, SqliteConnection connection, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var insert = PreparedStatements.Get(connection, sql);
        insert.Bind("$id", entry.Id.ToString())
            .Bind("$at", SqlValues.Time(entry.At))
            .Bind("$customer_id", entry.CustomerId)
            .Bind("$customer_name", entry.CustomerName)
            .Bind("$actor_id", entry.ActorAadObjectId)
            .Bind("$actor_name", entry.ActorName)
            .Bind("$action", entry.Action.ToString())
            .Bind("$outcome", entry.Outcome.ToString())
            .Bind("$changes", JsonSerializer.Serialize(entry.Changes ?? [], SqlValues.Json))
            .Bind("$activity_id", entry.ActivityId)
            .Bind("$operation_id", entry.OperationId)
            .Bind("$reason", entry.Reason)
            .Execute();
    }

    private static async Task<IReadOnlyList<AuditEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                Id: Guid.Parse(reader.GetString(0)),
                At: SqlValues.ParseTime(reader.GetString(1)),
                CustomerId: reader.GetString(2),
                CustomerName: reader.GetString(3),
                ActorAadObjectId: reader.GetString(4),
                ActorName: reader.GetString(5),
                Action: Enum.Parse<AuditAction>(reader.GetString(6)),
                Outcome: Enum.Parse<AuditOutcome>(reader.GetString(7)),
                Changes: JsonSerializer.Deserialize<List<FieldChange>>(reader.GetString(8), SqlValues.Json) ?? [],
                ActivityId: reader.NullableString(9),
                OperationId: reader.NullableString(10),
                Reason: reader.NullableString(11)));
        }

        return entries;
    }
}
