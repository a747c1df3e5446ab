using Microsoft.Extensions.Time.Testing;
using PartnerBot.Data.Activities;

namespace PartnerBot.Data.Tests;

public sealed class SqliteDatabaseTests
{
    // Every version this build ships, 1..latest, so adding a migration does not mean editing these tests.
    private static readonly int[] AllVersions = [.. Enumerable.Range(1, SqliteDatabase.LatestMigrationVersion)];

    private static readonly string[] ExpectedTables =
    [
        "applied_operations", "audit_log", "audit_outbox", "billing_profiles", "bot_state", "bot_state_quarantine", "country_validation_rules", "customer_mirror", "customer_mirror_sync", "customers",
        "data_seeds", "processed_activities", "purchase_permissions", "schema_migrations", "search_generation", "staff", "staff_roles", "store_identity",
    ];

    [Fact]
    public async Task Migrate_creates_the_schema_once_and_a_rerun_applies_nothing()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);

        var first = await test.Database.MigrateAsync(CancellationToken.None);
        var second = await test.Database.MigrateAsync(CancellationToken.None);

        Assert.Equal(AllVersions, first);
        Assert.Empty(second);
        Assert.Equal(AllVersions, await test.Database.GetAppliedMigrationsAsync(CancellationToken.None));
        Assert.Equal(10, SqliteDatabase.LatestMigrationVersion);

        await using var connection = await test.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(ExpectedTables, tables);
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA foreign_keys";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_database_from_before_the_keyed_ledger_keeps_its_live_entries_and_drops_the_expired()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);
        var ledger = await LedgerBeforeUpgradeAsync(test, 8, "{\"status\":200}");

        Assert.Equal([9], await test.Database.MigrateAsync(9, CancellationToken.None));

        // A re-delivery after the upgrade is still recognized, and a pressed card still gets its first answer.
        Assert.False(await ledger.TryTakeAsync("msteams/c1", "running", TimeSpan.FromMinutes(2), CancellationToken.None));
        Assert.Equal(new LedgerEntry(true, "{\"status\":200}"), await ledger.FindAsync("msteams/c2", "pressed", CancellationToken.None));
        await using var connection = await test.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(activity_id, ',') FROM (SELECT activity_id FROM processed_activities ORDER BY activity_id)";
        Assert.Equal("pressed,running", await command.ExecuteScalarAsync());
        // One b-tree: the table is its key's index, with no other index a take or a completion must also write.
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'processed_activities' AND type = 'index'";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
        command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'processed_activities'";
        Assert.EndsWith("WITHOUT ROWID", (string?)await command.ExecuteScalarAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_with_the_keyed_ledger_keeps_its_live_entries_and_appends_new_ones_with_their_answers_in_the_row()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);
        var answer = "{\"status\":200,\"body\":\"" + new string('a', 2_600) + "\"}";
        var ledger = await LedgerBeforeUpgradeAsync(test, 9, answer);

        Assert.Equal([10], await test.Database.MigrateAsync(CancellationToken.None));

        // A re-delivery after the upgrade is still recognized, and a pressed card still gets its first answer.
        Assert.False(await ledger.TryTakeAsync("msteams/c1", "running", TimeSpan.FromMinutes(2), CancellationToken.None));
        Assert.Equal(new LedgerEntry(true, answer), await ledger.FindAsync("msteams/c2", "pressed", CancellationToken.None));
        Assert.True(await ledger.TryTakeAsync("msteams/c1", "next", TimeSpan.FromMinutes(2), CancellationToken.None));
        await ledger.CompleteAsync("msteams/c1", "next", TimeSpan.FromHours(1), answer, CancellationToken.None);
        Assert.Equal(new LedgerEntry(true, answer), await ledger.FindAsync("msteams/c1", "next", CancellationToken.None));

        await using var connection = await test.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        // Appended in the order taken (rowid), the expired entry gone.
        command.CommandText = "SELECT group_concat(activity_id, ',') FROM (SELECT activity_id FROM processed_activities ORDER BY rowid)";
        Assert.Equal("running,pressed,next", await command.ExecuteScalarAsync());
        // The key's own index only: none on expires_at, which every take and completion would also write.
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'processed_activities' AND type = 'index'";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'processed_activities'";
        Assert.DoesNotContain("WITHOUT ROWID", (string?)await command.ExecuteScalarAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A database migrated up to <paramref name="version"/> whose ledger holds an entry expired hours ago, one still in
    /// flight ("msteams/c1", "running") and a press answered with <paramref name="answer"/> ("msteams/c2", "pressed").
    /// </summary>
    private static async Task<SqliteActivityLedger> LedgerBeforeUpgradeAsync(TestDatabase test, int version, string answer)
    {
        Assert.Equal([.. Enumerable.Range(1, version)], await test.Database.MigrateAsync(version, CancellationToken.None));
        var ledger = new SqliteActivityLedger(test.Database);
        var hoursAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-3));
        Assert.True(await new SqliteActivityLedger(test.Database, hoursAgo).TryTakeAsync("msteams/c1", "expired", TimeSpan.FromMinutes(2), CancellationToken.None));
        Assert.True(await ledger.TryTakeAsync("msteams/c1", "running", TimeSpan.FromMinutes(2), CancellationToken.None));
        Assert.True(await ledger.TryTakeAsync("msteams/c2", "pressed", TimeSpan.FromMinutes(2), CancellationToken.None));
        await ledger.CompleteAsync("msteams/c2", "pressed", TimeSpan.FromHours(1), answer, CancellationToken.None);
        return ledger;
    }

    [Fact]
    public async Task Two_processes_migrating_at_once_apply_each_version_once()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);
        var other = new SqliteDatabase(test.Path);

        var results = await Task.WhenAll(
            Task.Run(() => test.Database.MigrateAsync(CancellationToken.None)),
            Task.Run(() => other.MigrateAsync(CancellationToken.None)));

        Assert.Equal(AllVersions, results.SelectMany(r => r).Order());
        other.ReleasePooledConnections();
    }

    [Fact]
    public async Task Ping_is_ready_only_after_migrations()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);

        Assert.False(await test.Database.PingAsync(CancellationToken.None));
        await test.Database.MigrateAsync(CancellationToken.None);
        Assert.True(await test.Database.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_folder_of_the_database_file_is_created()
    {
        await using var test = await TestDatabase.CreateAsync();

        Assert.True(File.Exists(test.Path));
        Assert.Equal(Path.GetFullPath(test.Path), test.Database.DatabasePath);
    }

    [Fact]
    public void The_default_path_is_the_data_folder()
    {
        Assert.Equal("./data/partnerbot.db", new SqliteDataOptions().DatabasePath);
        Assert.Contains("Default Timeout", new SqliteDatabase(Path.Combine(Path.GetTempPath(), "partnerbot-data-tests", "unused.db")).ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_puts_every_committed_write_into_the_database_file_itself()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var roles = new Staff.SqliteRoleDirectory(test.Database);
        for (var i = 0; i < 20; i++)
        {
            await roles.SaveStaffAsync($"checkpointed-{i}", $"Person {i}", null, CancellationToken.None);
        }

        var (logFrames, copied) = await test.Database.CheckpointAsync(CancellationToken.None);

        // What a copy of the file alone (a file-level backup without the -wal beside it) holds.
        Assert.True(logFrames > 0);
        Assert.Equal(logFrames, copied);
        var fileAlone = Path.Combine(Path.GetTempPath(), "partnerbot-data-tests", Guid.NewGuid().ToString("N") + ".db");
        File.Copy(test.Path, fileAlone);
        try
        {
            await using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fileAlone};Pooling=False");
            await copy.OpenAsync();
            await using var count = copy.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM staff WHERE aad_object_id LIKE 'checkpointed-%'";
            Assert.Equal(20L, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            File.Delete(fileAlone);
        }
    }

    [Fact]
    public async Task While_turns_write_without_pause_each_checkpoint_lets_the_log_start_again()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        // Activities taken as a turn takes them: each a write through the write gate.
        var ledger = new SqliteActivityLedger(test.Database);
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await ledger.TryTakeAsync("msteams/busy", $"activity-{Interlocked.Increment(ref writes)}", TimeSpan.FromMinutes(2), CancellationToken.None);
            }
        });

        // The log's header counts how often it was started again (its checkpoint sequence, bytes 12-15). Left to a
        // checkpoint that copies while writes go on, no moment found every page back, and only SQLite's own mark, at
        // 20,000 pages, started it again.
        var startedAgain = 0;
        try
        {
            while (Volatile.Read(ref writes) < 50)
            {
                await Task.Delay(5);
            }

            var sequence = LogSequence(test.Path);
            for (var i = 0; i < 12; i++)
            {
                await test.Database.CheckpointAsync(CancellationToken.None);
                await Task.Delay(20);
            }

            startedAgain = (int)(LogSequence(test.Path) - sequence);
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        Assert.True(startedAgain >= 6, $"the log was started again {startedAgain} times in 12 checkpoints");
    }

    private static uint LogSequence(string databasePath)
    {
        using var log = new FileStream(databasePath + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[16];
        log.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12));
    }
}
