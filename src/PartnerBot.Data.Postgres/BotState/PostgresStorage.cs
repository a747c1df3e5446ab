using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerBot.Data.Activities;
using PartnerBot.Data.BotState;

namespace PartnerBot.Data.Postgres.BotState;

/// <summary>
/// The Bot Framework's <see cref="IStorage"/> on PostgreSQL, shared by every instance: the same documents
/// (shaped by <see cref="IBotStateFormat"/>), the same ETag rules, quarantine and expiry as <see cref="SqliteStorage"/>.
/// Each stated ETag is checked by the write itself (<c>UPDATE … WHERE etag = …</c>, <c>INSERT … ON CONFLICT DO NOTHING</c>),
/// so of two instances saving over the same version exactly one succeeds, and a conflict on one key leaves every
/// key of the batch as it was. The turn's activity ledger entry (<see cref="LedgerCompletion"/>) is completed by the
/// state save's own statement, as on SQLite: one round trip less per turn, and the entry is done only if the state
/// was saved.
/// </summary>
public sealed partial class PostgresStorage : IStorage, IExpiringBotState
{
    private readonly PostgresDatabase _database;
    private readonly IBotStateFormat _format;
    private readonly BotStateOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<PostgresStorage> _logger;

    public PostgresStorage(
        PostgresDatabase database, IBotStateFormat format, BotStateOptions options, TimeProvider clock, ILogger<PostgresStorage> logger)
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

        foreach (var k in keys)
        {
            ArgumentNullException.ThrowIfNull(k, nameof(keys));
        }

        var now = _clock.GetUtcNow();
        var expiredBefore = now - _options.ExpireAfter;
        var rows = new List<(string Key, string ETag, string Document, DateTimeOffset UpdatedAt)>();
        NpgsqlConnection? connection = null;
        try
        {
            // The turn's state read with its activity's take (one round trip less), else read here.
            if (StateReadAhead.TryTake(keys, out var readAhead))
            {
                if (readAhead is not null)
                {
                    rows.Add((readAhead.Key, readAhead.ETag, readAhead.Document, readAhead.UpdatedAt));
                }
            }
            else
            {
                connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT key, etag, document, updated_at FROM bot_state WHERE key = ANY(@keys)", connection);
                command.Parameters.AddWithValue("keys", keys.Distinct(StringComparer.Ordinal).ToArray());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
                }
            }

