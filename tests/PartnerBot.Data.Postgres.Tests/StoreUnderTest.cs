using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Data.Activities;
using PartnerBot.Data.Audit;
using PartnerBot.Data.BotState;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Postgres.Activities;
using PartnerBot.Data.Postgres.Audit;
using PartnerBot.Data.Postgres.BotState;
using PartnerBot.Data.Postgres.Customers;
using PartnerBot.Data.Postgres.Seed;
using PartnerBot.Data.Postgres.Staff;
using PartnerBot.Data.Postgres.Validation;
using PartnerBot.Data.Seed;
using PartnerBot.Data.Staff;
using PartnerBot.Data.Validation;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>Every adapter of one store, over a fresh database migrated and seeded with the demo data.</summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    private readonly Func<ValueTask> dispose;

    private StoreUnderTest(string name, Func<ValueTask> dispose)
    {
        Name = name;
        this.dispose = dispose;
    }

    /// <summary>The stores every contract runs against: SQLite always, PostgreSQL with a server (and always under CI).</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string> { Sqlite };
            if (TestPostgres.Enabled)
            {
                names.Add(Postgres);
            }

            return names;
        }
    }

    public string Name { get; }

    public IStorage Storage { get; private set; } = null!;

    public IAuditLog Audit { get; private set; } = null!;

    public ICustomerDirectory Directory { get; private set; } = null!;

    public ICustomerAccountWriter Writer { get; private set; } = null!;

    public IRoleDirectory Roles { get; private set; } = null!;

    public ICountryRulesSource CountryRules { get; private set; } = null!;

    public IActivityLedger Ledger { get; private set; } = null!;

    /// <summary>Revokes a role in the store's own way (both adapters have it; the port only reads).</summary>
    public Func<string, PartnerRole, Task<bool>> RevokeRoleAsync { get; private set; } = null!;

    /// <summary>A second set of adapters on the same database, as another instance of the bot would have.</summary>
    public Func<StoreUnderTest> OtherInstance { get; private set; } = null!;

    public static async Task<StoreUnderTest> OpenAsync(string name)
    {
        if (name == Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "partnerbot-contract-tests", Guid.NewGuid().ToString("N"));
            var database = new SqliteDatabase(Path.Combine(folder, "partnerbot.db"));
            await database.MigrateAsync(CancellationToken.None);
            await DemoSeeder.SeedAsync(database, CancellationToken.None);
            StoreUnderTest Build()
            {
                var directory = new SqliteCustomerDirectory(database, new CustomerSearchIndex());
                directory.LoadSearchIndexAsync(CancellationToken.None).GetAwaiter().GetResult();
                var roles = new SqliteRoleDirectory(database);
                return new StoreUnderTest(Sqlite, () => ValueTask.CompletedTask)
                {
                    Storage = new SqliteStorage(database, new PropertyBagFormat(), new BotStateOptions(), TimeProvider.System, NullLogger<SqliteStorage>.Instance),
                    Audit = new SqliteAuditLog(database),
                    Directory = directory,
                    Writer = directory,
                    Roles = roles,
                    CountryRules = new SqliteCountryRules(database),
                    Ledger = new SqliteActivityLedger(database),
                    RevokeRoleAsync = (id, role) => roles.RevokeRoleAsync(id, role, CancellationToken.None),
                    OtherInstance = Build,
                };
            }

            var store = Build();
            return new StoreUnderTest(Sqlite, () =>
            {
                database.ReleasePooledConnections();
                try
                {
                    System.IO.Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A file still held by a failed test's connection; the OS temp cleanup takes it later.
                }

                return ValueTask.CompletedTask;
            })
            {
                Storage = store.Storage,
                Audit = store.Audit,
                Directory = store.Directory,
                Writer = store.Writer,
                Roles = store.Roles,
                CountryRules = store.CountryRules,
                Ledger = store.Ledger,
                RevokeRoleAsync = store.RevokeRoleAsync,
                OtherInstance = Build,
            };
        }

        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var databases = new List<PostgresDatabase>();
        var first = new PostgresDatabase(connectionString);
        databases.Add(first);
        await first.MigrateAsync(CancellationToken.None);
        await PostgresDemoSeeder.SeedAsync(first, CancellationToken.None);
        StoreUnderTest BuildPostgres(PostgresDatabase database)
        {
            var directory = new PostgresCustomerDirectory(database, new CustomerSearchIndex());
            directory.LoadSearchIndexAsync(CancellationToken.None).GetAwaiter().GetResult();
            var roles = new PostgresRoleDirectory(database);
            return new StoreUnderTest(Postgres, () => ValueTask.CompletedTask)
            {
                Storage = new PostgresStorage(database, new PropertyBagFormat(), new BotStateOptions(), TimeProvider.System, NullLogger<PostgresStorage>.Instance),
                Audit = new PostgresAuditLog(database),
                Directory = directory,
                Writer = directory,
                Roles = roles,
                CountryRules = new PostgresCountryRules(database),
                Ledger = new PostgresActivityLedger(database),
                RevokeRoleAsync = (id, role) => roles.RevokeRoleAsync(id, role, CancellationToken.None),
                OtherInstance = () =>
                {
                    // Another instance has its own connection pool and its own search index.
                    var other = new PostgresDatabase(connectionString);
                    lock (databases)
                    {
                        databases.Add(other);
                    }

                    return BuildPostgres(other);
                },
            };
        }

        var built = BuildPostgres(first);
        return new StoreUnderTest(Postgres, async () =>
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }

            await TestPostgres.DropDatabaseAsync(connectionString);
        })
        {
            Storage = built.Storage,
            Audit = built.Audit,
            Directory = built.Directory,
            Writer = built.Writer,
            Roles = built.Roles,
            CountryRules = built.CountryRules,
            Ledger = built.Ledger,
            RevokeRoleAsync = built.RevokeRoleAsync,
            OtherInstance = built.OtherInstance,
        };
    }

    /// <summary>The real authorization over this store's role directory: the only way to get an AuthorizedAction.</summary>
    public async Task<AuthorizedAction> AuthorizeAsync(string aadObjectId, PartnerAction action)
    {
        var authorization = new AccountAuthorization(Roles, new RolePolicy(), TimeProvider.System);
        var decision = await authorization.AuthorizeAsync(
            new PartnerUser(aadObjectId, DemoData.PlaygroundTenantId, "Test user"), action, CancellationToken.None);
        return decision.Authorized ?? throw new InvalidOperationException($"{aadObjectId} may not {action}.");
    }

    /// <summary>The read key of a person who may view accounts, from the real authorization.</summary>
    public async Task<AuthorizedRead> ReadKeyAsync()
    {
        var authorization = new AccountAuthorization(Roles, new RolePolicy(), TimeProvider.System);
        var decision = await authorization.AuthorizeReadAsync(
            new PartnerUser(DemoData.AdeleVanceId, DemoData.PlaygroundTenantId, "Adele Vance"), CancellationToken.None);
        return decision.Read ?? throw new InvalidOperationException("Adele may not read.");
    }

    /// <summary>The audit entry a write port records with an applied change.</summary>
    public static AuditEntry Applied() => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, "customer", "Customer", DemoData.AlexWilberId, "Alex Wilber",
        AuditAction.BillingProfileUpdate, AuditOutcome.Applied, [], null, null, null);

    public ValueTask DisposeAsync() => dispose();
}
