using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using PartnerBot.Data;
using PartnerBot.Data.Postgres;
using PartnerBot.Data.Postgres.Seed;
using PartnerBot.Data.Seed;

namespace PartnerBot.Benchmarks;

/// <summary>
/// The turn benchmark's data on PostgreSQL: a template database seeded once with the demo data and N synthetic
/// customers (reused by later runs, like the SQLite copy in artifacts/bench), and a fresh copy of it for each
/// server of a run (CREATE DATABASE ... TEMPLATE), dropped at the end.
/// </summary>
internal sealed class PostgresBenchData : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly List<string> _copies = [];

    public PostgresBenchData(string connectionString)
    {
        _server = new NpgsqlConnectionStringBuilder(connectionString);
        // The maintenance database: CREATE and DROP DATABASE run from there.
        Maintenance = WithDatabase(string.IsNullOrEmpty(_server.Database) ? "postgres" : _server.Database);
    }

    /// <summary>Where the databases are, for the report (no credentials).</summary>
    public string Server => $"{_server.Host}:{_server.Port}";

    private string Maintenance { get; }

    /// <summary>The connection string of <paramref name="database"/> on the same server, as the bot is given it.</summary>
    public string WithDatabase(string database, string? options = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database };
        if (options is not null)
        {
            // Keywords the builder knows, so a misspelt one fails here rather than as the server's start-up error.
            foreach (var (key, value) in new NpgsqlConnectionStringBuilder(options))
            {
                builder[key] = value;
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>The template with <paramref name="customers"/> synthetic customers: reused when it exists, seeded otherwise.</summary>
    public async Task<string> EnsureTemplateAsync(int customers)
    {
        var template = $"partnerbot_bench_{customers}";
        if (await ExistsAsync(template))
        {
            string? difference;
            await using (var connection = new NpgsqlConnection(WithDatabase(template) + ";Pooling=false"))
            {
                await connection.OpenAsync();
                difference = await TemplateCheck.DifferenceAsync(connection, customers);
            }

            if (difference is null)
            {
                // Migrations added since it was seeded are applied to the template once, not to every copy: a copy
                // then keeps the template's identity (migration 0009), so the search index snapshot written from one
                // copy is read by the next run's server, as after a restart.
                await using (var database = new PostgresDatabase(WithDatabase(template)))
                {
                    await database.MigrateAsync(CancellationToken.None);
                }

                NpgsqlConnection.ClearAllPools();
                Console.WriteLine($"PostgreSQL database with {customers:N0} synthetic customers: {template} on {_server.Host}:{_server.Port} (reused; drop it to seed again)");
                return template;
            }

            Console.WriteLine($"PostgreSQL database {template} was seeded by another synthetic generator ({difference}); seeding it again");
            await ExecuteAsync($"DROP DATABASE {template} WITH (FORCE)");
        }

        // Seeded under another name and renamed when complete: an interrupted seed is never taken for a template.
        var seeding = template + "_seeding";
        await ExecuteAsync($"DROP DATABASE IF EXISTS {seeding} WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE {seeding}");
        var clock = Stopwatch.StartNew();
        await using (var database = new PostgresDatabase(WithDatabase(seeding)))
        {
            await database.MigrateAsync(CancellationToken.None);
            await PostgresDemoSeeder.SeedAsync(database, CancellationToken.None);
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            await CopySyntheticAsync(connection, customers);
            await using var analyze = new NpgsqlCommand("ANALYZE", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        // The data source's pooled connections are gone with it; a template must have none open.
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"ALTER DATABASE {seeding} RENAME TO {template}");
        Console.WriteLine($"seeded {customers:N0} synthetic customers into PostgreSQL database {template}: {clock.Elapsed.TotalSeconds:F0} s (load average {TurnBenchmark.LoadAverage()})");
        return template;
    }

    /// <summary>A fresh copy of the template for one server; dropped when this is disposed.</summary>
    public async Task<string> CopyAsync(string template, string suffix)
    {
        var copy = $"{template}_run_{suffix}_{Environment.ProcessId}";
        await ExecuteAsync($"DROP DATABASE IF EXISTS {copy} WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE {copy} TEMPLATE {template}");
        _copies.Add(copy);
        return copy;
    }

    /// <summary>Bytes of bot state whose key names <paramref name="conversation"/>, as the state table holds them.</summary>
    public static async Task<int> StateBytesAsync(string connectionString, string conversation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(octet_length(document)), 0) FROM bot_state WHERE strpos(key, @c) > 0", connection);
        command.Parameters.AddWithValue("c", conversation);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var copy in _copies)
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS {copy} WITH (FORCE)");
        }
    }

    private async Task<bool> ExistsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(Maintenance);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Maintenance);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The same synthetic customers the SQLite store seeds for DemoData:SyntheticCustomers, by COPY.</summary>
    private static async Task CopySyntheticAsync(NpgsqlConnection connection, int customers)
    {
        var accounts = SyntheticCustomerGenerator.Generate(customers, new SqliteDataOptions().SyntheticSeed).ToList();
        var now = DateTime.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY customers (id, domain, company_name, registration_number, has_azure_plan, source, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in accounts)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(a.CustomerId, NpgsqlDbType.Text);
                await writer.WriteAsync(a.Company.Domain, NpgsqlDbType.Text);
                await writer.WriteAsync(a.Company.CompanyName, NpgsqlDbType.Text);
                await WriteNullableAsync(writer, a.Company.RegistrationNumber);
                await writer.WriteAsync(a.HasAzurePlan, NpgsqlDbType.Boolean);
                await writer.WriteAsync(SyntheticCustomerGenerator.Source, NpgsqlDbType.Text);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY billing_profiles (company_name, first_name, last_name, email, culture, language, address_line1, address_line2, address_line3, " +
            "city, state, postal_code, country, phone_number, customer_id, etag, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in accounts)
            {
                var b = a.Billing;
                var address = b.DefaultAddress;
                await writer.StartRowAsync();
                foreach (var value in new[]
                {
                    b.CompanyName, b.FirstName, b.LastName, b.Email, b.Culture, b.Language, address.AddressLine1, address.AddressLine2,
                    address.AddressLine3, address.City, address.State, address.PostalCode, address.Country, address.PhoneNumber, a.CustomerId,
                    Guid.NewGuid().ToString("N"),
                })
                {
                    await WriteNullableAsync(writer, value);
                }

                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY purchase_permissions (customer_id, is_allowed, policy_id, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in accounts)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(a.CustomerId, NpgsqlDbType.Text);
                await writer.WriteAsync(a.PurchasePermission.IsAllowed, NpgsqlDbType.Boolean);
                await WriteNullableAsync(writer, a.PurchasePermission.PolicyId);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value, NpgsqlDbType.Text);
        }
    }
}
