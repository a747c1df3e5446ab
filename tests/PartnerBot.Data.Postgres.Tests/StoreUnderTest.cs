using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PartnerBot.Data.Activities;
using PartnerBot.Data.Audit;
using PartnerBot.Data.BotState;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Mirror;
using PartnerBot.Data.Postgres.Activities;
using PartnerBot.Data.Postgres.Audit;
using PartnerBot.Data.Postgres.BotState;
using PartnerBot.Data.Postgres.Customers;
using PartnerBot.Data.Postgres.Mirror;
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

    private readonly Func<ValueTask> _dispose;

    private StoreUnderTest(string name, Func<ValueTask> dispose)
    {
        Name = name;
        _dispose = dispose;
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

    public IAuditOutbox Outbox { get; private set; } = null!;

    public ICustomerMirrorStore Mirror { get; private set; } = null!;

    /// <summary>The clock every instance's bot state reads; a test moves it to age the state.</summary>
    public TestClock Clock { get; private set; } = null!;

    /// <summary>Puts a raw document into bot_state as if an older or damaged build had written it, stamped now.</summary>
    public Func<string, string, Task> PlantDocumentAsync { get; private set; } = null!;

    /// <summary>The document and problem kept in bot_state_quarantine under a reference, or null.</summary>
    public Func<string, Task<(string Document, string Problem)?>> QuarantinedAsync { get; private set; } = null!;

    /// <summary>How many rows bot_state holds.</summary>
    public Func<Task<long>> BotStateRowsAsync { get; private set; } = null!;

    /// <summary>Revokes a role in the store's own way (both adapters have it; the port only reads).</summary>
    public Func<string, PartnerRole, Task<bool>> RevokeRoleAsync { get; private set; } = null!;

    /// <summary>The PostgreSQL database's connection string, for what an operator or an older build writes by hand; null on SQLite.</summary>
    public string? ConnectionString { get; private set; }

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
            var sqliteClock = new TestClock();
            StoreUnderTest Build()
            {
                var directory = new SqliteCustomerDirectory(database, new CustomerSearchIndex());
                directory.LoadSearchIndexAsync(CancellationToken.None).GetAwaiter().GetResult();
                var roles = new SqliteRoleDirectory(database);
                var audit = new SqliteAuditLog(database);
                return new StoreUnderTest(Sqlite, () => ValueTask.CompletedTask)
                {
                    Storage = new SqliteStorage(database, new PropertyBagFormat(), new BotStateOptions(), sqliteClock, NullLogger<SqliteStorage>.Instance),
                    Audit = audit,
                    Outbox = audit,
                    Mirror = new SqliteCustomerMirror(database),
                    Clock = sqliteClock,
                    PlantDocumentAsync = (key, document) => SqliteRawAsync(
                        database,
                        "INSERT INTO bot_state (key, etag, document, updated_at) VALUES ($key, 'planted', $document, $at)",
                        ("$key", key),
                        ("$document", document),
                        // The store's own time format: round-trip ("O") of a UTC time.
                        ("$at", sqliteClock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture))),
                    QuarantinedAsync = reference => SqliteQuarantinedAsync(database, reference),
                    BotStateRowsAsync = () => SqliteCountAsync(database),
                    Directory = directory,
                    Writer = directory,
                    Roles = roles,
                    CountryRules = new SqliteCountryRules(database),
                    Ledger = new SqliteActivityLedger(database, sqliteClock),
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
                Outbox = store.Outbox,
                Mirror = store.Mirror,
                Clock = store.Clock,
                PlantDocumentAsync = store.PlantDocumentAsync,
                QuarantinedAsync = store.QuarantinedAsync,
                BotStateRowsAsync = store.BotStateRowsAsync,
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
        var postgresClock = new TestClock();
        StoreUnderTest BuildPostgres(PostgresDatabase database)
        {
            var directory = new PostgresCustomerDirectory(database, new CustomerSearchIndex());
            directory.LoadSearchIndexAsync(CancellationToken.None).GetAwaiter().GetResult();
            var roles = new PostgresRoleDirectory(database);
            var audit = new PostgresAuditLog(database);
            return new StoreUnderTest(Postgres, () => ValueTask.CompletedTask)
            {
                Storage = new PostgresStorage(database, new PropertyBagFormat(), new BotStateOptions(), postgresClock, NullLogger<PostgresStorage>.Instance),
                Audit = audit,
                Outbox = audit,
                Mirror = new PostgresCustomerMirror(database),
                Clock = postgresClock,
                PlantDocumentAsync = async (key, document) =>
                {
                    await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
                    await using var command = new NpgsqlCommand(
                        "INSERT INTO bot_state (key, etag, document, updated_at) VALUES (@key, 'planted', @document, @at)", connection);
                    command.Parameters.AddWithValue("key", key);
                    command.Parameters.AddWithValue("document", document);
                    command.Parameters.AddWithValue("at", postgresClock.GetUtcNow());
                    await command.ExecuteNonQueryAsync();
                },
                QuarantinedAsync = async reference =>
                {
                    await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
                    await using var command = new NpgsqlCommand("SELECT document, problem FROM bot_state_quarantine WHERE reference = @reference", connection);
                    command.Parameters.AddWithValue("reference", reference);
                    await using var reader = await command.ExecuteReaderAsync();
                    return await reader.ReadAsync() ? (reader.GetString(0), reader.GetString(1)) : null;
                },
                BotStateRowsAsync = async () =>
                {
                    await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
                    await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM bot_state", connection);
                    return (long)(await command.ExecuteScalarAsync())!;
                },
                Directory = directory,
                Writer = directory,
                Roles = roles,
                CountryRules = new PostgresCountryRules(database),
                Ledger = new PostgresActivityLedger(database),
                ConnectionString = connectionString,
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
            Outbox = built.Outbox,
            Mirror = built.Mirror,
            Clock = built.Clock,
            PlantDocumentAsync = built.PlantDocumentAsync,
            QuarantinedAsync = built.QuarantinedAsync,
            BotStateRowsAsync = built.BotStateRowsAsync,
            RevokeRoleAsync = built.RevokeRoleAsync,
            ConnectionString = built.ConnectionString,
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

    public ValueTask DisposeAsync() => _dispose();

    private static async Task SqliteRawAsync(SqliteDatabase database, string sql, params (string Name, string Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(string Document, string Problem)?> SqliteQuarantinedAsync(SqliteDatabase database, string reference)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document, problem FROM bot_state_quarantine WHERE reference = $reference";
        command.Parameters.AddWithValue("$reference", reference);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    private static async Task<long> SqliteCountAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM bot_state";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>A clock the test moves by hand, so expiry is shown without waiting.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
