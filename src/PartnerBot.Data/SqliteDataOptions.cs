namespace PartnerBot.Data;

/// <summary>Settings of the embedded database; the host binds them from the "Sqlite" section.</summary>
public sealed class SqliteDataOptions
{
    public const string SectionName = "Sqlite";

    /// <summary>The database file; relative paths are resolved against the current directory. Its folder is created.</summary>
    public string DatabasePath { get; set; } = "./data/partnerbot.db";

    /// <summary>
    /// How long a write waits for another writer's lock before the user hears "busy, try again". A turn may
    /// wait for a few locks (the change, its audit, the dialog state) and Teams gives up after 15 s.
    /// </summary>
    public int BusyTimeoutMilliseconds { get; set; } = 2000;

    /// <summary>Seed the demo customers, staff and roles into an empty database on start.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>How many synthetic customers should exist (for benchmarks); 0 adds none. At most 1,000,000.</summary>
    public int SyntheticCustomers { get; set; }

    /// <summary>Seed of the synthetic generator: the same seed gives the same customers.</summary>
    public int SyntheticSeed { get; set; } = 20261125;
}
