using Npgsql;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Postgres.Mirror;

/// <summary>
/// The customer mirror on PostgreSQL (migration 0005), shared by every instance: one instance's full refresh or
/// live-search find fills every instance's index at its next start.
/// </summary>
public sealed class PostgresCustomerMirror(PostgresDatabase database) : ICustomerMirrorStore
{
    public async Task<IReadOnlyList<CustomerSearchEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT id, company_name, domain FROM customer_mirror", connection);
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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Two instances refreshing at once take turns on this lock; the later full listing wins whole.
        await using (var clear = new NpgsqlCommand("LOCK TABLE customer_mirror IN EXCLUSIVE MODE; DELETE FROM customer_mirror", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await InsertAsync(connection, transaction, customers, cancellationToken).ConfigureAwait(false);
        await using (var stamp = new NpgsqlCommand("""
            INSERT INTO customer_mirror_sync (singleton, synced_at) VALUES (1, @at)
            ON CONFLICT (singleton) DO UPDATE SET synced_at = excluded.synced_at
            """, connection, transaction))
        {
            stamp.Parameters.AddWithValue("at", syncedAt.ToUniversalTime());
            await stamp.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UpsertAsync(IReadOnlyList<CustomerSearchEntry> customers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, transaction, customers, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<CustomerMirrorStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT COUNT(*) FROM customer_mirror)::integer, (SELECT synced_at FROM customer_mirror_sync WHERE singleton = 1)", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var syncedAt = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
        return new CustomerMirrorStatus(reader.GetInt32(0), syncedAt);
    }

    private static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CustomerSearchEntry> customers, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO customer_mirror (id, company_name, domain) VALUES (@id, @name, @domain)
            ON CONFLICT (lower(id)) DO UPDATE SET company_name = excluded.company_name, domain = excluded.domain
            """, connection, transaction);
        var id = insert.Parameters.Add(new NpgsqlParameter<string>("id", string.Empty));
        var name = insert.Parameters.Add(new NpgsqlParameter<string>("name", string.Empty));
        var domain = insert.Parameters.Add(new NpgsqlParameter<string>("domain", string.Empty));
        foreach (var customer in customers)
        {
            id.Value = customer.CustomerId;
            name.Value = customer.CompanyName;
            domain.Value = customer.Domain;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
