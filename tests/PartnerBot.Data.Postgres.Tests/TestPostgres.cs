using Npgsql;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests use: PARTNERBOT_TEST_POSTGRES (build/postgres.sh starts one; build/test.sh and
/// .ci/run do it for you). Each test gets a database of its own, dropped afterwards. Under CI=true a missing server
/// fails the tests that need it instead of leaving them out.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "PARTNERBOT_TEST_POSTGRES";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Whether the PostgreSQL cases run: with a server, and always under CI (where they then fail loudly).</summary>
    public static bool Enabled =>
        ServerConnectionString is not null
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A new empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = ServerConnectionString
            ?? throw new InvalidOperationException($"{Variable} is not set: start a server with eval \"$(build/postgres.sh start)\".");
        var name = "pb_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
