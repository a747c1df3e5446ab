using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace PartnerBot.Data;

/// <summary>
/// The embedded SQLite database: opens connections with the house settings, applies the versioned
/// migrations shipped in this assembly and answers the readiness probe.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification =
    "Its one disposable, the kept connection's SemaphoreSlim, holds nothing to release: its AvailableWaitHandle is never asked for.")]
public sealed partial class SqliteDatabase
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;

    // One write transaction at a time per database file in this process (issue 13): SQLite lets one writer in and
    // makes the others poll its busy handler, which sleeps a blocked thread 1, 2, 5 … 100 ms between tries, so at 32
    // conversations turns queued behind each other's sleeps and the core stood idle. In-process writers now queue on
    // this gate, awaited, first come first served; SQLite's busy timeout still bounds a wait for another process.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly int _busyTimeoutMilliseconds;
    private readonly string _createConnectionString;
    private readonly string _probeConnectionString;
    private readonly byte[] _nativeDatabasePath;
    private readonly SemaphoreSlim _writeGate;
    private readonly string _keptConnectionString;

    // The turn's connection (issue 13), lent to one user at a time; see LeaseConnectionAsync.
    private GuardedConnection? _kept;
    // Free while nobody holds the kept connection (see the class's CA1001 suppression).
    private readonly SemaphoreSlim _keptFree = new(1, 1);
    private volatile bool _closeKeptOnReturn;

    // The checkpoint's own connection, kept between checkpoints (CheckpointAsync).
    private SqliteConnection? _checkpointConnection;

    // The handles whose PRAGMAs are set: pooled connections come back with the same handle.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, BusyTimeout> _configured = new();

    // What the store opened at start-up: writes go ahead only while the file at the path is still this one.
    private string? _expectedDatabaseId;
    private FileIdentity? _expectedFile;

    public SqliteDatabase(SqliteDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _nativeDatabasePath = FileIdentity.NativePath(DatabasePath);
        var folder = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _busyTimeoutMilliseconds = Math.Max(0, options.BusyTimeoutMilliseconds);
        _writeGate = WriteGates.GetOrAdd(DatabasePath, static _ => new SemaphoreSlim(1, 1));
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            // Only migration creates the file: a connection opened after the file vanished must fail, not
            // quietly create an empty database for the bot to write into.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            // The provider retries a busy database until this many seconds have passed, on top of SQLite's own
            // busy timeout: keep the two equal so a lock wait is bounded by the busy timeout (Teams gives up at 15 s).
            DefaultTimeout = Math.Max(1, (_busyTimeoutMilliseconds + 999) / 1000),
        };
        ConnectionString = builder.ToString();
        // Migration runs once at start and readiness asks whether a new connection could write now: neither
        // may borrow a pooled connection that still holds an older file.
        builder.Pooling = false;
        _probeConnectionString = builder.ToString();
        // The kept connection is this instance's own too: the pool never hands it to anyone else, and closing it closes it.
        _keptConnectionString = _probeConnectionString;
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        _createConnectionString = builder.ToString();
    }

    /// <summary>Opens a connection at <paramref name="path"/> with default settings (tests and tools).</summary>
    public SqliteDatabase(string path)
        : this(new SqliteDataOptions { DatabasePath = path })
    {
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Written beside the database when it is first created, with the database's id. A folder with the marker
    /// and no database lost its data: start-up stops instead of creating and seeding a new one.
    /// </summary>
    public string MarkerPath => DatabasePath + ".id";

    public string ConnectionString { get; }

    /// <summary>
    /// An open connection; dispose it when done (it goes back to the pool). Its write transactions
    /// (<c>BeginTransaction</c>, which is BEGIN IMMEDIATE) first check that the file is still the store's, and
    /// turn a lock wait past the busy timeout into <see cref="StoreBusyException"/>.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The file is missing or opens read-only.</exception>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await OpenGuardedAsync(ConnectionString, cancellationToken).ConfigureAwait(false);

    /// <summary>A guarded connection opened with the house settings: a pooled one, or the kept one (its own string).</summary>
    private Task<GuardedConnection> OpenGuardedAsync(string connectionString, CancellationToken cancellationToken) =>
        OpenNewAsync(new GuardedConnection(this, connectionString), cancellationToken);

    /// <summary>Opens <paramref name="connection"/> with the house settings, or disposes it when it cannot.</summary>
    private async Task<T> OpenNewAsync<T>(T connection, CancellationToken cancellationToken)
        where T : SqliteConnection
    {
        try
        {
            await OpenAsync(connection, _busyTimeoutMilliseconds, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task OpenAsync(SqliteConnection connection, int busyTimeout, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteCantOpen && !File.Exists(DatabasePath))
        {
            throw new StoreUnavailableException(StoreFault.Missing, $"The database file {DatabasePath} is missing.", ex);
        }

        // SQLite opens a file it may not write read-only without saying so. Such a connection must never
        // reach the pool: it would fail every later write long after the file is writable again.
        if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            SqliteConnection.ClearPool(connection);
            PreparedStatements.ReleaseClosed();
            throw new StoreUnavailableException(StoreFault.ReadOnly, $"The database file {DatabasePath} can only be read.");
        }

        // Per connection, not per file: a new connection needs them, and a pooled one keeps them with its handle,
        // so they run once per handle instead of at every open (the statements parsed and run per use, issue 13).
        // foreign_keys too: the connection string's Foreign Keys setting runs its PRAGMA at every open.
        var handle = connection.Handle!;
        if (_configured.TryGetValue(handle, out var configuredTimeout) && configuredTimeout.Milliseconds == busyTimeout)
        {
            return;
        }

        // A new handle: the pool may have closed idle ones meanwhile, whose kept statements still hold their files.
        PreparedStatements.ReleaseClosed();
        await using var pragma = connection.CreateCommand();
        // The page cache is per connection too, and the pool keeps one connection per turn that ran at once (15
        // after 32 conversations): at SQLite's 2 MB each that was native memory kept for pages every turn's state
        // write makes stale (a WAL reader drops its cache when another connection wrote), so 256 KB each. The kept
        // connection (LeaseConnectionAsync) is the one whose cache stays warm: it gets more (KeptCacheKibibytes).
        // wal_autocheckpoint: a checkpoint copies every page written since the last one back into the file and waits
        // for two fsyncs. Left to SQLite it runs inside the write of the turn that crossed the mark, under the write
        // gate, so every other write waits for it: at 1,000 pages (4 MB) many times a second, copying the same hot
        // pages (the conversation state, the ledger) each time; at 10,000 pages less often but for up to ~90 ms (the
        // p99 of a busy store). CheckpointAsync copies them back from a connection of its own, off every turn's path,
        // and this mark stays only as the backstop for a store nobody checkpoints (issue 13, docs/benchmarks.md).
        pragma.CommandText = FormattableString.Invariant(
            $"PRAGMA busy_timeout = {busyTimeout}; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {WalCheckpointPages}; PRAGMA cache_size = -{CacheKibibytes}; PRAGMA foreign_keys = ON;");
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _configured.AddOrUpdate(handle, new BusyTimeout(busyTimeout));
    }

    /// <summary>
    /// Copies the pages in the write-ahead log back into the database file from a connection of its own, opened at the
    /// first checkpoint and kept: first a PASSIVE checkpoint, which waits for no reader and no writer, so turns go on
    /// meanwhile; then, inside the write gate, a second one for the pages written during the first. Every page is then
    /// back, so the next write starts the log from its beginning again, and the log stays as large as the writes between
    /// two checkpoints. A file no longer the store's (deleted or replaced) is left alone. Microsoft.Data.Sqlite runs it
    /// synchronously on the caller's thread, fsync included.
    /// </summary>
    /// <returns>The frames in the log and how many of them are now in the database file.</returns>
    public async Task<(long LogFrames, long Copied)> CheckpointAsync(CancellationToken cancellationToken)
    {
        EnsureFileIsTheStore();
        // Kept, not opened per checkpoint (issue 13): SQLite syncs the folder of a log file the first time a new
        // connection syncs that log, so a connection per checkpoint made every checkpoint (twice a second) also fsync the
        // data folder, on ext4 a commit of the whole file system's journal: 85 folder syncs in 100 s of load, up to
        // 0.8 s each. Taken out while in use, so a second checkpoint at the same time opens one of its own.
        var connection = Interlocked.Exchange(ref _checkpointConnection, null)
            ?? await OpenNewAsync<SqliteConnection>(new StatementKeepingConnection(_probeConnectionString), cancellationToken).ConfigureAwait(false);
        try
        {
            var frames = await CheckpointPassiveAsync(connection, cancellationToken).ConfigureAwait(false);
            // Busy turns append to the log while the checkpoint copies it, so it never found every page back, and SQLite
            // starts the log again only then: the log grew to SQLite's own mark (20,000 pages, 82 MB, every ~1.3 s at 32
            // conversations), whose checkpoint then ran inside a turn's commit, under the gate, with three fsyncs: 30-57
            // ms in which no turn could write (issue 13, docs/benchmarks.md). The gate holds the turns' writes back for
            // the few pages written meanwhile, so every page is back when it opens and the next write starts the log
            // again, its header fsync syncing only that header. Busy past the timeout: the next tick tries again. Waited
            // for on this thread, so what follows stays on it (WalCheckpoints), not on a thread pool worker.
            if (frames.LogFrames > 0 && _writeGate.Wait(_busyTimeoutMilliseconds, cancellationToken))
            {
                try
                {
                    frames = await CheckpointPassiveAsync(connection, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    LeaveWriteGate();
                }
            }

            if (Interlocked.CompareExchange(ref _checkpointConnection, connection, null) is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            return frames;
        }
        catch
        {
            // A connection that failed once is not kept: the next checkpoint opens a new one at the path.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<(long LogFrames, long Copied)> CheckpointPassiveAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var result = await checkpoint.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await result.ReadAsync(cancellationToken).ConfigureAwait(false) ? (result.GetInt64(1), result.GetInt64(2)) : (0, 0);
    }

    /// <summary>The busy timeout a connection handle was given; the table forgets a handle once it is closed and collected.</summary>
    private sealed record BusyTimeout(int Milliseconds);

    private const int CacheKibibytes = 256;

    // The kept connection's page cache: every write and most reads run on it, and no other connection's write makes it
    // drop its pages any more (LeaseWriteConnectionAsync), so a larger one now pays: at 100,000 customers, 32
    // conversations, 2 MB read 5.6 pages a turn from the file where 256 KB read 9.4 (strace, issue 13).
    private const int KeptCacheKibibytes = 2048;

    private const int WalCheckpointPages = 20_000;

    // How long a write holding the gate waits for a reader to give the kept connection back before it takes a pooled
    // one: a reader's lease is a few statements long, so this is only reached when that reader waits for this gate.
    private const int KeptWaitMilliseconds = 50;

    /// <summary>
    /// A connection for one short run of a turn's statements (activity ledger, bot state, account, roles, country
    /// rules, audit): the database's kept connection when nobody holds it, else one from the pool. Dispose the lease
    /// when the statements are done, and hold it across no await other than the store's own (its write gate): the
    /// next turn then finds the kept connection free.
    /// </summary>
    /// <remarks>
    /// Why one kept connection (issue 13): a WAL connection drops its whole page cache when another connection wrote
    /// since its last transaction, and the pool hands out its idle connections in turn (first in, first out), so
    /// nearly every page a turn read was read again from the file. The turn's statements are synchronous CPU work
    /// and in-process writes already queue on the write gate, so several connections bought no parallelism. A read
    /// never waits for the kept connection: whoever finds it lent takes a pooled one. A write waits for it, for a
    /// bounded time, so no lock order can deadlock. A write awaits the gate before it takes a
    /// connection (<see cref="LeaseWriteConnectionAsync"/>): while it queued holding one, 32 queued turns held 32
    /// connections and the kept one was rarely free. The kept connection has every guard of a pooled one (it is the
    /// same <see cref="GuardedConnection"/>), and one that failed is closed instead of being kept.
    /// </remarks>
    /// <exception cref="StoreUnavailableException">The file is missing or opens read-only.</exception>
    internal async ValueTask<ConnectionLease> LeaseConnectionAsync(CancellationToken cancellationToken)
    {
        if (_keptFree.Wait(0, CancellationToken.None))
        {
            return await LendKeptAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ConnectionLease(null, await OpenConnectionAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The kept connection, now that this caller holds <see cref="_keptFree"/>; opened if it has none.</summary>
    private async ValueTask<ConnectionLease> LendKeptAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_kept is null)
            {
                var kept = await OpenGuardedAsync(_keptConnectionString, cancellationToken).ConfigureAwait(false);
                try
                {
                    await using var cache = kept.CreateCommand();
                    cache.CommandText = FormattableString.Invariant($"PRAGMA cache_size = -{KeptCacheKibibytes}");
                    await cache.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await kept.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                _kept = kept;
            }

            return new ConnectionLease(this, _kept);
        }
        catch
        {
            _keptFree.Release();
            throw;
        }
    }

    /// <summary>
    /// As <see cref="LeaseConnectionAsync"/>, for a write: this process's write gate is awaited first, holding no
    /// connection, and the lent connection holds it (its write transaction leaves it when it ends, the lease at the
    /// latest). Queued writes thus wait without a connection each, and the one whose turn it is finds the kept one free.
    /// </summary>
    /// <exception cref="StoreBusyException">The gate did not open within the busy timeout.</exception>
    /// <exception cref="StoreUnavailableException">The file is missing or opens read-only.</exception>
    internal async ValueTask<ConnectionLease> LeaseWriteConnectionAsync(CancellationToken cancellationToken)
    {
        await EnterWriteGateAsync(cancellationToken).ConfigureAwait(false);
        ConnectionLease lease;
        try
        {
            // A write waits for the kept connection rather than take a pooled one (issue 13): a WAL connection drops its
            // whole page cache whenever another connection wrote, so one write on a pooled connection made the kept one
            // read every page again from the file (~25 reads at its next turn; 22% of writes went that way whenever a
            // reader held it, e.g. a thread preempted mid-lease). Writes queue on the gate anyway, and a reader's lease
            // is a few statements long. The wait is bounded: a reader that holds it may itself be about to write
            // (an expired or unreadable state is deleted or quarantined inside the read), and it needs this gate.
            lease = await _keptFree.WaitAsync(KeptWaitMilliseconds, cancellationToken).ConfigureAwait(false)
                ? await LendKeptAsync(cancellationToken).ConfigureAwait(false)
                : new ConnectionLease(null, await OpenConnectionAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            LeaveWriteGate();
            throw;
        }

        ((GuardedConnection)lease.Connection).AdoptGate();
        return lease;
    }

    /// <summary>
    /// The lease ends: the kept connection is kept only if it is healthy (outside any transaction, not marked broken,
    /// no release asked for meanwhile); otherwise it is closed and the next lease opens a new one at the path.
    /// </summary>
    private void ReturnKept(GuardedConnection connection)
    {
        var handle = connection.Handle;
        if (_closeKeptOnReturn || connection.Broken || handle is null || SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            _closeKeptOnReturn = false;
            _kept = null;
            connection.Dispose();
        }

        connection.LeaveGate();
        _keptFree.Release();
    }

    /// <summary>Closes the kept connection now if nobody holds it, else when its lease ends.</summary>
    private void ReleaseKept()
    {
        if (!_keptFree.Wait(0, CancellationToken.None))
        {
            _closeKeptOnReturn = true;
            return;
        }

        var kept = _kept;
        _kept = null;
        kept?.Dispose();
        _keptFree.Release();
    }

    /// <summary>A connection lent by <see cref="LeaseConnectionAsync"/>: the kept one (returned) or a pooled one (disposed).</summary>
    internal readonly struct ConnectionLease : IDisposable
    {
        private readonly SqliteDatabase? _keeper;

        internal ConnectionLease(SqliteDatabase? keeper, SqliteConnection connection)
        {
            _keeper = keeper;
            Connection = connection;
        }

        public SqliteConnection Connection { get; }

        public void Dispose()
        {
            if (_keeper is not null)
            {
                _keeper.ReturnKept((GuardedConnection)Connection);
            }
            else
            {
                Connection.Dispose();
                ((GuardedConnection)Connection).LeaveGate();
            }
        }
    }

    /// <summary>
    /// The start-up entry: refuses a data folder that lost its database, migrates, then records (or checks)
    /// the marker beside the file.
    /// </summary>
    /// <exception cref="DataFolderLostException">The folder had a database and it is gone or another one.</exception>
    public async Task<IReadOnlyList<int>> OpenDataFolderAsync(CancellationToken cancellationToken)
    {
        var markedId = File.Exists(MarkerPath) ? (await File.ReadAllTextAsync(MarkerPath, cancellationToken).ConfigureAwait(false)).Trim() : null;
        if (markedId is not null && !File.Exists(DatabasePath))
        {
            throw new DataFolderLostException(
                $"The data folder had a database (id {markedId}) but {DatabasePath} is missing. Nothing was created. " +
                $"Restore the file from a backup; to start again with an empty database on purpose, delete {MarkerPath} too.");
        }

        var applied = await MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (markedId is null)
        {
            // Written after the database exists, through a temporary file, so a marker never names nothing.
            var temporary = MarkerPath + ".tmp";
            await File.WriteAllTextAsync(temporary, _expectedDatabaseId + "\n", cancellationToken).ConfigureAwait(false);
            File.Move(temporary, MarkerPath, overwrite: true);
        }
        else if (!string.Equals(markedId, _expectedDatabaseId, StringComparison.Ordinal))
        {
            throw new DataFolderLostException(
                $"{DatabasePath} is not the database this data folder had (id {_expectedDatabaseId}, expected {markedId}). " +
                $"Put the right file back; to use this one on purpose, delete {MarkerPath}.");
        }

        return applied;
    }

    /// <summary>
    /// Applies every migration not applied yet, each in its own transaction, in version order.
    /// Safe to call on every start and from several processes: a version already recorded is skipped.
    /// </summary>
    /// <returns>The versions applied by this call.</returns>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(int.MaxValue, cancellationToken);

    /// <summary>Applies the migrations up to <paramref name="lastVersion"/> (tests: a database as an older build left it).</summary>
    internal async Task<IReadOnlyList<int>> MigrateAsync(int lastVersion, CancellationToken cancellationToken)
    {
        // The one place that may create the file; a plain connection, as the store's identity is made here.
        await using var connection = new StatementKeepingConnection(_createConnectionString);
        await OpenAsync(connection, _busyTimeoutMilliseconds, cancellationToken).ConfigureAwait(false);
        await using (var setup = connection.CreateCommand())
        {
            // WAL lets readers go on while one writer writes; the mode is stored in the file.
            // store_identity names this database once, at creation: a file moved or copied over it has another id.
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER NOT NULL PRIMARY KEY,
                    name       TEXT    NOT NULL,
                    applied_at TEXT    NOT NULL
                );
                CREATE TABLE IF NOT EXISTS store_identity (
                    singleton   INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
                    database_id TEXT    NOT NULL,
                    created_at  TEXT    NOT NULL,
                    probed_at   TEXT
                );
                INSERT OR IGNORE INTO store_identity (singleton, database_id, created_at)
                VALUES (1, lower(hex(randomblob(16))), $now);
                """;
            setup.Parameters.AddWithValue("$now", SqlValues.Time(DateTimeOffset.UtcNow));
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var appliedNow = new List<int>();
        foreach (var migration in Migrations.Value.TakeWhile(migration => migration.Version <= lastVersion))
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

        await using (var identity = connection.CreateCommand())
        {
            identity.CommandText = "SELECT database_id FROM store_identity";
            _expectedDatabaseId = (string)(await identity.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        _expectedFile = FileIdentity.Of(DatabasePath, _nativeDatabasePath);
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
    public async Task<bool> PingAsync(CancellationToken cancellationToken) =>
        await CheckWritableAsync(cancellationToken).ConfigureAwait(false) is null;

    /// <summary>
    /// Readiness as a real write: a new (unpooled) connection opens the file at the path, takes the write lock,
    /// checks that this is the store's database with every migration applied, and commits a one-row update.
    /// </summary>
    /// <returns>Null when the store can write; otherwise why not, in words for an operator.</returns>
    public async Task<string?> CheckWritableAsync(CancellationToken cancellationToken)
    {
        try
        {
            EnsureFileIsTheStore();
            // SQLite may hand a new connection a descriptor it kept open from before the file became read-only,
            // so ask the operating system whether the file can be opened for writing now.
            if (!FileIdentity.IsWritable(DatabasePath))
            {
                return $"The database file {DatabasePath} can only be read.";
            }

            await using var connection = new StatementKeepingConnection(_probeConnectionString);
            // A probe waits at most a second for a writer: a lock held longer already makes users wait.
            await OpenAsync(connection, Math.Min(_busyTimeoutMilliseconds, 1000), cancellationToken).ConfigureAwait(false);
            await using var transaction = BeginWrite(connection, () => connection.BeginTransaction());
            EnsureSameDatabase(connection);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
            var version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (version < LatestMigrationVersion)
            {
                return $"the database is at migration {version}, this build needs {LatestMigrationVersion}";
            }

            command.CommandText = "UPDATE store_identity SET probed_at = $now";
            command.Parameters.AddWithValue("$now", SqlValues.Time(DateTimeOffset.UtcNow));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (StoreUnavailableException ex)
        {
            return ex.Message;
        }
        catch (StoreBusyException)
        {
            return "busy: another connection holds the write lock";
        }
        catch (SqliteException ex)
        {
            return "the database cannot be written: " + ex.Message;
        }
    }

    /// <summary>Stops a write that would go into a file nobody will read again (deleted or moved over).</summary>
    private void EnsureFileIsTheStore()
    {
        var atPath = FileIdentity.Of(DatabasePath, _nativeDatabasePath);
        if (atPath is null)
        {
            throw new StoreUnavailableException(
                StoreFault.Missing, $"The database file {DatabasePath} is missing; nothing can be saved until it is restored.");
        }

        if (_expectedFile is { } expected && atPath != expected)
        {
            throw new StoreUnavailableException(
                StoreFault.Replaced, $"The database file {DatabasePath} was replaced while running; nothing is saved until a restart checks it.");
        }
    }

    /// <summary>
    /// Inside the write lock (the connection's transaction has begun): the content is still the store's (a file
    /// copied over it has another id).
    /// </summary>
    private void EnsureSameDatabase(SqliteConnection connection)
    {
        if (_expectedDatabaseId is null)
        {
            return;
        }

        // Synchronous: it runs inside BeginTransaction, and Microsoft.Data.Sqlite's async calls are synchronous anyway.
        string? id;
        try
        {
            using var statement = PreparedStatements.Get(connection, "SELECT database_id FROM store_identity");
            id = statement.Scalar();
        }
        catch (SqliteException ex)
        {
            throw new StoreUnavailableException(StoreFault.Replaced, $"The database file {DatabasePath} is not the store's database.", ex);
        }

        if (!string.Equals(id, _expectedDatabaseId, StringComparison.Ordinal))
        {
            throw new StoreUnavailableException(
                StoreFault.Replaced, $"The database file {DatabasePath} was replaced while running; nothing is saved until a restart checks it.");
        }
    }

    /// <summary>Starts a write transaction, naming what went wrong in the store's terms.</summary>
    private T BeginWrite<T>(SqliteConnection connection, Func<T> begin)
    {
        try
        {
            return begin();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw Busy(ex);
        }
        catch (SqliteException ex)
        {
            // Whatever broke this connection (read-only, I/O, corruption) must not come back out of the pool, nor be kept.
            Discard(connection);
            throw new StoreUnavailableException(StoreFault.Damaged, $"The database file {DatabasePath} cannot be written: {ex.Message}", ex);
        }
    }

    /// <summary>A connection that failed is closed when given back: the pool drops it, and a kept one is not kept.</summary>
    private static void Discard(SqliteConnection connection)
    {
        if (connection is GuardedConnection guarded)
        {
            guarded.Broken = true;
        }

        SqliteConnection.ClearPool(connection);
        PreparedStatements.ReleaseClosed();
    }

    private StoreBusyException Busy(Exception? inner) =>
        new($"Another connection held the write lock of {DatabasePath} for more than {_busyTimeoutMilliseconds} ms.", inner);

    /// <summary>Waits, without holding a thread, for this process's other write transaction on the file to end.</summary>
    /// <exception cref="StoreBusyException">It did not end within the busy timeout.</exception>
    private async ValueTask EnterWriteGateAsync(CancellationToken cancellationToken)
    {
        if (!await _writeGate.WaitAsync(_busyTimeoutMilliseconds, cancellationToken).ConfigureAwait(false))
        {
            throw Busy(null);
        }
    }

    private void EnterWriteGate()
    {
        if (!_writeGate.Wait(_busyTimeoutMilliseconds))
        {
            throw Busy(null);
        }
    }

    private void LeaveWriteGate() => _writeGate.Release();

    /// <summary>
    /// A write transaction for the turn's own writes (activity ledger, bot state), whose BEGIN IMMEDIATE, COMMIT and
    /// ROLLBACK are kept prepared with the connection like its other statements (<see cref="PreparedStatements"/>):
    /// a <see cref="SqliteTransaction"/> prepares them again at every transaction. The same guards as every write:
    /// this process's write gate (entered here unless the connection holds it, as one from
    /// <see cref="LeaseWriteConnectionAsync"/> does), the file check before the lock and the identity check inside it. Statements in it
    /// must be kept ones (<see cref="PreparedStatements"/>): the connection's commands do not know of it.
    /// </summary>
    /// <exception cref="StoreBusyException">The lock was not free within the busy timeout.</exception>
    /// <exception cref="StoreUnavailableException">The file is gone, replaced or cannot be written.</exception>
    internal async ValueTask<KeptWrite> BeginKeptWriteAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var guarded = (GuardedConnection)connection;
        if (!guarded.HoldsGate)
        {
            await EnterWriteGateAsync(cancellationToken).ConfigureAwait(false);
            guarded.AdoptGate();
        }

        var write = new KeptWrite(guarded);
        try
        {
            EnsureFileIsTheStore();
            BeginWrite(connection, () =>
            {
                using var begin = PreparedStatements.Get(connection, "BEGIN IMMEDIATE");
                return begin.Execute();
            });
            EnsureSameDatabase(connection);
            return write;
        }
        catch
        {
            write.Dispose();
            throw;
        }
    }

    /// <summary>A write transaction begun by <see cref="BeginKeptWriteAsync"/>: commit it, or dispose it to roll it back.</summary>
    internal sealed class KeptWrite(GuardedConnection connection) : IDisposable
    {
        private bool _ended;

        /// <summary>Commits; as <see cref="SqliteTransaction.CommitAsync"/>, a cancelled turn commits nothing.</summary>
        public void Commit(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (var commit = PreparedStatements.Get(connection, "COMMIT"))
            {
                commit.Execute();
            }

            _ended = true;
            connection.LeaveGate();
        }

        public void Dispose()
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            try
            {
                RollBack();
            }
            finally
            {
                connection.LeaveGate();
            }
        }

        private void RollBack()
        {
            var handle = connection.Handle;
            // Nothing begun (BEGIN failed), or SQLite already rolled back after an error.
            if (handle is null || SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0)
            {
                return;
            }

            try
            {
                using var rollback = PreparedStatements.Get(connection, "ROLLBACK");
                rollback.Execute();
            }
            catch (SqliteException)
            {
                // Checked below: a connection still inside a transaction must not go back to the pool.
            }

            if (SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
            {
                Discard(connection);
            }
        }
    }

    /// <summary>
    /// The connection <see cref="OpenConnectionAsync"/> hands out. Every write in the store starts with
    /// BEGIN IMMEDIATE through <c>BeginTransaction</c>, so this is the one place that checks a write's file
    /// before it changes anything, whichever adapter writes.
    /// </summary>
    internal sealed class GuardedConnection(SqliteDatabase database, string connectionString) : StatementKeepingConnection(connectionString)
    {
        // Whether this connection's write transaction (begun or about to begin) holds the database's write gate.
        private bool _holdsGate;

        /// <summary>Something failed that may have left the connection unusable: never lend it again.</summary>
        public bool Broken { get; set; }

        public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel, bool deferred)
        {
            // A deferred (read) transaction takes no write lock; a nested one is refused by the provider.
            if (deferred || base.Transaction is not null)
            {
                return base.BeginTransaction(isolationLevel, deferred);
            }

            if (!_holdsGate)
            {
                // Only a synchronous caller gets here without the gate: it blocks its thread, as SQLite's wait did.
                database.EnterWriteGate();
                _holdsGate = true;
            }

            try
            {
                database.EnsureFileIsTheStore();
                var transaction = database.BeginWrite(this, () => base.BeginTransaction(isolationLevel, deferred));
                try
                {
                    database.EnsureSameDatabase(this);
                    return transaction;
                }
                catch
                {
                    transaction.Dispose();
                    throw;
                }
            }
            catch
            {
                LeaveGate();
                throw;
            }
        }

        /// <summary>BeginTransactionAsync: the gate is awaited here, so a queued write holds no thread.</summary>
        protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
        {
            // The provider's BeginTransaction(IsolationLevel) is deferred for ReadUncommitted only.
            if (isolationLevel != IsolationLevel.ReadUncommitted && base.Transaction is null && !_holdsGate)
            {
                await database.EnterWriteGateAsync(cancellationToken).ConfigureAwait(false);
                _holdsGate = true;
            }

            return BeginTransaction(isolationLevel);
        }

        /// <summary>The provider clears it when the transaction ends (commit, rollback, dispose, close): the gate opens then.</summary>
        protected override SqliteTransaction? Transaction
        {
            get => base.Transaction;
            set
            {
                base.Transaction = value;
                if (value is null)
                {
                    LeaveGate();
                }
            }
        }

        /// <summary>Whether this connection holds the database's write gate (its write is under way or about to begin).</summary>
        public bool HoldsGate => _holdsGate;

        /// <summary>The caller entered the write gate for this connection's next write transaction.</summary>
        public void AdoptGate() => _holdsGate = true;

        /// <summary>Opens the gate if this connection holds it; safe to call again.</summary>
        public void LeaveGate()
        {
            if (_holdsGate)
            {
                _holdsGate = false;
                database.LeaveWriteGate();
            }
        }
    }

    /// <summary>
    /// A connection whose handle's kept statements (<see cref="PreparedStatements"/>) are finalized when closing it
    /// closes the handle (unpooled, or the pool cleared meanwhile): SQLite closes a file only after its statements.
    /// </summary>
    internal class StatementKeepingConnection(string connectionString) : SqliteConnection(connectionString)
    {
        public override void Close()
        {
            var handle = Handle;
            base.Close();
            if (handle is not null)
            {
                PreparedStatements.ReleaseIfClosed(handle);
            }
        }
    }

    /// <summary>
    /// Closes the idle pooled connections to this file, this instance's kept one and its checkpoint's, e.g. before
    /// deleting or copying it.
    /// </summary>
    public void ReleasePooledConnections()
    {
        ReleaseKept();
        Interlocked.Exchange(ref _checkpointConnection, null)?.Dispose();
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
        PreparedStatements.ReleaseClosed();
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
