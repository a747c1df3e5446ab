using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PartnerBot.Data.Activities;

namespace PartnerBot.Data.BotState;

/// <summary>
/// The Bot Framework's <see cref="IStorage"/> over the embedded database, so conversations survive a restart.
/// Each key is one row: a JSON document (shaped by <see cref="IBotStateFormat"/>, naming no CLR type) and an
/// etag, honoured as the SDK's MemoryStorage does: an <see cref="IStoreItem"/> whose ETag is not "*" must match
/// the stored one, else the write throws MemoryStorage's "Etag conflict" ArgumentException. BotState writes a
/// dictionary: one that carries the "ETag" it was read with states that version too (an empty one: "no
/// document yet"), so a turn saving over another instance's newer state fails instead of overwriting it.
/// </summary>
/// <remarks>
/// The JSON boundary sits here, inside the port, because BotState hands IStorage live objects and expects
/// objects back: the storage is the only part that sees the stored bytes, so it alone can put an unreadable
/// document aside exactly as it was (in bot_state_quarantine, under a reference that the log and the turn
/// carry, never the content) and hand the bot an empty state that says so, instead of failing every turn.
/// State untouched for longer than <see cref="BotStateOptions.ExpireAfter"/> reads as absent and is deleted.
/// </remarks>
public sealed partial class SqliteStorage : IStorage, IExpiringBotState
{
    private const string ETagProperty = "ETag";

    // Every turn reads and writes its conversation's row: these are kept prepared with the connection (PreparedStatements).
    private const string ReadSql = "SELECT etag, document, updated_at FROM bot_state WHERE key = $key";
    private const string ReadETagSql = "SELECT etag FROM bot_state WHERE key = $key";
    private const string DeleteSql = "DELETE FROM bot_state WHERE key = $key";
    // The etag check is the upsert's own condition (issue 13: one statement instead of a SELECT of the stored etag
    // first): a stored row is overwritten only when the save states no version ($checked = 0, or "*") or the stored
    // one. A new row needs no check (MemoryStorage's rule); an unmatched check changes nothing, which names the conflict.
    private const string UpsertSql = """
        INSERT INTO bot_state (key, etag, document, updated_at) VALUES ($key, $etag, $document, $now)
        ON CONFLICT (key) DO UPDATE
        SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
        WHERE $checked = 0 OR bot_state.etag IS $expected
        """;

    private readonly SqliteDatabase _database;
    private readonly IBotStateFormat _format;
    private readonly BotStateOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SqliteStorage> _logger;

