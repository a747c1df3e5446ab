using Microsoft.Data.Sqlite;
using PartnerBot.Data.Activities;
using PartnerBot.Data.BotState;

namespace PartnerBot.Data.Tests;

/// <summary>
/// The turn's statements run on one kept connection, lent to one turn at a time (issue 13): turns that overlap still
/// all save, and a turn that fails or is cancelled while holding it leaves it to the next turn, healthy and closable.
/// </summary>
public sealed class KeptConnectionTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Turns_of_many_conversations_at_once_are_all_taken_saved_and_completed()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var ledger = new SqliteActivityLedger(test.Database);
        var storage = SqliteStorageTests.Storage(test.Database);
        var conversations = Enumerable.Range(1, 16).Select(i => $"conv-{i}").ToList();

        for (var turn = 1; turn <= 3; turn++)
        {
            var activity = $"turn-{turn}";
            await Task.WhenAll(conversations.Select(conversation => Task.Run(() => RunTurnAsync(ledger, storage, conversation, activity))));
        }

        var saved = await storage.ReadAsync([.. conversations]);
        Assert.Equal(conversations.Count, saved.Count);
        Assert.All(saved.Values, state => Assert.Equal("turn-3", Assert.IsType<SqliteStorageTests.DialogSnapshot>(state).CustomerId));
        foreach (var conversation in conversations)
        {
            Assert.Equal(new LedgerEntry(true, "answer of turn-3"), await ledger.FindAsync(conversation, "turn-3", CancellationToken.None));
        }
    }

    [Fact]
    public async Task After_a_turn_cancelled_while_waiting_to_write_the_kept_connection_is_given_back_so_releasing_it_leaves_every_saved_turn_in_the_file()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var ledger = new SqliteActivityLedger(test.Database);
        var storage = SqliteStorageTests.Storage(test.Database);
        await RunTurnAsync(ledger, storage, "conv", "turn-1");

        using var cancellation = new CancellationTokenSource();
        await using (var holder = await test.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await using var held = (SqliteTransaction)await holder.BeginTransactionAsync();
            // Queues for the write gate the holder has, as a turn's write waits behind another's.
            var queued = ledger.TryTakeAsync("conv", "cancelled", Minute, cancellation.Token);
            Assert.False(queued.IsCompleted, "the take waits for the open write transaction");

            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
            await held.RollbackAsync();
        }

        await RunTurnAsync(ledger, storage, "conv", "turn-2");

        // Releasing closes the kept connection only if every turn gave it back; SQLite folds the write-ahead log into
        // the file only when the last connection to it closes, so a copy of the file alone shows it.
        test.Database.ReleasePooledConnections();
        var copy = Path.Combine(Path.GetDirectoryName(test.Path)!, "copy", "partnerbot.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(test.Path, copy);
        var copied = new SqliteDatabase(copy);
        try
        {
            var state = await SqliteStorageTests.Storage(copied).ReadAsync(["conv"]);
            Assert.Equal("turn-2", Assert.IsType<SqliteStorageTests.DialogSnapshot>(Assert.Single(state).Value).CustomerId);
            var copiedLedger = new SqliteActivityLedger(copied);
            Assert.Null(await copiedLedger.FindAsync("conv", "cancelled", CancellationToken.None));
            Assert.Equal(new LedgerEntry(true, "answer of turn-2"), await copiedLedger.FindAsync("conv", "turn-2", CancellationToken.None));
        }
        finally
        {
            copied.ReleasePooledConnections();
        }
    }

    [Fact]
    public async Task A_state_save_the_database_refuses_midway_leaves_nothing_of_it_and_the_next_turns_save()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var ledger = new SqliteActivityLedger(test.Database);
        var storage = SqliteStorageTests.Storage(test.Database);
        await using (var setup = await test.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await using var command = setup.CreateCommand();
            // A real error from SQLite inside the save's transaction, after its first change (the other key's row).
            command.CommandText = """
                CREATE TRIGGER refuse_save BEFORE INSERT ON bot_state WHEN NEW.key = 'refused'
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """;
            await command.ExecuteNonQueryAsync();
        }

        Assert.True(await ledger.TryTakeAsync("conv", "turn-1", Minute, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<SqliteException>(() => storage.WriteAsync(new Dictionary<string, object>
        {
            ["conv"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "not saved" },
            ["refused"] = new SqliteStorageTests.DialogSnapshot { CustomerId = "refused" },
        }));
        Assert.Contains("refused by the test", refused.Message, StringComparison.Ordinal);

        Assert.Empty(await storage.ReadAsync(["conv", "refused"]));
        Assert.Equal(new LedgerEntry(false, null), await ledger.FindAsync("conv", "turn-1", CancellationToken.None));
        await RunTurnAsync(ledger, storage, "conv", "turn-2");
        await RunTurnAsync(ledger, storage, "other", "turn-2");
        Assert.Equal(2, (await storage.ReadAsync(["conv", "other"])).Count);
    }

    [Fact]
    public async Task A_write_waits_for_a_reader_to_give_the_kept_connection_back_and_writes_on_it()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var read = await test.Database.LeaseConnectionAsync(CancellationToken.None);
        var kept = read.Connection;

        // A write on another connection would make the kept one drop its whole page cache at its next read.
        var write = test.Database.LeaseWriteConnectionAsync(CancellationToken.None).AsTask();
        Assert.False(write.IsCompleted, "the write waits for the kept connection the reader holds");
        read.Dispose();

        using var written = await write.WaitAsync(Minute);
        Assert.Same(kept, written.Connection);
    }

    [Fact]
    public async Task A_reader_that_must_write_while_a_write_waits_for_its_connection_still_writes_and_so_does_the_waiting_write()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var ledger = new SqliteActivityLedger(test.Database);
        using var read = await test.Database.LeaseConnectionAsync(CancellationToken.None);

        // The waiting write holds the write gate; the reader now needs that gate for a write of its own, as a state
        // read does when it deletes an expired state. Neither may wait for the other for ever.
        var take = ledger.TryTakeAsync("conv", "waiting", Minute, CancellationToken.None);
        await using (var own = (SqliteTransaction)await read.Connection.BeginTransactionAsync())
        {
            await using var command = read.Connection.CreateCommand();
            command.Transaction = own;
            command.CommandText = "DELETE FROM bot_state WHERE key = 'expired'";
            await command.ExecuteNonQueryAsync();
            await own.CommitAsync();
        }

        Assert.True(await take.WaitAsync(Minute));
        Assert.Equal(new LedgerEntry(false, null), await ledger.FindAsync("conv", "waiting", CancellationToken.None));
    }

    /// <summary>What a turn does in the store: takes its activity, reads and saves the conversation, completes the activity.</summary>
    private static async Task RunTurnAsync(SqliteActivityLedger ledger, SqliteStorage storage, string conversation, string activityId)
    {
        Assert.True(await ledger.TryTakeAsync(conversation, activityId, Minute, CancellationToken.None));
        var read = await storage.ReadAsync([conversation]);
        var state = read.TryGetValue(conversation, out var found) ? (SqliteStorageTests.DialogSnapshot)found : new SqliteStorageTests.DialogSnapshot();
        state.CustomerId = activityId;
        await storage.WriteAsync(new Dictionary<string, object> { [conversation] = state });
        await ledger.CompleteAsync(conversation, activityId, Minute, "answer of " + activityId, CancellationToken.None);
    }
}
