using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PartnerBot.Data.BotState;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Tests;

/// <summary>Real files, real faults: read-only, deleted, replaced, lost at start, locked by another writer.</summary>
public sealed class DatabaseFaultTests
{
    private const int Attempts = 20;
    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");

    [Fact]
    public async Task After_a_read_only_period_every_write_succeeds_again()
    {
        await using var test = await TestDatabase.CreateAsync();
        var storage = SqliteStorageTests.Storage(test.Database);
        // No idle connection left: what the read-only period opens is what a pool would keep.
        test.Database.ReleasePooledConnections();

        using (ReadOnlyFile.Make(test.Path))
        {
            // Connections held at once, as a busy bot holds them: each one the pool lacks is opened now.
            var opened = new List<SqliteConnection>();
            var refused = 0;
            for (var i = 0; i < Attempts; i++)
            {
                try
                {
                    opened.Add(await test.Database.OpenConnectionAsync(CancellationToken.None));
                }
                catch (StoreUnavailableException ex) when (ex.Fault == StoreFault.ReadOnly)
                {
                    refused++;
                }
            }

            foreach (var connection in opened)
            {
                await connection.DisposeAsync();
            }

            Assert.True(refused > 0, "the read-only file must show in new connections");
            Assert.Contains("can only be read", await test.Database.CheckWritableAsync(CancellationToken.None), StringComparison.Ordinal);
        }

        Assert.Null(await test.Database.CheckWritableAsync(CancellationToken.None));
        var written = 0;
        for (var i = 0; i < Attempts; i++)
        {
            await storage.WriteAsync(new Dictionary<string, object> { [$"after-read-only/{i}"] = new SqliteStorageTests.DialogSnapshot { CustomerId = Krasnik } });
            written++;
        }

        Assert.Equal(Attempts, written);
        var back = await storage.ReadAsync([.. Enumerable.Range(0, Attempts).Select(i => $"after-read-only/{i}")]);
        Assert.Equal(Attempts, back.Count);
    }