    public SqliteStorage(
        SqliteDatabase database, IBotStateFormat format, BotStateOptions options, TimeProvider clock, ILogger<SqliteStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.ExpireAfter <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "BotState:ExpireAfter must be positive.");
        }

        _database = database;
        _format = format;
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length);
        if (keys.Length == 0)
        {
            return items;
        }

        var now = _clock.GetUtcNow();
        var expiredBefore = SqlValues.Time(now - _options.ExpireAfter);
        using var lease = await _database.LeaseConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        foreach (var k in keys.Distinct(StringComparer.Ordinal))
        {
            ArgumentNullException.ThrowIfNull(k, nameof(keys));
            string etag, document, updatedAt;
            using (var read = PreparedStatements.Get(connection, ReadSql))
            {
                if (!read.Bind("$key", k).Read())
                {
                    continue;
                }

                etag = read.Text(0);
                document = read.Text(1);
                updatedAt = read.Text(2);
            }

            if (string.CompareOrdinal(updatedAt, expiredBefore) < 0)
            {
                // Expired: gone now rather than at the next sweep, unless a write got in first.
                await DeleteIfUnchangedAsync(connection, k, etag, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_format.TryRead(k, etag, document, out var state, out var problem))
            {
                if (state is not null)
                {
                    // The etag lives beside the document, not in it: the item learns the version it was read at.
                    SetETag(state, etag);
                }

                if (state is not null)
                {
                    items[k] = state;
                }

                continue;
            }

            var reference = await QuarantineAsync(connection, k, etag, document, updatedAt, problem, now, cancellationToken)
                .ConfigureAwait(false);
            LogQuarantined(_logger, reference, problem);
            items[k] = _format.Unreadable(problem, reference);
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

        // Formatted before the transaction: a value that cannot be stored fails the write with nothing begun.
        var documents = changes.ToDictionary(
            change => change.Key, change => change.Value is null ? null : _format.Write(WithoutETag(change.Value)), StringComparer.Ordinal);

        using var lease = await _database.LeaseWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        // One immediate transaction for the batch: the etag checks and the writes see no other writer,
        // and a conflict on one key leaves every key as it was.
        using var write = await _database.BeginKeptWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var now = SqlValues.Time(_clock.GetUtcNow());
        var written = new List<(object Item, string ETag)>();
        foreach (var (key, newValue) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            if (newValue is null)
            {
                // MemoryStorage keeps a null and reads nothing back; deleting the row reads the same.
                using var delete = PreparedStatements.Get(connection, DeleteSql);
                delete.Bind("$key", key).Execute();
                continue;
            }

            var checkedETag = TryGetExpectedETag(newValue, out var expectedETag) && expectedETag != "*";
            var newETag = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
            int saved;
            using (var upsert = PreparedStatements.Get(connection, UpsertSql))
            {
                saved = upsert.Bind("$key", key).Bind("$etag", newETag).Bind("$document", documents[key]).Bind("$now", now)
                    .Bind("$checked", checkedETag ? 1 : 0).Bind("$expected", expectedETag).Execute();
            }

            if (saved == 0)
            {
                // Refused by the check: the stored version, for the message MemoryStorage gives; the write rolls back.
                string? storedETag;
                using (var read = PreparedStatements.Get(connection, ReadETagSql))
                {
                    storedETag = read.Bind("$key", key).Scalar();
                }

                throw ETagConflict(expectedETag, storedETag);
            }

            if (newValue is IStoreItem or IDictionary<string, object>)
            {
                written.Add((newValue, newETag));
            }
        }

        // The turn's activity ledger entry, when this is the turn's state save: done in the same commit.
        var completion = LedgerCompletion.Current;
        if (completion is not null)
        {
            SqliteActivityLedger.Complete(connection, completion, _clock.GetUtcNow());
        }

        write.Commit(cancellationToken);
        completion?.MarkRecorded();

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

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM bot_state WHERE updated_at < $before";
        command.Parameters.AddWithValue("$before", SqlValues.Time(_clock.GetUtcNow() - _options.ExpireAfter));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteIfUnchangedAsync(SqliteConnection connection, string key, string etag, CancellationToken cancellationToken)
    {
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM bot_state WHERE key = $key AND etag = $etag";
        delete.Parameters.AddWithValue("$key", key);
        delete.Parameters.AddWithValue("$etag", etag);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the row aside in one transaction, unless a write replaced it meanwhile (then the copy is still kept).</summary>
    private static async Task<string> QuarantineAsync(
        SqliteConnection connection,
        string key,
        string etag,
        string document,
        string updatedAt,
        string problem,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var reference = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12];
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO bot_state_quarantine (reference, key, etag, document, problem, updated_at, quarantined_at)
                VALUES ($reference, $key, $etag, $document, $problem, $updated, $now)
                """;
            insert.Parameters.AddWithValue("$reference", reference);
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.AddWithValue("$etag", etag);
            insert.Parameters.AddWithValue("$document", document);
            insert.Parameters.AddWithValue("$problem", problem);
            insert.Parameters.AddWithValue("$updated", updatedAt);
            insert.Parameters.AddWithValue("$now", SqlValues.Time(now));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM bot_state WHERE key = $key AND etag = $etag";
            delete.Parameters.AddWithValue("$key", key);
            delete.Parameters.AddWithValue("$etag", etag);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return reference;
    }

    /// <summary>
    /// As MemoryStorage: an IStoreItem's ETag states the expected version; so does the "ETag" entry of a
    /// dictionary (BotState's cached state), where an empty one means "no document yet".
    /// </summary>
    internal static bool TryGetExpectedETag(object newValue, out string? expected)
    {
        switch (newValue)
        {
            case IStoreItem item:
                expected = item.ETag;
                return true;
            case IDictionary<string, object> dictionary when dictionary.TryGetValue(ETagProperty, out var stated):
                expected = stated as string;
                return true;
            default:
                expected = null;
                return false;
        }
    }

    /// <summary>The value to format: a dictionary's "ETag" entry is kept beside the document (in the etag column), not in it.</summary>
    internal static object WithoutETag(object value) =>
        value is IDictionary<string, object> dictionary && dictionary.ContainsKey(ETagProperty)
            ? dictionary.Where(entry => entry.Key != ETagProperty).ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal)
            : value;

    /// <summary>Exactly what the SDK's MemoryStorage 4.23.1 throws, so code written against the SDK behaves the same.</summary>
    internal static ArgumentException ETagConflict(string? expectedETag, string? storedETag) =>
        new($"Etag conflict.\r\n\r\nOriginal: {expectedETag}\r\nCurrent: {storedETag}");

    /// <summary>The item carries the version it was read at or, after a commit, written as, so a later save checks against it.</summary>
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable bot state put aside in bot_state_quarantine. Reference={Reference} Problem={Problem}")]
    private static partial void LogQuarantined(ILogger logger, string reference, string problem);
}
