using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace PartnerBot.Data.Postgres;

/// <summary>
/// PostgreSQL shared by every instance of PartnerBot: a pooled data source, the versioned migrations shipped in
/// this assembly (applied under an advisory lock, so instances starting together take turns) and the readiness probe.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    // "PBMIGR" in ASCII: one lock id for every PartnerBot migration run against this database.
    private const long MigrationLockId = 0x50_42_4D_49_47_52;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _listeningConnectionString;

    /// <summary>How long a statement on the listening connection may take: its probe finds a silently dead connection.</summary>
    public static readonly TimeSpan ListeningCommandTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The application name of the listening connection's session (after the operator's own, if any).</summary>
    public const string ListeningApplicationName = "PartnerBot search names";

    /// <summary>Statements prepared on the server per connection when the connection string does not say (Npgsql's default is none).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Every turn runs the same few statements: prepared once per pooled connection, the server skips parsing
        // and planning them again (issue 13). An operator's own "Max Auto Prepare" (0 turns it off) is kept.
        if (!AutoPrepareSetting().IsMatch(connectionString))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        // A connection going back to the pool is reset (RESET ALL, CLOSE ALL, UNLISTEN, DISCARD …: 5.7 resets per
        // turn, run by the server before the next statement). PartnerBot keeps no session state on a pooled connection
        // (no SET or temporary table; the search listener's LISTEN has an unpooled connection of its own; the
        // migration's advisory lock is released before the connection goes back), so nothing needs resetting. An
        // operator's own "No Reset On Close" is kept.
        if (!NoResetSetting().IsMatch(connectionString))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        _dataSource = builder.Build();

        // Not pooled: a LISTEN belongs to its session, and the pool keeps sessions open without a reset (above).
        // Not multiplexed either: Npgsql refuses multiplexing without pooling, so an operator's "Multiplexing=true" for
        // the pool would otherwise stop the host at start.
        var listening = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Multiplexing = false,
            CommandTimeout = (int)ListeningCommandTimeout.TotalSeconds,
        };

        // Named, so an operator tells it from the pool's sessions in pg_stat_activity.
        listening.ApplicationName = string.IsNullOrWhiteSpace(listening.ApplicationName)
            ? ListeningApplicationName
            : $"{listening.ApplicationName} ({ListeningApplicationName})";
        _listeningConnectionString = listening.ConnectionString;
    }

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>A connection of its own, outside the pool, for LISTEN: closing it ends its session and its LISTEN.</summary>
    public async Task<NpgsqlConnection> OpenListeningConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_listeningConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Applies every migration not applied yet, each in its own transaction, in version order. The whole run holds
    /// a session advisory lock: a second instance waits, then finds every version recorded and applies nothing.
    /// </summary>
    /// <returns>The versions applied by this call.</returns>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@id)", connection))
        {
            take.Parameters.AddWithValue("id", MigrationLockId);
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using (var setup = new NpgsqlCommand(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL
                )
                """, connection))
            {
                await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var applied = new HashSet<int>(await AppliedAsync(connection, cancellationToken).ConfigureAwait(false));
            var appliedNow = new List<int>();
            foreach (var migration in Migrations.Value)
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, now())",
                    connection,
                    transaction))
                {
                    record.Parameters.AddWithValue("version", migration.Version);
                    record.Parameters.AddWithValue("name", migration.Name);
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                appliedNow.Add(migration.Version);
            }

            return appliedNow;
        }
        finally
        {
            // The lock is the session's: unlock before the connection goes back to the pool, which keeps sessions open.
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@id)", connection);
            release.Parameters.AddWithValue("id", MigrationLockId);
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The migration versions recorded in the database, ascending.</summary>
    public async Task<IReadOnlyList<int>> GetAppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await AppliedAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The highest migration version this build knows.</summary>
    public static int LatestMigrationVersion => Migrations.Value[^1].Version;

    /// <summary>Readiness: the server answers and every migration this build knows is applied.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken) =>
        await GetProblemAsync(cancellationToken).ConfigureAwait(false) is null;

    /// <summary>Null when the server answers and every migration this build knows is applied; otherwise why not, for an operator.</summary>
    public async Task<string?> GetProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", connection);
            var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            return version >= LatestMigrationVersion
                ? null
                : $"the database is at migration {version}, this build needs {LatestMigrationVersion}";
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return "the database has no PartnerBot schema yet (migrations not applied)";
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The reason without the connection string: an operator reads /readyz, a secret must not be in it.
            return $"PostgreSQL is not reachable: {ex.GetType().Name}: {ex.Message}";
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<IReadOnlyList<int>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static readonly Lazy<List<Migration>> Migrations = new(LoadMigrations);

    private static List<Migration> LoadMigrations()
    {
        const string prefix = "PartnerBot.Data.Postgres.Migrations.";
        var assembly = typeof(PostgresDatabase).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var match = MigrationName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{name}' must be named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (migrations.Count == 0 || migrations.Select(m => m.Version).Distinct().Count() != migrations.Count)
        {
            throw new InvalidOperationException("The PostgreSQL migrations must exist and have distinct versions.");
        }

        return migrations;
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+$")]
    private static partial Regex MigrationName();

    [GeneratedRegex(@"max\s*auto\s*prepare\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex AutoPrepareSetting();

    [GeneratedRegex(@"no\s*reset\s*on\s*close\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex NoResetSetting();

    private sealed record Migration(int Version, string Name, string Sql);
}