    [Fact]
    public async Task A_database_file_deleted_while_running_takes_no_write_and_readiness_says_it_is_missing()
    {
        await using var test = await TestDatabase.CreateAsync();
        var directory = new SqliteCustomerDirectory(test.Database, new FakeSearchIndex());
        var storage = SqliteStorageTests.Storage(test.Database);
        var admin = await test.AdminAsync(PartnerAction.ChangePurchasePermission);
        Assert.NotNull(await directory.GetAccountAsync(TestKeys.Read, Krasnik, CancellationToken.None));

        File.Delete(test.Path);

        var permission = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            directory.SetPurchasePermissionAsync(admin, Krasnik, allow: false, "deleted-1", TestKeys.Applied(Krasnik), CancellationToken.None));
        Assert.Equal(StoreFault.Missing, permission.Fault);
        var state = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            storage.WriteAsync(new Dictionary<string, object> { ["conversation"] = new SqliteStorageTests.DialogSnapshot { CustomerId = Krasnik } }));
        Assert.Equal(StoreFault.Missing, state.Fault);
        Assert.Contains("missing", await test.Database.CheckWritableAsync(CancellationToken.None), StringComparison.Ordinal);
        Assert.False(File.Exists(test.Path), "nothing may create an empty database in its place");
    }

    [Fact]
    public async Task A_database_file_replaced_while_running_takes_no_write_and_readiness_says_so()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var other = await TestDatabase.CreateAsync();
        var directory = new SqliteCustomerDirectory(test.Database, new FakeSearchIndex());
        var admin = await test.AdminAsync(PartnerAction.ChangePurchasePermission);
        other.Database.ReleasePooledConnections();

        File.Move(other.Path, test.Path, overwrite: true);

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            directory.SetPurchasePermissionAsync(admin, Krasnik, allow: false, "replaced-1", TestKeys.Applied(Krasnik), CancellationToken.None));
        Assert.Equal(StoreFault.Replaced, failure.Fault);
        Assert.Contains("replaced", await test.Database.CheckWritableAsync(CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_that_lost_its_database_stops_start_up_and_creates_nothing()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);
        await test.Database.OpenDataFolderAsync(CancellationToken.None);
        await DemoSeeder.SeedAsync(test.Database, CancellationToken.None);
        Assert.True(File.Exists(test.Database.MarkerPath));
        test.Database.ReleasePooledConnections();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(test.Path)!, "partnerbot.db*").Where(f => f != test.Database.MarkerPath))
        {
            File.Delete(file);
        }

        var restarted = new SqliteDatabase(test.Path);
        var lost = await Assert.ThrowsAsync<DataFolderLostException>(() => restarted.OpenDataFolderAsync(CancellationToken.None));

        Assert.Contains(test.Path, lost.Message, StringComparison.Ordinal);
        Assert.Contains("missing", lost.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(test.Path));
    }

    [Fact]
    public async Task A_data_folder_holding_another_database_than_its_own_stops_start_up()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);
        await using var other = await TestDatabase.CreateAsync();
        await test.Database.OpenDataFolderAsync(CancellationToken.None);
        test.Database.ReleasePooledConnections();
        other.Database.ReleasePooledConnections();
        File.Move(other.Path, test.Path, overwrite: true);
        File.Delete(test.Path + "-wal");
        File.Delete(test.Path + "-shm");

        var restarted = new SqliteDatabase(test.Path);
        var lost = await Assert.ThrowsAsync<DataFolderLostException>(() => restarted.OpenDataFolderAsync(CancellationToken.None));
        Assert.Contains("not the database this data folder had", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_folder_starts_and_a_restart_of_the_same_folder_starts_again()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);

        Assert.Equal(Enumerable.Range(1, SqliteDatabase.LatestMigrationVersion), await test.Database.OpenDataFolderAsync(CancellationToken.None));
        var marker = await File.ReadAllTextAsync(test.Database.MarkerPath);
        test.Database.ReleasePooledConnections();
        Assert.Empty(await new SqliteDatabase(test.Path).OpenDataFolderAsync(CancellationToken.None));
        Assert.Equal(marker, await File.ReadAllTextAsync(test.Database.MarkerPath));
    }

    [Fact]
    public async Task A_write_lock_held_by_another_connection_is_answered_busy_within_the_bound_and_nothing_is_written()
    {
        await using var test = await TestDatabase.CreateAsync();
        var directory = new SqliteCustomerDirectory(test.Database, new FakeSearchIndex());
        var admin = await test.AdminAsync(PartnerAction.ChangePurchasePermission);
        var before = (await directory.GetAccountAsync(TestKeys.Read, Krasnik, CancellationToken.None))!.PurchasePermission.IsAllowed;
        var bound = TimeSpan.FromMilliseconds(new SqliteDataOptions().BusyTimeoutMilliseconds);
        Assert.InRange(bound, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        await using (var holder = new SqliteConnection(test.Database.ConnectionString + ";Pooling=False"))
        {
            await holder.OpenAsync();
            await using var lockHeld = (SqliteTransaction)await holder.BeginTransactionAsync();

            var clock = Stopwatch.StartNew();
            await Assert.ThrowsAsync<StoreBusyException>(() =>
                directory.SetPurchasePermissionAsync(admin, Krasnik, !before, "locked-1", TestKeys.Applied(Krasnik), CancellationToken.None));
            clock.Stop();

            Assert.InRange(clock.Elapsed, bound * 0.9, bound + TimeSpan.FromSeconds(1.5));
            Assert.Equal(before, (await directory.GetAccountAsync(TestKeys.Read, Krasnik, CancellationToken.None))!.PurchasePermission.IsAllowed);
            Assert.Contains("busy", await test.Database.CheckWritableAsync(CancellationToken.None), StringComparison.Ordinal);
        }

        var retried = await directory.SetPurchasePermissionAsync(admin, Krasnik, !before, "locked-1", TestKeys.Applied(Krasnik), CancellationToken.None);
        Assert.Equal(WriteStatus.Applied, retried.Status);
        Assert.Null(await test.Database.CheckWritableAsync(CancellationToken.None));
    }
}
