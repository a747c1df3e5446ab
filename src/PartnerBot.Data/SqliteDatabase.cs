using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace PartnerBot.Data;

/// <summary>
/// The embedded SQLite database: opens connections with the house settings, applies the versioned
/// migrations shipped in this assembly and answers the readiness probe.
/// </summary>
public sealed partial class SqliteDatabase
{
    private readonly int busyTimeoutMilliseconds;

    public SqliteDatabase(SqliteDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        var folder = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        busyTimeoutMilliseconds = Math.Max(0, options.BusyTimeoutMilliseconds);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            // The provider retries a busy database until the command timeout; keep it above the busy timeout.
            DefaultTimeout = Math.Max(30, (busyTimeoutMilliseconds / 1000) + 5),
        }.ToString();
    }

    /// <summary>Opens a connection at <paramref name="path"/> with default settings (tests and tools).</summary>
    public SqliteDatabase(string path)
        : this(new SqliteDataOptions { DatabasePath = path })
    {
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    public string ConnectionString { get; }

    /// <summary>An open connection; dispose it when done (it goes back to the pool).</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            // Per connection, not per file: a pooled connection keeps them, a new one needs them.
            pragma.CommandText = FormattableString.Invariant(
                $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Applies every migration not applied yet, each in its own transaction, in version order.
    /// Safe to call on every start and from several processes: a version already recorded is skipped.
    /// </summary>
    /// <returns>The versions applied by this call.</returns>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var setup = connection.CreateCommand())
        {
            // WAL lets readers go on while one writer writes; the mode is stored in the file.
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER NOT NULL PRIMARY KEY,
                    name       TEXT    NOT NULL,
                    applied_at TEXT    NOT NULL
                );
                """;
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var appliedNow = new List<int>();
        foreach (var migration in Migrations.Value)
        {
            // BeginTransaction() is BEGIN IMMEDIATE here: two processes starting together serialize on it.
            await using var transaction = (SqliteTransaction)await connection
                .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = $version";
                check.Parameters.AddWithValue("$version", migration.Version);
                var count = (long)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                if (count > 0)
                {
                    continue;
                }
            }

            await using (var apply = connection.CreateCommand())
            {
                apply.Transaction = transaction;
                apply.CommandText = migration.Sql;
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText =
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$at", SqlValues.Time(DateTimeOffset.UtcNow));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            appliedNow.Add(migration.Version);
        }

        return appliedNow;
    }

    /// <summary>The migration versions recorded in the database, ascending.</summary>
    public async Task<IReadOnlyList<int>> GetAppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    /// <summary>The highest migration version this build knows.</summary>
    public static int LatestMigrationVersion => Migrations.Value[^1].Version;

    /// <summary>Readiness: the file opens and every migration this build knows is applied.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
            var version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return version >= LatestMigrationVersion;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>Closes the idle pooled connections to this file, e.g. before deleting or copying it.</summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static readonly Lazy<List<Migration>> Migrations = new(LoadMigrations);

    private static List<Migration> LoadMigrations()
    {
        const string prefix = "PartnerBot.Data.Migrations.";
        var assembly = typeof(SqliteDatabase).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var match = MigrationName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{name}' must be named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(
                int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                name,
                reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {migrations[i].Version}.");
            }
        }

        return migrations.Count > 0
            ? migrations
            : throw new InvalidOperationException("No migrations are embedded in " + assembly.GetName().Name + ".");
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+$")]
    private static partial Regex MigrationName();

    private sealed record Migration(int Version, string Name, string Sql);
}
