using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using PartnerBot.Data.BotState;

namespace PartnerBot.Data.Tests;

public sealed class SqliteStorageTests
{
    public sealed class DialogSnapshot : IStoreItem
    {
        public string? ETag { get; set; }

        public string CustomerId { get; set; } = string.Empty;

        public List<string> Steps { get; set; } = [];

        public Dictionary<string, object> Values { get; set; } = [];

        public DateTimeOffset StartedAt { get; set; }
    }

    private static DialogSnapshot Snapshot() => new()
    {
        CustomerId = "b4f1e7c2-0000-4000-8000-000000000001",
        Steps = ["choose", "review", "edit"],
        Values = new() { ["companyName"] = "Zakłady Mięsne Kraśnik Sp. z o.o.", ["attempt"] = 2L },
        StartedAt = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.FromHours(1)),
    };

    [Fact]
    public async Task A_typed_object_comes_back_typed_with_its_new_etag()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var storage = new SqliteStorage(test.Database);
        var written = Snapshot();

        await storage.WriteAsync(new Dictionary<string, object> { ["conv/1"] = written });
        var read = await storage.ReadAsync(["conv/1", "missing"]);

        var snapshot = Assert.IsType<DialogSnapshot>(Assert.Single(read).Value);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.Equal(written.ETag, snapshot.ETag);
        Assert.Equal(written.CustomerId, snapshot.CustomerId);
        Assert.Equal(written.Steps, snapshot.Steps);
        Assert.Equal("Zakłady Mięsne Kraśnik Sp. z o.o.", snapshot.Values["companyName"]);
        Assert.Equal(2L, snapshot.Values["attempt"]);
        Assert.Equal(written.StartedAt, snapshot.StartedAt);
        Assert.Equal(written.StartedAt.Offset, snapshot.StartedAt.Offset);
    }

    [Fact]
    public async Task A_stale_etag_throws_like_MemoryStorage_and_a_star_overwrites()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var storage = new SqliteStorage(test.Database);
        var item = Snapshot();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = item });
        var firstETag = item.ETag;
        item.Steps.Add("confirm");
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = item });

        var stale = Snapshot();
        stale.ETag = firstETag;
        var conflict = await Assert.ThrowsAsync<ArgumentException>(() =>
            storage.WriteAsync(new Dictionary<string, object> { ["k"] = stale }));
        Assert.StartsWith("Etag conflict.", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(firstETag, stale.ETag);
        Assert.Equal(4, Assert.IsType<DialogSnapshot>((await storage.ReadAsync(["k"]))["k"]).Steps.Count);

        // The SDK's own MemoryStorage refuses the same write with the same message.
        var memory = new MemoryStorage();
        var memoryItem = Snapshot();
        await memory.WriteAsync(new Dictionary<string, object> { ["k"] = memoryItem }, CancellationToken.None);
        var memoryStale = Snapshot();
        memoryStale.ETag = "not-the-current-one";
        var memoryConflict = await Assert.ThrowsAsync<ArgumentException>(() =>
            memory.WriteAsync(new Dictionary<string, object> { ["k"] = memoryStale }, CancellationToken.None));
        Assert.StartsWith("Etag conflict.\r\n\r\nOriginal: not-the-current-one\r\nCurrent: ", memoryConflict.Message, StringComparison.Ordinal);
        stale.ETag = "not-the-current-one";
        var ours = await Assert.ThrowsAsync<ArgumentException>(() =>
            storage.WriteAsync(new Dictionary<string, object> { ["k"] = stale }));
        Assert.StartsWith("Etag conflict.\r\n\r\nOriginal: not-the-current-one\r\nCurrent: ", ours.Message, StringComparison.Ordinal);

        stale.ETag = "*";
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = stale });
        Assert.Equal(3, Assert.IsType<DialogSnapshot>((await storage.ReadAsync(["k"]))["k"]).Steps.Count);
    }

    [Fact]
    public async Task A_conflict_on_one_key_leaves_the_whole_batch_unwritten()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var storage = new SqliteStorage(test.Database);
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = Snapshot() });
        var stale = Snapshot();
        stale.ETag = "stale";

        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(
            new Dictionary<string, object> { ["b"] = Snapshot(), ["a"] = stale }));

        Assert.Empty(await storage.ReadAsync(["b"]));
    }

    [Fact]
    public async Task Deleted_keys_read_as_absent()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var storage = new SqliteStorage(test.Database);
        await storage.WriteAsync(new Dictionary<string, object> { ["x"] = Snapshot(), ["y"] = Snapshot() });

        await storage.DeleteAsync(["x", "never-written"]);

        Assert.Equal(["y"], (await storage.ReadAsync(["x", "y"])).Keys);
    }

    [Fact]
    public async Task A_new_storage_over_the_same_file_reads_what_the_old_one_wrote()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var before = new SqliteStorage(test.Database);
        var item = Snapshot();
        await before.WriteAsync(new Dictionary<string, object> { ["conv/restart"] = item });
        test.Database.ReleasePooledConnections();

        var reopened = new SqliteDatabase(test.Path);
        await reopened.MigrateAsync(CancellationToken.None);
        var after = new SqliteStorage(reopened);

        var read = Assert.IsType<DialogSnapshot>((await after.ReadAsync(["conv/restart"]))["conv/restart"]);
        Assert.Equal(item.ETag, read.ETag);
        Assert.Equal(item.Steps, read.Steps);
        reopened.ReleasePooledConnections();
    }

    [Fact]
    public async Task Conversation_state_survives_a_bot_restart()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var adapter = new TestAdapter("msteams");
        var activity = new Activity(ActivityTypes.Message)
        {
            ChannelId = "msteams",
            Conversation = new ConversationAccount(id: "19:conversation-1"),
            From = new ChannelAccount("29:alex", "Alex Wilber", aadObjectId: "00000000-0000-0000-0000-0000000000020"),
            Recipient = new ChannelAccount("28:partnerbot", "PartnerBot"),
            Text = "update contoso",
        };

        var state = new ConversationState(new SqliteStorage(test.Database));
        var accessor = state.CreateProperty<DialogSnapshot>("dialog");
        using (var turn = new TurnContext(adapter, activity))
        {
            var snapshot = await accessor.GetAsync(turn, () => new DialogSnapshot(), CancellationToken.None);
            snapshot.CustomerId = "contoso";
            snapshot.Steps.Add("review");
            await state.SaveChangesAsync(turn, false, CancellationToken.None);
        }

        // A new process: new database object, new storage, new state.
        var restarted = new ConversationState(new SqliteStorage(new SqliteDatabase(test.Path)));
        var restartedAccessor = restarted.CreateProperty<DialogSnapshot>("dialog");
        using var next = new TurnContext(adapter, activity);
        var loaded = await restartedAccessor.GetAsync(next, () => new DialogSnapshot(), CancellationToken.None);
        Assert.Equal("contoso", loaded.CustomerId);
        Assert.Equal(["review"], loaded.Steps);
    }

    [Fact]
    public async Task A_document_naming_a_type_outside_the_allowed_assemblies_is_refused()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        await using (var connection = await test.Database.OpenConnectionAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO bot_state (key, etag, document, updated_at) VALUES ('evil', '1', $doc, '')";
            command.Parameters.AddWithValue("$doc",
                """{"$type":"System.IO.FileInfo, System.Private.CoreLib","fileName":"/etc/passwd"}""");
            await command.ExecuteNonQueryAsync();
        }

        var storage = new SqliteStorage(test.Database);

        await Assert.ThrowsAsync<JsonSerializationException>(() => storage.ReadAsync(["evil"]));
        Assert.True(BotStateSerializationBinder.IsAllowed(typeof(Dictionary<string, List<DialogSnapshot>>)));
        Assert.False(BotStateSerializationBinder.IsAllowed(typeof(List<System.Diagnostics.Process>)));
        Assert.False(BotStateSerializationBinder.IsAllowed(typeof(Xunit.FactAttribute)));
    }
}
