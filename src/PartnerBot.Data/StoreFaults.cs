namespace PartnerBot.Data;

/// <summary>
/// Another writer held the database's write lock for longer than the busy timeout. A
/// <see cref="TimeoutException"/> so that the domain, which knows no SQLite, can answer "busy, try again".
/// Nothing was written: the lock is taken before the first change of a write.
/// </summary>
public sealed class StoreBusyException(string message, Exception? inner) : TimeoutException(message, inner);

/// <summary>Why the store cannot write at all (as opposed to being busy for a moment).</summary>
public enum StoreFault
{
    /// <summary>The database file opens read-only (file or folder permissions, a read-only mount).</summary>
    ReadOnly,

    /// <summary>The database file is no longer at its path.</summary>
    Missing,

    /// <summary>Another file now sits at the database's path (moved or copied over it while running).</summary>
    Replaced,

    /// <summary>SQLite reported an I/O, disk-full or corruption error.</summary>
    Damaged,
}

/// <summary>
/// The store refused a write because its file cannot be trusted to keep it: read-only, gone or replaced.
/// Nothing was written. Readiness (<see cref="SqliteDatabase.CheckWritableAsync"/>) reports the same reason.
/// </summary>
public sealed class StoreUnavailableException(StoreFault fault, string message, Exception? inner = null)
    : IOException(message, inner)
{
    public StoreFault Fault { get; } = fault;
}

/// <summary>
/// Start-up found a data folder that had a database and lost it (or holds another one). Starting would
/// create an empty database and seed demo data over the place where the real data belongs, so it stops.
/// </summary>
public sealed class DataFolderLostException(string message) : InvalidOperationException(message);
