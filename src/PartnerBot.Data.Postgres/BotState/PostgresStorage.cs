using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;
using PartnerBot.Data.BotState;

namespace PartnerBot.Data.Postgres.BotState;

/// <summary>
/// The Bot Framework's <see cref="IStorage"/> on PostgreSQL, shared by every instance: the same documents and the
/// same ETag rules as <see cref="SqliteStorage"/>. Each stated ETag is checked by the write itself
/// (<c>UPDATE … WHERE etag = …</c>, <c>INSERT … ON CONFLICT DO NOTHING</c>), so of two instances saving over
/// the same version exactly one succeeds, and a conflict on one key leaves every key of the batch as it was.
/// </summary>
public sealed class PostgresStorage(PostgresDatabase database, JsonSerializer serializer) : IStorage
{
    private const string ETagProperty = "ETag";

    public PostgresStorage(PostgresDatabase database)
        : this(database, SqliteStorage.CreateSerializer())
    {
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length);
        if (keys.Length == 0)
        {
            return items;
        }

        foreach (var k in keys)
        {
            ArgumentNullException.ThrowIfNull(k, nameof(keys));
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT key, document FROM bot_state WHERE key = ANY(@keys)", connection);
        command.Parameters.AddWithValue("keys", keys.Distinct(StringComparer.Ordinal).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using var json = new JsonTextReader(new StringReader(reader.GetString(1)));
            if (serializer.Deserialize(json) is { } value)
            {
                items[reader.GetString(0)] = value;
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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var written = new List<(object Item, string ETag)>();
        foreach (var (key, newValue) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            if (newValue is null)
            {
                await ExecuteAsync(connection, transaction, "DELETE FROM bot_state WHERE key = @key", key, null, null, null, cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }

            var newState = JObject.FromObject(newValue, serializer);
            var newETag = Guid.NewGuid().ToString("N");
            newState[ETagProperty] = newETag;
            var document = newState.ToString(Formatting.None);
            var stated = SqliteStorage.TryGetExpectedETag(newValue, out var expected);
            bool saved;
            if (!stated || expected == "*")
            {
                saved = await ExecuteAsync(connection, transaction, """
                    INSERT INTO bot_state (key, etag, document, updated_at) VALUES (@key, @etag, @document, now())
                    ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
                    """, key, newETag, document, null, cancellationToken).ConfigureAwait(false) > 0;
            }
            else
            {
                // As MemoryStorage: a stated version must match the stored one; with nothing stored, any write is the first.
                saved = !string.IsNullOrEmpty(expected) && await ExecuteAsync(connection, transaction, """
                    UPDATE bot_state SET etag = @etag, document = @document, updated_at = now() WHERE key = @key AND etag = @expected
                    """, key, newETag, document, expected, cancellationToken).ConfigureAwait(false) > 0;
                saved = saved || await ExecuteAsync(connection, transaction, """
                    INSERT INTO bot_state (key, etag, document, updated_at) VALUES (@key, @etag, @document, now())
                    ON CONFLICT (key) DO NOTHING
                    """, key, newETag, document, null, cancellationToken).ConfigureAwait(false) > 0;
            }

            if (!saved)
            {
                // Rolled back on dispose: every key of the batch stays as it was.
                throw SqliteStorage.ETagConflict(expected, await StoredETagAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false));
            }

            written.Add((newValue, newETag));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (item, eTag) in written)
        {
            SqliteStorage.SetETag(item, eTag);
        }
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return;
        }

        foreach (var k in keys)
        {
            ArgumentNullException.ThrowIfNull(k, nameof(keys));
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM bot_state WHERE key = ANY(@keys)", connection);
        command.Parameters.AddWithValue("keys", keys);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string sql,
        string key,
        string? etag,
        string? document,
        string? expected,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("key", key);
        if (etag is not null)
        {
            command.Parameters.AddWithValue("etag", etag);
            command.Parameters.AddWithValue("document", document!);
        }

        if (expected is not null)
        {
            command.Parameters.AddWithValue("expected", expected);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> StoredETagAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT etag FROM bot_state WHERE key = @key", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}
