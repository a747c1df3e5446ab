using Microsoft.Bot.Builder;
using PartnerBot.Data.Activities;
using PartnerBot.Data.Postgres;
using PartnerBot.Data.Postgres.Activities;
using PartnerBot.Data.Postgres.Audit;
using PartnerBot.Data.Postgres.BotState;
using PartnerBot.Data.Postgres.Customers;
using PartnerBot.Data.Postgres.Mirror;
using PartnerBot.Data.Postgres.Staff;
using PartnerBot.Data.Postgres.Validation;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Hosting;

/// <summary>The values <c>Storage:Provider</c> accepts (the deployment template's allowed list is checked against these).</summary>
public enum StorageProvider
{
    /// <summary>The embedded SQLite file: one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several instances share.</summary>
    Postgres,
}

public static class PostgresStoreExtensions
{
    /// <summary>
    /// The store chosen by <c>Storage:Provider</c>: <c>Sqlite</c> (the embedded default) or <c>Postgres</c>, one
    /// database shared by several instances (<c>ConnectionStrings:PartnerBot</c>). Anything else stops the host
    /// at start with the accepted values, rather than quietly running on a store the operator did not choose.
    /// </summary>
    public static IHostApplicationBuilder AddStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return ParseStorageProvider(builder.Configuration["Storage:Provider"]) switch
        {
            StorageProvider.Sqlite => builder.AddEmbeddedStore(),
            StorageProvider.Postgres => builder.AddPostgresStore(),
            var other => throw new InvalidOperationException($"Storage provider {other} has no store."),
        };
    }

    /// <summary>The provider a <c>Storage:Provider</c> value names: empty means Sqlite; names match case-insensitively.</summary>
    public static StorageProvider ParseStorageProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return StorageProvider.Sqlite;
        }

        // By name only: Enum.TryParse would also take "1" or "Sqlite,Postgres".
        foreach (var provider in Enum.GetValues<StorageProvider>())
        {
            if (string.Equals(value.Trim(), provider.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new InvalidOperationException(
            $"Storage:Provider is '{value}'; it must be one of: {string.Join(", ", Enum.GetNames<StorageProvider>())}.");
    }

    /// <summary>
    /// Everything the embedded store holds, on PostgreSQL: customers, roles, country rules, the audit log, bot
    /// state and the activity ledger; migrated on start under an advisory lock and seeded with the demo data
    /// when DemoData:Seed is true (once per database).
    /// </summary>
    public static IHostApplicationBuilder AddPostgresStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString("PartnerBot");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Storage:Provider is Postgres, but ConnectionStrings:PartnerBot is empty.");
        }

        var seed = builder.Configuration.GetValue("DemoData:Seed", true);
        var services = builder.Services;
        services.AddSingleton(new PostgresDatabase(connectionString));
        services.AddSingleton<ICustomerSearchIndex, CustomerSearchIndex>();
        var snapshotPath = SearchIndexSnapshotPath(builder.Configuration);
        services.AddSingleton(sp => new PostgresCustomerDirectory(
            sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<ICustomerSearchIndex>(), sp.GetRequiredService<TimeProvider>())
        {
            SearchIndexSnapshotPath = snapshotPath,
        });
        services.AddSingleton<ICustomerDirectory>(sp => sp.GetRequiredService<PostgresCustomerDirectory>());
        services.AddSingleton<ICustomerAccountWriter>(sp => sp.GetRequiredService<PostgresCustomerDirectory>());
        services.AddSingleton<IRoleDirectory, PostgresRoleDirectory>();
        services.AddSingleton<PostgresAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<PostgresAuditLog>());
        services.AddSingleton<IAuditOutbox>(sp => sp.GetRequiredService<PostgresAuditLog>());
        services.AddSingleton<PostgresCountryRules>();
        services.AddSingleton<ICountryRulesSource>(sp => new CachedCountryRules(
            sp.GetRequiredService<PostgresCountryRules>(), sp.GetRequiredService<TimeProvider>(), CachedCountryRules.StoreLifetime));
        services.AddSingleton<IStorage, PostgresStorage>();
        services.AddSingleton<IActivityLedger, PostgresActivityLedger>();
        services.AddSingleton<ICustomerMirrorStore, PostgresCustomerMirror>();
        services.AddSingleton(sp => new PostgresDataInitializer(
            sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<PostgresCustomerDirectory>(), seed));
        services.AddHostedService<PostgresStoreStartup>();
        services.AddSingleton<PostgresSearchNameListener>();

        // After the start-up above (hosted services start in order), so it listens from the generation the load read.
        services.AddHostedService<PostgresSearchNameListening>();
        services.AddSingleton<IReadinessCheck, PostgresStoreReadiness>();
        return builder;
    }

    /// <summary>
    /// Where an instance keeps its search index between starts: <c>Storage:SearchIndexSnapshotPath</c>, by default
    /// <c>postgres.search-index</c> in the embedded database's folder (<c>Database:Path</c>'s: on App Service /home,
    /// which every instance shares, so a new instance starts from the snapshot another one wrote); empty for none.
    /// </summary>
    public static string? SearchIndexSnapshotPath(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Storage:SearchIndexSnapshotPath"] is { } path)
        {
            return path.Length > 0 ? path : null;
        }

        var database = configuration["Database:Path"] is { Length: > 0 } embedded ? embedded : "./data/partnerbot.db";
        return Path.Combine(Path.GetDirectoryName(database) is { Length: > 0 } folder ? folder : ".", "postgres.search-index");
    }
}

/// <summary>
/// Migrates and seeds before the server starts (hosted services start first); the search index loads behind it, as on
/// the embedded store: searches wait for it (<see cref="PostgresCustomerDirectory.SearchAsync"/>), the rest of the bot
/// does not need it.
/// </summary>
internal sealed class PostgresStoreStartup(PostgresDataInitializer initializer, PostgresCustomerDirectory directory, ILogger<PostgresStoreStartup> logger)
    : IHostedService
{
    // Not fatal when it fails: the listener's catch-up, or the next question, reads every name again.
    private readonly SearchIndexLoadWatch _indexLoad = new(logger, "it is read from the rows at the next search");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await initializer.InitializeAsync(cancellationToken, indexInBackground: true);
        _indexLoad.Watch(directory.SearchIndexLoaded!, () => directory.SearchIndexLoadNote, () => directory.SearchIndexSnapshotWriting);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var migrations = report.MigrationsApplied.Count;
            var demo = report.DemoSeed?.CustomersInserted ?? 0;
            logger.LogInformation(
                "PostgreSQL store: migrations applied {Migrations}, demo customers added {Demo}; the search index loads behind the server",
                migrations,
                demo);
        }
    }

    /// <summary>Waits for the load behind the server, then for the snapshot it writes after it.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _indexLoad.StopAsync(cancellationToken);
}

/// <summary>Runs the search name listener for the life of the host (it connects again by itself after an outage).</summary>
internal sealed class PostgresSearchNameListening(PostgresSearchNameListener listener) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => listener.RunAsync(stoppingToken);
}

internal sealed class PostgresStoreReadiness(PostgresDatabase database) : IReadinessCheck
{
    public string Name => "database";

    public Task<string?> GetProblemAsync(CancellationToken cancellationToken) => database.GetProblemAsync(cancellationToken);
}
