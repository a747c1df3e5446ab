using PartnerBot.Data.Activities;
using PartnerBot.Data.BotState;

namespace PartnerBot.Data.Tests;

/// <summary>
/// The turn's statements stay prepared with a pooled connection (issue 13): what the store guaranteed when every
/// use prepared them again still holds for a connection that has run a whole turn before.
/// </summary>
public sealed class KeptStatementTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_database_file_replaced_after_turns_ran_takes_no_ledger_entry_and_no_state_write()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        await using var other = await TestDatabase.CreateAsync(seed: false);
        var ledger = new SqliteActivityLedger(test.Database);
        var storage = SqliteStorageTests.Storage(test.Database);
        await RunTurnAsync(ledger, storage, "turn-1");
        other.Database.ReleasePooledConnections();

        File.Move(other.Path, test.Path, overwrite: true);

        var take = await Assert.ThrowsAsync<StoreUnavailableException>(() => ledger.TryTakeAsync("conv", "turn-2", Minute, CancellationToken.None));
        Assert.Equal(StoreFault.Replaced, take.Fault);
        var save = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "after" } }));
        Assert.Equal(StoreFault.Replaced, save.Fault);
        var complete = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            ledger.CompleteAsync("conv", "turn-1", Minute, null, CancellationToken.None));
        Assert.Equal(StoreFault.Replaced, complete.Fault);
    }

    [Fact]
    public async Task A_database_file_deleted_after_turns_ran_takes_no_ledger_entry_and_no_state_write()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var ledger = new SqliteActivityLedger(test.Database);
        var storage = SqliteStorageTests.Storage(test.Database);
        await RunTurnAsync(ledger, storage, "turn-1");

        File.Delete(test.Path);

        var take = await Assert.ThrowsAsync<StoreUnavailableException>(() => ledger.TryTakeAsync("conv", "turn-2", Minute, CancellationToken.None));
        Assert.Equal(StoreFault.Missing, take.Fault);
        var save = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "after" } }));
        Assert.Equal(StoreFault.Missing, save.Fault);
        Assert.False(File.Exists(test.Path), "nothing may create an empty database in its place");
    }

    [Fact]
    public async Task After_the_pooled_connections_are_released_a_copy_of_the_database_file_alone_holds_every_saved_turn()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var ledger = new SqliteActivityLedger(test.Database);
        var storage = SqliteStorageTests.Storage(test.Database);
        for (var turn = 1; turn <= 3; turn++)
        {
            await RunTurnAsync(ledger, storage, $"turn-{turn}");
        }

        // Released as before copying a database: SQLite closes a file, and folds its write-ahead log back into it,
        // only once no statement of any connection to it is left, so the kept statements must go with the pool.
        test.Database.ReleasePooledConnections();
        var copy = Path.Combine(Path.GetDirectoryName(test.Path)!, "copy", "partnerbot.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(test.Path, copy);

        var copied = new SqliteDatabase(copy);
        try
        {
            var state = await SqliteStorageTests.Storage(copied).ReadAsync(["conv"]);
            Assert.Equal("turn-3", Assert.IsType<SqliteStorageTests.DialogSnapshot>(Assert.Single(state).Value).CustomerId);
            Assert.Equal(new LedgerEntry(true, "answer of turn-3"), await new SqliteActivityLedger(copied).FindAsync("conv", "turn-3", CancellationToken.None));
        }
        finally
        {
            copied.ReleasePooledConnections();
        }
    }

    /// <summary>What a turn does in the store: takes its activity, reads and saves the conversation, completes the activity.</summary>
    private static async Task RunTurnAsync(SqliteActivityLedger ledger, SqliteStorage storage, string activityId)
    {
        Assert.True(await ledger.TryTakeAsync("conv", activityId, Minute, CancellationToken.None));
        var read = await storage.ReadAsync(["conv"]);
        var state = read.TryGetValue("conv", out var found) ? (SqliteStorageTests.DialogSnapshot)found : new SqliteStorageTests.DialogSnapshot();
        state.CustomerId = activityId;
        await storage.WriteAsync(new Dictionary<string, object> { ["conv"] = state });
        await ledger.CompleteAsync("conv", activityId, Minute, "answer of " + activityId, CancellationToken.None);
    }
}
