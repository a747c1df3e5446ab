using PartnerBot.Data.Postgres.Customers;
using PartnerBot.Data.Postgres.Seed;

namespace PartnerBot.Data.Postgres;

/// <summary>
/// Start-up of an instance on the shared database, in the order that matters: migrate (under the advisory lock),
/// seed the demo data when asked (once per database), then fill this instance's search index.
/// </summary>
public sealed class PostgresDataInitializer(PostgresDatabase database, PostgresCustomerDirectory customers, bool seedDemoData)
{
    public async Task<DataInitializationReport> InitializeAsync(CancellationToken cancellationToken)
    {
        var migrations = await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var demo = seedDemoData ? await PostgresDemoSeeder.SeedAsync(database, cancellationToken).ConfigureAwait(false) : null;
        var indexed = await customers.LoadSearchIndexAsync(cancellationToken).ConfigureAwait(false);
        return new DataInitializationReport(migrations, demo, null, indexed);
    }
}