            foreach (var (key, etag, document, updatedAt) in rows)
            {
                if (updatedAt < expiredBefore)
                {
                    // Expired: gone now rather than at the next sweep, unless a write got in first.
                    connection ??= await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                    await using var delete = new NpgsqlCommand("DELETE FROM bot_state WHERE key = @key AND etag = @etag", connection);
                    delete.Parameters.AddWithValue("key", key);
                    delete.Parameters.AddWithValue("etag", etag);
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_format.TryRead(key, etag, document, out var state, out var problem))
                {
                    if (state is not null)
                    {
                        // The etag lives beside the document, not in it: the state learns the version it was read at.
                        SqliteStorage.SetETag(state, etag);
                        items[key] = state;
                    }

                    continue;
                }

                connection ??= await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var reference = await QuarantineAsync(connection, key, etag, document, updatedAt, problem, now, cancellationToken)
                    .ConfigureAwait(false);
                LogQuarantined(_logger, reference, problem);
                items[key] = _format.Unreadable(problem, reference);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
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

        // Formatted before the transaction: a value that cannot be stored fails the write with nothing begun.
        var documents = changes.ToDictionary(
            change => change.Key,
            change => change.Value is null ? null : _format.Write(SqliteStorage.WithoutETag(change.Value)),
            StringComparer.Ordinal);
        var now = _clock.GetUtcNow();

        // The turn's ledger entry, when this is the turn's state save: done by the same statement or transaction.
        var completion = LedgerCompletion.Current;
        var completed = false;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One key (BotState saves each of its keys alone) is one statement, atomic by itself: no BEGIN and COMMIT
        // round trips. Several keys share a transaction, so a conflict on one leaves every key as it was.
        await using var transaction = changes.Count > 1
            ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var written = new List<(object Item, string ETag)>();
        foreach (var (key, newValue) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            if (newValue is null)
            {
                await ExecuteAsync(connection, transaction, "DELETE FROM bot_state WHERE key = @key", key, null, null, null, now, cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }

            var newETag = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
            var document = documents[key];
            var stated = SqliteStorage.TryGetExpectedETag(newValue, out var expected);
            // As MemoryStorage: a stated version must match the stored one; with nothing stored, any write is the
            // first. One statement does both: the insert when no row exists, the update only over the stated etag
            // (an empty one, "no document yet", matches no stored etag), nothing at all otherwise.
            var upsert = !stated || expected == "*" ? UpsertSql : UpsertSql + " WHERE bot_state.etag = @expected";
            var expectedOrNull = !stated || expected == "*" ? null : expected ?? string.Empty;
            bool saved;
            if (completion is not null && transaction is null)
            {
                saved = await SaveAndCompleteAsync(connection, upsert, key, newETag, document!, expectedOrNull, now, completion, cancellationToken)
                    .ConfigureAwait(false);
                completed = saved;
            }
            else
            {
                saved = await ExecuteAsync(connection, transaction, upsert, key, newETag, document, expectedOrNull, now, cancellationToken)
                    .ConfigureAwait(false) > 0;
            }

            if (!saved)
            {
                // Nothing of the batch is kept: one key was not written, several roll back on dispose.
                throw SqliteStorage.ETagConflict(expected, await StoredETagAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false));
            }

            if (newValue is IStoreItem or IDictionary<string, object>)
            {
                written.Add((newValue, newETag));
            }
        }

        if (transaction is not null)
        {
            if (completion is not null)
            {
                await CompleteAsync(connection, transaction, completion, cancellationToken).ConfigureAwait(false);
                completed = true;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (completed)
        {
            completion!.MarkRecorded();
        }

        // Only after the commit: an item must not carry an ETag that was rolled back.
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

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM bot_state WHERE key = ANY(@keys)", connection);
        command.Parameters.AddWithValue("keys", keys);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM bot_state WHERE updated_at < @before", connection);
        command.Parameters.AddWithValue("before", _clock.GetUtcNow() - _options.ExpireAfter);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the row aside in one transaction, unless a write replaced it meanwhile (then the copy is still kept).</summary>
    private static async Task<string> QuarantineAsync(
        NpgsqlConnection connection,
        string key,
        string etag,
        string document,
        DateTimeOffset updatedAt,
        string problem,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var reference = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO bot_state_quarantine (reference, key, etag, document, problem, updated_at, quarantined_at)
            VALUES (@reference, @key, @etag, @document, @problem, @updated, @now)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("reference", reference);
            insert.Parameters.AddWithValue("key", key);
            insert.Parameters.AddWithValue("etag", etag);
            insert.Parameters.AddWithValue("document", document);
            insert.Parameters.AddWithValue("problem", problem);
            insert.Parameters.AddWithValue("updated", updatedAt);
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM bot_state WHERE key = @key AND etag = @etag", connection, transaction))
        {
            delete.Parameters.AddWithValue("key", key);
            delete.Parameters.AddWithValue("etag", etag);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return reference;
    }

    private const string UpsertSql = """
        INSERT INTO bot_state (key, etag, document, updated_at) VALUES (@key, @etag, @document, @now)
        ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
        """;

    private const string CompleteSql = """
        UPDATE processed_activities SET status = 'Done', expires_at = clock_timestamp() + @keep_for, answer = @answer
        WHERE conversation_key = @ledger_key AND activity_id = @activity_id
        """;

    /// <summary>
    /// The state's upsert and the ledger entry's completion in one statement (one round trip, one implicit
    /// transaction): the entry is done only when the upsert wrote its row, so a lost save leaves it in flight for the
    /// turn's next attempt. Returns whether the state was saved.
    /// </summary>
    private static async Task<bool> SaveAndCompleteAsync(
        NpgsqlConnection connection,
        string upsert,
        string key,
        string etag,
        string document,
        string? expected,
        DateTimeOffset now,
        LedgerCompletion completion,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            WITH saved AS ({upsert} RETURNING 1),
            done AS ({CompleteSql} AND EXISTS (SELECT 1 FROM saved) RETURNING 1)
            SELECT (SELECT count(*) FROM saved), (SELECT count(*) FROM done)
            """,
            connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("etag", etag);
        command.Parameters.AddWithValue("document", document);
        command.Parameters.AddWithValue("now", now);
        if (expected is not null)
        {
            command.Parameters.AddWithValue("expected", expected);
        }

        BindCompletion(command, completion);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) > 0;
    }

    private static async Task CompleteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LedgerCompletion completion, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CompleteSql, connection, transaction);
        BindCompletion(command, completion);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void BindCompletion(NpgsqlCommand command, LedgerCompletion completion)
    {
        command.Parameters.AddWithValue("ledger_key", completion.ConversationKey);
        command.Parameters.AddWithValue("activity_id", completion.ActivityId);
        command.Parameters.AddWithValue("keep_for", completion.KeepFor);
        command.Parameters.Add(new NpgsqlParameter<string?>("answer", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = completion.Answer });
    }

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string sql,
        string key,
        string? etag,
        string? document,
        string? expected,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("key", key);
        if (etag is not null)
        {
            command.Parameters.AddWithValue("etag", etag);
            command.Parameters.AddWithValue("document", document!);
            command.Parameters.AddWithValue("now", now);
        }

        if (expected is not null)
        {
            command.Parameters.AddWithValue("expected", expected);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> StoredETagAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT etag FROM bot_state WHERE key = @key", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable bot state put aside in bot_state_quarantine. Reference={Reference} Problem={Problem}")]
    private static partial void LogQuarantined(ILogger logger, string reference, string problem);
}
