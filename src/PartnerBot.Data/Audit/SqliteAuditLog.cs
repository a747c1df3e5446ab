using System.Text.Json;
using PartnerBot.Domain.Audit;

namespace PartnerBot.Data.Audit;

/// <summary>The audit trail in the embedded database: append-only, read newest first per customer.</summary>
public sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog
{
    /// <summary>The most entries one page may return, so a careless caller cannot read the whole log at once.</summary>
    public const int MaxPageSize = 500;

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // OR IGNORE: recording the same entry again (a retried turn) leaves one entry, not two.
        command.CommandText = """
            INSERT OR IGNORE INTO audit_log
                (id, at, customer_id, customer_name, actor_aad_object_id, actor_name, action, outcome, changes,
                 activity_id, operation_id, reason)
            VALUES ($id, $at, $customer_id, $customer_name, $actor_id, $actor_name, $action, $outcome, $changes,
                    $activity_id, $operation_id, $reason)
            """;
        command.Add("$id", entry.Id.ToString());
        command.Add("$at", SqlValues.Time(entry.At));
        command.Add("$customer_id", entry.CustomerId);
        command.Add("$customer_name", entry.CustomerName);
        command.Add("$actor_id", entry.ActorAadObjectId);
        command.Add("$actor_name", entry.ActorName);
        command.Add("$action", entry.Action.ToString());
        command.Add("$outcome", entry.Outcome.ToString());
        command.Add("$changes", JsonSerializer.Serialize(entry.Changes ?? [], SqlValues.Json));
        command.Add("$activity_id", entry.ActivityId);
        command.Add("$operation_id", entry.OperationId);
        command.Add("$reason", entry.Reason);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListForCustomerAsync(
        string customerId, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        take = Math.Min(take, MaxPageSize);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // seq breaks ties between entries recorded within the same tick, in the order they were recorded.
        command.CommandText = """
            SELECT id, at, customer_id, customer_name, actor_aad_object_id, actor_name, action, outcome, changes,
                   activity_id, operation_id, reason
            FROM audit_log
            WHERE customer_id = $customer_id
            ORDER BY at DESC, seq DESC
            LIMIT $take OFFSET $skip
            """;
        command.Add("$customer_id", customerId);
        command.Add("$take", take);
        command.Add("$skip", skip);
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
