using System.Text.Json;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Data.BotState;

namespace PartnerBot.Data.Tests;

public sealed class SqliteStorageTests
{
    public sealed class DialogSnapshot : IStoreItem
    {
        public string? ETag { get; set; }

        public string CustomerId { get; set; } = string.Empty;

        public List<string> Steps { get; set; } = [];

        public Dictionary<string, string> Values { get; set; } = [];

        public DateTimeOffset StartedAt { get; set; }
    }

    private static DialogSnapshot Snapshot() => new()
    {
        CustomerId = "b4f1e7c2-0000-4000-8000-000000000001",
        Steps = ["choose", "review", "edit"],
        Values = new() { ["companyName"] = "Zakłady Mięsne Kraśnik Sp. z o.o." },
        StartedAt = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.FromHours(1)),
    };

    [Fact]
    public async Task A_typed_object_comes_back_typed_with_its_new_etag()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var storage = Storage(test.Database);
        var written = Snapshot();

        await storage.WriteAsync(new Dictionary<string, object> { ["conv/1"] = written });
        var read = await storage.ReadAsync(["conv/1", "missing"]);

        var snapshot = Assert.IsType<DialogSnapshot>(Assert.Single(read).Value);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.Equal(written.ETag, snapshot.ETag);
        Assert.Equal(written.CustomerId, snapshot.CustomerId);
        Assert.Equal(written.Steps, snapshot.Steps);
        Assert.Equal("Zakłady Mięsne Kraśnik Sp. z o.o.", snapshot.Values["companyName"]);
        Assert.Equal(written.StartedAt, snapshot.StartedAt);
        Assert.Equal(written.StartedAt.Offset, snapshot.StartedAt.Offset);
    }

    [Fact]
    public async Task A_stale_etag_throws_like_MemoryStorage_and_a_star_overwrites()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var storage = Storage(test.Database);
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
        var storage = Storage(test.Database);
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
        var storage = Storage(test.Database);
        await storage.WriteAsync(new Dictionary<string, object> { ["x"] = Snapshot(), ["y"] = Snapshot() });

        await storage.DeleteAsync(["x", "never-written"]);

        Assert.Equal(["y"], (await storage.ReadAsync(["x", "y"])).Keys);
    }

    [Fact]
    public async Task A_new_storage_over_the_same_file_reads_what_the_old_one_wrote()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var before = Storage(test.Database);
        var item = Snapshot();
        await before.WriteAsync(new Dictionary<string, object> { ["conv/restart"] = item });
        test.Database.ReleasePooledConnections();

        var reopened = new SqliteDatabase(test.Path);
        await reopened.MigrateAsync(CancellationToken.None);
        var after = Storage(reopened);

        var read = Assert.IsType<DialogSnapshot>((await after.ReadAsync(["conv/restart"]))["conv/restart"]);
        Assert.Equal(item.ETag, read.ETag);
        Assert.Equal(item.Steps, read.Steps);
        reopened.ReleasePooledConnections();
    }

    [Theory]
    [InlineData("garbage bytes", "\u0000\u00ff\u00fe not json at all")]
    [InlineData("truncated JSON", "{\"v\":1,\"snapshot\":{\"customerId\":\"conto")]
    [InlineData("a Newtonsoft document", "{\"$type\":\"System.IO.FileInfo, System.Private.CoreLib\",\"fileName\":\"/etc/passwd\"}")]
    public async Task An_unreadable_document_is_put_aside_whole_and_the_key_reads_as_a_reset(string what, string document)
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        await InsertRowAsync(test.Database, "conv/damaged", document, SqlValues.Time(Clock.Start));
        var storage = Storage(test.Database);

        var reset = Assert.IsType<UnreadableMarker>(Assert.Single(await storage.ReadAsync(["conv/damaged"])).Value);

        Assert.False(string.IsNullOrEmpty(reset.Reference), what);
        Assert.DoesNotContain(document, reset.Problem, StringComparison.Ordinal);
        var (quarantined, problem) = await QuarantinedAsync(test.Database, reset.Reference);
        Assert.Equal(document, quarantined);
        Assert.Equal(reset.Problem, problem);

        // The conversation is free again: nothing to read, and the next write goes in.
        Assert.Empty(await storage.ReadAsync(["conv/damaged"]));
        await storage.WriteAsync(new Dictionary<string, object> { ["conv/damaged"] = Snapshot() });
        Assert.IsType<DialogSnapshot>((await storage.ReadAsync(["conv/damaged"]))["conv/damaged"]);
    }

    [Fact]
    public async Task State_untouched_longer_than_the_expiry_reads_as_absent_and_the_sweep_deletes_it()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var clock = new Clock();
        var storage = Storage(test.Database, clock);
        await storage.WriteAsync(new Dictionary<string, object> { ["conv/abandoned"] = Snapshot() });
        clock.Now += TimeSpan.FromDays(3);
        await storage.WriteAsync(new Dictionary<string, object> { ["conv/active"] = Snapshot(), ["conv/swept"] = Snapshot() });

        clock.Now += TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1);

        // Just past seven days for the first; the others were touched three days later.
        Assert.Equal(["conv/active", "conv/swept"], (await storage.ReadAsync(["conv/abandoned", "conv/active", "conv/swept"])).Keys.Order());
        Assert.Equal(0, await storage.DeleteExpiredAsync(CancellationToken.None));

        clock.Now += TimeSpan.FromDays(3);
        Assert.Equal(2, await storage.DeleteExpiredAsync(CancellationToken.None));
        Assert.Empty(await storage.ReadAsync(["conv/abandoned", "conv/active", "conv/swept"]));
        Assert.Equal(0, await RowCountAsync(test.Database));
    }

    /// <summary>Also used by the database fault tests, for dialog state written through a real storage.</summary>
    internal static SqliteStorage Storage(SqliteDatabase database, Clock? clock = null) =>
        new(database, new SnapshotFormat(), new BotStateOptions(), clock ?? new Clock(), NullLogger<SqliteStorage>.Instance);

    private static async Task InsertRowAsync(SqliteDatabase database, string key, string document, string updatedAt)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO bot_state (key, etag, document, updated_at) VALUES ($key, 'e1', $doc, $at)";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$doc", document);
        command.Parameters.AddWithValue("$at", updatedAt);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(string Document, string Problem)> QuarantinedAsync(SqliteDatabase database, string reference)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document, problem FROM bot_state_quarantine WHERE reference = $reference";
        command.Parameters.AddWithValue("$reference", reference);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task<long> RowCountAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM bot_state";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    internal sealed class Clock : TimeProvider
    {
        public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

        public DateTimeOffset Now { get; set; } = Start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed record UnreadableMarker(string Problem, string Reference);

    /// <summary>A small format of its own: the storage must work with any, as PostgreSQL will with the bot's.</summary>
    internal sealed class SnapshotFormat : IBotStateFormat
    {
        public string Write(object state) =>
            JsonSerializer.Serialize(new { v = 1, snapshot = (DialogSnapshot)state });

        public bool TryRead(string document, out object? state, out string problem)
        {
            try
            {
                using var json = JsonDocument.Parse(document);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("v", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == 1
                    && json.RootElement.TryGetProperty("snapshot", out var snapshot))
                {
                    state = snapshot.Deserialize<DialogSnapshot>();
                    problem = string.Empty;
                    return state is not null;
                }

                problem = "not a snapshot document";
            }
            catch (JsonException)
            {
                problem = "not JSON";
            }

            state = null;
            return false;
        }

        public object Unreadable(string problem, string reference) => new UnreadableMarker(problem, reference);
    }
}
