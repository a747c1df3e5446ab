using PartnerBot.Data.Postgres.Customers;
using PartnerBot.Data.Postgres.Seed;

namespace PartnerBot.Data.Postgres;

/// <summary>
/// Start-up of an instance on the shared database, in the order that matters: migrate (under the advisory lock),
/// seed the demo data when asked (once per database), then fill this instance's search index (or start filling it,
/// behind the server: see <see cref="PostgresCustomerDirectory.StartLoadingSearchIndex"/>).
/// </summary>
public sealed class PostgresDataInitializer(PostgresDatabase database, PostgresCustomerDirectory customers, bool seedDemoData)
{
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="indexInBackground">Start filling the search index and return without waiting (the report then counts no indexed customers).</param>
    public async Task<DataInitializationReport> InitializeAsync(CancellationToken cancellationToken, bool indexInBackground = false)
    {
        var migrations = await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var demo = seedDemoData ? await PostgresDemoSeeder.SeedAsync(database, cancellationToken).ConfigureAwait(false) : null;
        if (indexInBackground)
        {
            _ = customers.StartLoadingSearchIndex(cancellationToken);
            return new DataInitializationReport(migrations, demo, null, 0);
        }

        var indexed = await customers.LoadSearchIndexAsync(cancellationToken).ConfigureAwait(false);
        return new DataInitializationReport(migrations, demo, null, indexed);
    }
}
