using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PartnerBot.Data;

/// <summary>
/// The statements of a turn (activity ledger, bot state, the account read, the store's identity check), prepared once per
/// connection handle and kept with it while the pool keeps the handle. Microsoft.Data.Sqlite keeps a command's
/// prepared statements only while the <see cref="SqliteCommand"/> lives, and giving a connection back to the pool
/// disposes its commands, so every use parsed its SQL again (issue 13: <c>sqlite3RunParser</c> in the profile).
/// </summary>
/// <remarks>
/// A handle is used by one connection at a time (the pool hands it out once), so its statements need no lock while
/// in use. A statement holds its handle open: when the pool closes a handle (cleared, or pruned), SQLite keeps the
/// file open until the handle's statements are finalized, so they are finalized as soon as the handle is seen
/// closed (<see cref="ReleaseClosed"/>), and in the end by the statements' own finalizers.
/// </remarks>
internal sealed class PreparedStatements
{
    // The turn's statements are a handful; a SQL text built at run time must not grow the cache without bound.
    private const int MaxStatements = 32;

    private static readonly ConditionalWeakTable<sqlite3, PreparedStatements> ByHandle = new();

    private readonly sqlite3 _handle;
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);
    private readonly Lock _finalizing = new();
    private bool _finalized;

    private PreparedStatements(sqlite3 handle) => _handle = handle;

    /// <summary>
    /// The statement for <paramref name="sql"/> on the connection's handle, ready to bind; dispose it (it is reset
    /// and kept, or finalized if it was not kept) before the connection is closed or its transaction committed.
    /// </summary>
    public static PreparedStatement Get(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var statements = ByHandle.GetValue(handle, static h => new PreparedStatements(h));
        if (statements._statements.TryGetValue(sql, out var kept))
        {
            return new PreparedStatement(handle, kept, owned: false);
        }

        var statement = Prepare(handle, sql);
        lock (statements._finalizing)
        {
            if (!statements._finalized && statements._statements.Count < MaxStatements)
            {
                statements._statements.Add(sql, statement);
                return new PreparedStatement(handle, statement, owned: false);
            }
        }

        return new PreparedStatement(handle, statement, owned: true);
    }

    /// <summary>
    /// Finalizes the statements of every handle the pool has closed, so SQLite really closes those files (a copy or
    /// delete of the database after <see cref="SqliteDatabase.ReleasePooledConnections"/> must see them closed).
    /// </summary>
    public static void ReleaseClosed()
    {
        foreach (var (handle, statements) in ByHandle)
        {
            if (handle.IsClosed)
            {
                statements.FinalizeAll();
                ByHandle.Remove(handle);
            }
        }
    }

    /// <summary>Finalizes the statements of one handle once it is closed (a connection the pool did not take back).</summary>
    public static void ReleaseIfClosed(sqlite3 handle)
    {
        if (handle.IsClosed && ByHandle.TryGetValue(handle, out var statements))
        {
            statements.FinalizeAll();
            ByHandle.Remove(handle);
        }
    }

    private void FinalizeAll()
    {
        lock (_finalizing)
        {
            _finalized = true;
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }

            _statements.Clear();
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 handle, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
        if (rc != raw.SQLITE_OK || statement is null)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, handle);
            throw new InvalidOperationException("SQLite prepared no statement for: " + sql);
        }

        return statement;
    }
}

/// <summary>
/// One use of a prepared statement: bind its parameters by name, then <see cref="Execute"/> it or
/// <see cref="Read"/> its rows. Disposing resets it and drops its bindings (a kept statement must hold no read
/// lock and no copy of a state document), or finalizes it if it was not kept.
/// </summary>
internal readonly struct PreparedStatement(sqlite3 handle, sqlite3_stmt statement, bool owned) : IDisposable
{
    public PreparedStatement Bind(string name, string? value)
    {
        var index = Index(name);
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value));
        return this;
    }

    public PreparedStatement Bind(string name, long value)
    {
        Check(raw.sqlite3_bind_int64(statement, Index(name), value));
        return this;
    }

    /// <summary>Runs the statement to its end; the rows it changed.</summary>
    public int Execute()
    {
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
        }

        Check(rc, raw.SQLITE_DONE);
        var changed = raw.sqlite3_changes(handle);
        raw.sqlite3_reset(statement);
        return changed;
    }

    /// <summary>Steps to the next row; false at the end.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        Check(rc, raw.SQLITE_DONE);
        return false;
    }

    /// <summary>The first column of the first row, as text (null when there is no row or the value is NULL); the statement is reset.</summary>
    public string? Scalar()
    {
        var value = Read() ? TextOrNull(0) : null;
        raw.sqlite3_reset(statement);
        return value;
    }

    public string Text(int column) => TextOrNull(column) ?? throw new InvalidOperationException($"Column {column} is NULL.");

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public string? TextOrNull(int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(statement, column).utf8_to_string();

    public void Dispose()
    {
        if (owned)
        {
            statement.Dispose();
            return;
        }

        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
    }

    private int Index(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    private void Check(int rc, int expected = raw.SQLITE_OK)
    {
        if (rc != expected)
        {
            // The message is the handle's while the failed step is its last call; the reset comes with Dispose.
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }
}
