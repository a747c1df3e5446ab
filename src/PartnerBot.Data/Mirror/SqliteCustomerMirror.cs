using Microsoft.Data.Sqlite;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Mirror;

/// <summary>The customer mirror in the embedded database (migration 0005).</summary>
public sealed class SqliteCustomerMirror(SqliteDatabase database) : ICustomerMirrorStore
{
    public async Task<IReadOnlyList<CustomerSearchEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, company_name, domain FROM customer_mirror";
        var customers = new List<CustomerSearchEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            customers.Add(new CustomerSearchEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return customers;
    }

    public async Task ReplaceAllAsync(IReadOnlyList<CustomerSearchEntry> customers, DateTimeOffset syncedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM customer_mirror";
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await InsertAsync(connection, transaction, customers, cancellationToken).ConfigureAwait(false);
        await using (var stamp = connection.CreateCommand())
        {
            stamp.Transaction = transaction;
            stamp.CommandText = """
                INSERT INTO customer_mirror_sync (singleton, synced_at) VALUES (1, $at)
                ON CONFLICT (singleton) DO UPDATE SET synced_at = excluded.synced_at
                """;
            stamp.Add("$at", SqlValues.Time(syncedAt));
            await stamp.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UpsertAsync(IReadOnlyList<CustomerSearchEntry> customers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, transaction, customers, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<CustomerMirrorStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM customer_mirror), (SELECT synced_at FROM customer_mirror_sync WHERE singleton = 1)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var syncedAt = reader.IsDBNull(1) ? (DateTimeOffset?)null : SqlValues.ParseTime(reader.GetString(1));
        return new CustomerMirrorStatus(reader.GetInt32(0), syncedAt);
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<CustomerSearchEntry> customers, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO customer_mirror (id, company_name, domain) VALUES ($id, $name, $domain)
            ON CONFLICT (id) DO UPDATE SET company_name = excluded.company_name, domain = excluded.domain
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var domain = insert.Parameters.Add("$domain", SqliteType.Text);
        foreach (var customer in customers)
        {
            id.Value = customer.CustomerId;
            name.Value = customer.CompanyName;
            domain.Value = customer.Domain;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
