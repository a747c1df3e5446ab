using Npgsql;
using PartnerBot.Data.Postgres.Seed;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>Instances starting together on one empty database: each migration and the demo seed happen once.</summary>
public sealed class PostgresMigrationTests
{
    public static TheoryData<string> Postgres => TestPostgres.Enabled ? new TheoryData<string> { StoreUnderTest.Postgres } : [];

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task Four_instances_migrating_and_seeding_at_once_apply_everything_exactly_once(string store)
    {
        Assert.Equal(StoreUnderTest.Postgres, store);
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(connectionString)).ToList();
        try
        {
            var runs = await Task.WhenAll(databases.Select(d => Task.Run(async () =>
            {
                var applied = await d.MigrateAsync(CancellationToken.None);
                var seeded = await PostgresDemoSeeder.SeedAsync(d, CancellationToken.None);
                return (applied, seeded);
            })));

            Assert.Equal(
                Enumerable.Range(1, PostgresDatabase.LatestMigrationVersion),
                runs.SelectMany(r => r.applied).Order());
            Assert.Single(runs, r => r.seeded.Applied);
            Assert.True(await databases[0].PingAsync(CancellationToken.None));
            await using var connection = await databases[0].OpenConnectionAsync(CancellationToken.None);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM customers", connection);
            Assert.Equal(PartnerBot.Data.Seed.DemoData.Customers.Count, Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }

            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_statement_run_on_every_turn_is_prepared_on_the_server_unless_the_connection_string_turns_that_off(string store)
    {
        Assert.Equal(StoreUnderTest.Postgres, store);
        await InNewDatabaseAsync(async connectionString =>
        {
            Assert.True(await PreparedAfterRepeatingAsync(connectionString) > 0);
            Assert.Equal(0, await PreparedAfterRepeatingAsync(connectionString + ";Max Auto Prepare=0"));
        });
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_turn_rewrites_its_state_and_ledger_rows_in_place_with_no_index_on_what_every_turn_changes(string store)
    {
        Assert.Equal(StoreUnderTest.Postgres, store);
        await InNewDatabaseAsync(async connectionString =>
        {
            await using var database = new PostgresDatabase(connectionString);
            await database.MigrateAsync(CancellationToken.None);
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);

            // Only the keys: an index on updated_at or expires_at (which every save and completion changes) would
            // make every one of those updates write new index entries instead of a HOT update on the row's page.
            Assert.Equal(["bot_state_pkey", "processed_activities_pkey"], await ListAsync(connection, """
                SELECT indexname FROM pg_indexes WHERE tablename IN ('bot_state', 'processed_activities') ORDER BY indexname
                """));
            Assert.Equal(["bot_state fillfactor=50", "processed_activities fillfactor=50"], await ListAsync(connection, """
                SELECT relname || ' ' || array_to_string(reloptions, ',') FROM pg_class
                WHERE relname IN ('bot_state', 'processed_activities') ORDER BY relname
                """));
        });
    }

    [Fact]
    public async Task An_unreachable_server_is_not_ready_rather_than_an_error()
    {
        await using var database = new PostgresDatabase("Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");
        Assert.False(await database.PingAsync(CancellationToken.None));
    }

    /// <summary>Runs <paramref name="test"/> on a database of its own, dropped afterwards whatever happened.</summary>
    private static async Task InNewDatabaseAsync(Func<string, Task> test)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await test(connectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Runs one statement as often as a few turns do, then counts the statements prepared in that session.</summary>
    private static async Task<long> PreparedAfterRepeatingAsync(string connectionString)
    {
        await using var database = new PostgresDatabase(connectionString);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            await using var read = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
            read.Parameters.AddWithValue("name", "postgres");
            await read.ExecuteScalarAsync();
        }

        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements", connection);
        return (long)(await prepared.ExecuteScalarAsync())!;
    }
}
