using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;

namespace PartnerBot.Data;

/// <summary>What start-up did to the database, for the host's log.</summary>
public sealed record DataInitializationReport(
    IReadOnlyList<int> MigrationsApplied,
    DemoSeedResult? DemoSeed,
    SyntheticSeedResult? Synthetic,
    int IndexedCustomers);

/// <summary>
/// Start-up in one call, in the order that matters: check the data folder and migrate, seed the demo data (once), add synthetic
/// customers when asked, then fill the search index from what is in the database.
/// </summary>
public sealed class SqliteDataInitializer(SqliteDatabase database, SqliteDataOptions options, SqliteCustomerDirectory customers)
{
    /// <param name="cancellationToken">Stops start-up.</param>
    /// <param name="indexInBackground">
    /// Start filling the search index and return without waiting (the report then counts no indexed customers):
    /// a restart at 100,000 customers serves in well under a second instead of after the index is built.
    /// </param>
    public async Task<DataInitializationReport> InitializeAsync(CancellationToken cancellationToken, bool indexInBackground = false)
    {
        // Refuses a folder that lost its database before anything is created or seeded there.
        var migrations = await database.OpenDataFolderAsync(cancellationToken).ConfigureAwait(false);
        var demo = options.SeedDemoData
            ? await DemoSeeder.SeedAsync(database, cancellationToken).ConfigureAwait(false)
            : null;
        var synthetic = options.SyntheticCustomers > 0
            ? await SyntheticCustomerGenerator
                .EnsureAsync(database, options.SyntheticCustomers, options.SyntheticSeed, cancellationToken)
                .ConfigureAwait(false)
            : null;
        if (indexInBackground)
        {
            _ = customers.StartLoadingSearchIndex(cancellationToken);
            return new DataInitializationReport(migrations, demo, synthetic, 0);
        }

        var indexed = await customers.LoadSearchIndexAsync(cancellationToken).ConfigureAwait(false);
        return new DataInitializationReport(migrations, demo, synthetic, indexed);
    }
}
