using Microsoft.Data.Sqlite;
using PartnerBot.Data.Activities;

namespace PartnerBot.Data.Tests;

/// <summary>
/// Writes in one process queue for the database file's write lock without holding a thread (issue 13): a queued write
/// is a turn waiting, so it must still end as a turn does when cancelled or kept waiting too long, leave nothing
/// written, and let the writes after it go ahead.
/// </summary>
public sealed class WriteGateTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_write_queued_behind_another_write_of_this_process_goes_ahead_once_that_one_commits()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var ledger = new SqliteActivityLedger(test.Database);
        var storage = SqliteStorageTests.Storage(test.Database);

        Task<bool> queued;
        await using (var holder = await test.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await using var held = (SqliteTransaction)await holder.BeginTransactionAsync();

            queued = ledger.TryTakeAsync("conv", "turn-1", Minute, CancellationToken.None);
            Assert.False(queued.IsCompleted, "the take waits for the open write transaction");

            await held.CommitAsync();
        }

        Assert.True(await queued);
        await storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "after" } });
        Assert.Equal(
            "after",
            Assert.IsType<SqliteStorageTests.DialogSnapshot>(Assert.Single(await storage.ReadAsync(["conv"])).Value).CustomerId);
    }

    [Fact]
    public async Task A_queued_write_whose_turn_is_cancelled_ends_at_once_writes_nothing_and_the_next_write_goes_ahead()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var ledger = new SqliteActivityLedger(test.Database);

        using var cancellation = new CancellationTokenSource();
        await using (var holder = await test.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await using var held = (SqliteTransaction)await holder.BeginTransactionAsync();
            var queued = ledger.TryTakeAsync("conv", "cancelled", Minute, cancellation.Token);
            Assert.False(queued.IsCompleted, "the take waits for the open write transaction");

            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
            await held.RollbackAsync();
        }

        Assert.Null(await ledger.FindAsync("conv", "cancelled", CancellationToken.None));
        Assert.True(await ledger.TryTakeAsync("conv", "next", Minute, CancellationToken.None));
        Assert.True(await ledger.TryTakeAsync("conv", "cancelled", Minute, CancellationToken.None));
    }

    [Fact]
    public async Task A_write_queued_behind_this_process_s_write_for_longer_than_the_busy_timeout_is_answered_busy_and_writes_nothing()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        // The same file with a short busy timeout: one write gate per file in the process, whichever instance opens it.
        var impatient = new SqliteDatabase(new SqliteDataOptions { DatabasePath = test.Path, BusyTimeoutMilliseconds = 50 });
        var storage = SqliteStorageTests.Storage(impatient);

        await using (var holder = await test.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await using var held = (SqliteTransaction)await holder.BeginTransactionAsync();

            await Assert.ThrowsAsync<StoreBusyException>(() =>
                storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "busy" } }));
            await Assert.ThrowsAsync<StoreBusyException>(() =>
                new SqliteActivityLedger(impatient).TryTakeAsync("conv", "busy", Minute, CancellationToken.None));
        }

        Assert.Empty(await storage.ReadAsync(["conv"]));
        Assert.Null(await new SqliteActivityLedger(impatient).FindAsync("conv", "busy", CancellationToken.None));
        await storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "later" } });
        Assert.Single(await storage.ReadAsync(["conv"]));
        impatient.ReleasePooledConnections();
    }

    [Fact]
    public async Task A_state_save_while_another_process_holds_the_write_lock_is_answered_busy_and_writes_nothing()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var impatient = new SqliteDatabase(new SqliteDataOptions { DatabasePath = test.Path, BusyTimeoutMilliseconds = 50 });
        var storage = SqliteStorageTests.Storage(impatient);

        // Not through the store: as another process would, it takes SQLite's lock without this process's gate.
        await using (var otherProcess = new SqliteConnection(test.Database.ConnectionString + ";Pooling=False"))
        {
            await otherProcess.OpenAsync();
            await using var held = (SqliteTransaction)await otherProcess.BeginTransactionAsync();

            await Assert.ThrowsAsync<StoreBusyException>(() =>
                storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "busy" } }));
        }

        Assert.Empty(await storage.ReadAsync(["conv"]));
        await storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "later" } });
        Assert.Single(await storage.ReadAsync(["conv"]));
        impatient.ReleasePooledConnections();
    }

    [Fact]
    public async Task A_state_save_refused_for_a_stale_etag_leaves_the_next_save_of_the_connection_free_to_write()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var storage = SqliteStorageTests.Storage(test.Database);
        await storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "first" } });

        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(
            new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "stale", ETag = "old" } }));

        await storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "second", ETag = "*" } });
        Assert.Equal(
            "second",
            Assert.IsType<SqliteStorageTests.DialogSnapshot>(Assert.Single(await storage.ReadAsync(["conv"])).Value).CustomerId);
    }
}
