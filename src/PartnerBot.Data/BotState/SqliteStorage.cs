using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Data.BotState;

/// <summary>
/// The Bot Framework's <see cref="IStorage"/> over the embedded database, so conversations survive a restart.
/// Serializes like the SDK's MemoryStorage (Newtonsoft.Json, type names included, so typed objects come back
/// typed) and honours <see cref="IStoreItem.ETag"/> the same way: an item whose ETag is not "*" must match
/// the stored one, else the write throws MemoryStorage's "Etag conflict" ArgumentException. BotState writes a
/// dictionary: one that carries the "ETag" it was read with states that version too (an empty one: "no
/// document yet"), so a turn saving over another instance's newer state fails instead of overwriting it.
/// </summary>
public sealed class SqliteStorage : IStorage
{
    private const string ETagProperty = "ETag";

    private readonly SqliteDatabase database;
    private readonly JsonSerializer serializer;

    public SqliteStorage(SqliteDatabase database)
        : this(database, CreateSerializer())
    {
    }

    /// <summary>With a custom serializer; keep TypeNameHandling.All and a restricting binder, as <see cref="CreateSerializer"/> does.</summary>
    public SqliteStorage(SqliteDatabase database, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(serializer);
        this.database = database;
        this.serializer = serializer;
    }

    /// <summary>The serializer used by default: MemoryStorage's settings plus <see cref="BotStateSerializationBinder"/>.</summary>
    public static JsonSerializer CreateSerializer() => JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.All,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        NullValueHandling = NullValueHandling.Include,
        SerializationBinder = new BotStateSerializationBinder(),
        // A date held in an object-typed value comes back with its offset instead of shifted to local time.
        DateParseHandling = DateParseHandling.DateTimeOffset,
    });

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length);
        if (keys.Length == 0)
        {
            return items;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM bot_state WHERE key = $key";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var k in keys.Distinct(StringComparer.Ordinal))
        {
            ArgumentNullException.ThrowIfNull(k, nameof(keys));
            key.Value = k;
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document)
            {
                using var reader = new JsonTextReader(new StringReader(document));
                var value = serializer.Deserialize(reader);
                if (value is not null)
                {
                    items[k] = value;
                }
            }
        }

        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One immediate transaction for the batch: the etag checks and the writes see no other writer,
        // and a conflict on one key leaves every key as it was.
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT etag FROM bot_state WHERE key = $key";
        var readKey = read.Parameters.Add("$key", SqliteType.Text);

        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO bot_state (key, etag, document, updated_at) VALUES ($key, $etag, $document, $now)
            ON CONFLICT (key) DO UPDATE
            SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
            """;
        var upsertKey = upsert.Parameters.Add("$key", SqliteType.Text);
        var upsertEtag = upsert.Parameters.Add("$etag", SqliteType.Text);
        var upsertDocument = upsert.Parameters.Add("$document", SqliteType.Text);
        upsert.Parameters.AddWithValue("$now", SqlValues.Time(DateTimeOffset.UtcNow));

        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM bot_state WHERE key = $key";
        var deleteKey = delete.Parameters.Add("$key", SqliteType.Text);

        var written = new List<(object Item, string ETag)>();
        foreach (var (key, newValue) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            readKey.Value = key;
            var oldETag = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;

            if (newValue is null)
            {
                // MemoryStorage keeps a null and reads nothing back; deleting the row reads the same.
                deleteKey.Value = key;
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var newState = JObject.FromObject(newValue, serializer);
            if (TryGetExpectedETag(newValue, out var expectedETag))
            {
                EnsureETagMatches(oldETag, expectedETag);
            }

            var newETag = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
            newState[ETagProperty] = newETag;
            upsertKey.Value = key;
            upsertEtag.Value = newETag;
            upsertDocument.Value = newState.ToString(Formatting.None);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (newValue is IStoreItem or IDictionary<string, object>)
            {
                written.Add((newValue, newETag));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // Only after the commit: an item must not carry an ETag that was rolled back.
        foreach (var (item, eTag) in written)
        {
            SetETag(item, eTag);
        }
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM bot_state WHERE key = $key";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var k in keys)
        {
            ArgumentNullException.ThrowIfNull(k, nameof(keys));
            key.Value = k;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As MemoryStorage: an IStoreItem's ETag, or a JObject's "ETag" property, states the expected version; so does
    /// the "ETag" entry of a dictionary (BotState's cached state), where an empty one means "no document yet".
    /// </summary>
    internal static bool TryGetExpectedETag(object newValue, out string? expected)
    {
        switch (newValue)
        {
            case IStoreItem item:
                expected = item.ETag;
                return true;
            case JObject json when json.ContainsKey(ETagProperty):
                expected = json.Value<string>(ETagProperty);
                return true;
            case IDictionary<string, object> dictionary when dictionary.TryGetValue(ETagProperty, out var stated):
                expected = stated as string;
                return true;
            default:
                expected = null;
                return false;
        }
    }

    internal static void EnsureETagMatches(string? storedETag, string? expectedETag)
    {
        if (storedETag is not null && expectedETag != "*" && expectedETag != storedETag)
        {
            throw ETagConflict(expectedETag, storedETag);
        }
    }

    /// <summary>Exactly what the SDK's MemoryStorage 4.23.1 throws, so code written against the SDK behaves the same.</summary>
    internal static ArgumentException ETagConflict(string? expectedETag, string? storedETag) =>
        new($"Etag conflict.\r\n\r\nOriginal: {expectedETag}\r\nCurrent: {storedETag}");

    /// <summary>After a commit, the written item carries its new version, so a later save in the same turn checks against it.</summary>
    internal static void SetETag(object item, string eTag)
    {
        switch (item)
        {
            case IStoreItem storeItem:
                storeItem.ETag = eTag;
                break;
            case IDictionary<string, object> dictionary:
                dictionary[ETagProperty] = eTag;
                break;
        }
    }
}
