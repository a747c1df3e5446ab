using Microsoft.Bot.Builder;
using PartnerBot.Data;
using PartnerBot.Data.Activities;
using PartnerBot.Data.Audit;
using PartnerBot.Data.BotState;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Mirror;
using PartnerBot.Data.Staff;
using PartnerBot.Data.Validation;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Hosting;

public static class EmbeddedStoreExtensions
{
    /// <summary>
    /// The embedded default: one SQLite file holds customers, roles, country rules, the audit log and bot state,
    /// created, migrated and seeded on start. Settings: Database:Path, Database:BusyTimeoutMilliseconds, DemoData:Seed,
    /// DemoData:SyntheticCustomers.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddedStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var options = new SqliteDataOptions
        {
            DatabasePath = configuration["Database:Path"] is { Length: > 0 } path ? path : "./data/partnerbot.db",
            SeedDemoData = configuration.GetValue("DemoData:Seed", true),
            SyntheticCustomers = configuration.GetValue("DemoData:SyntheticCustomers", 0),
            BusyTimeoutMilliseconds = configuration.GetValue("Database:BusyTimeoutMilliseconds", new SqliteDataOptions().BusyTimeoutMilliseconds),
        };
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<ICustomerSearchIndex, CustomerSearchIndex>();
        services.AddSingleton<SqliteCustomerDirectory>();
        services.AddSingleton<ICustomerDirectory>(sp => sp.GetRequiredService<SqliteCustomerDirectory>());
        services.AddSingleton<ICustomerAccountWriter>(sp => sp.GetRequiredService<SqliteCustomerDirectory>());
        services.AddSingleton<IRoleDirectory, SqliteRoleDirectory>();
        services.AddSingleton<SqliteAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<IAuditOutbox>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<SqliteCountryRules>();
        services.AddSingleton<ICountryRulesSource>(sp => new CachedCountryRules(
            sp.GetRequiredService<SqliteCountryRules>(), sp.GetRequiredService<TimeProvider>(), CachedCountryRules.StoreLifetime));
        services.AddSingleton<IStorage, SqliteStorage>();
        services.AddSingleton<IActivityLedger, SqliteActivityLedger>();
        services.AddSingleton<ICustomerMirrorStore, SqliteCustomerMirror>();
        services.AddSingleton<SqliteDataInitializer>();
        services.AddHostedService<EmbeddedStoreStartup>();
        services.AddHostedService<WalCheckpoints>();
        services.AddSingleton<IReadinessCheck, EmbeddedStoreReadiness>();
        return builder;
    }
}

/// <summary>Migrates and seeds before the server starts (hosted services start first); the search index loads behind it.</summary>
internal sealed class EmbeddedStoreStartup(
    SqliteDataInitializer initializer, SqliteDataOptions options, SqliteCustomerDirectory directory, ILogger<EmbeddedStoreStartup> logger)
    : IHostedService
{
    private readonly SearchIndexLoadWatch _indexLoad = new(logger, "searches will find nothing");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        DataInitializationReport report;
        try
        {
            // The index loads behind the server: searches wait for it (SqliteCustomerDirectory.SearchAsync), the
            // rest of the bot (state, accounts, audit) does not need it.
            report = await initializer.InitializeAsync(cancellationToken, indexInBackground: true);
        }
        catch (DataFolderLostException ex)
        {
            // The host stops and the process exits non-zero; this line is what the operator needs to read.
            if (logger.IsEnabled(LogLevel.Critical))
            {
                logger.LogCritical("The embedded database cannot start: {Reason}", ex.Message);
            }

            throw;
        }

        _indexLoad.Watch(directory.SearchIndexLoaded!, () => directory.SearchIndexLoadNote, () => directory.SearchIndexSnapshotWriting);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var path = Path.GetFullPath(options.DatabasePath);
            var synthetic = report.Synthetic?.Inserted ?? 0;
            var migrations = report.MigrationsApplied.Count;
            var demo = report.DemoSeed?.CustomersInserted ?? 0;
            var indexed = report.IndexedCustomers;
            logger.LogInformation(
                "Embedded database {Path}: migrations applied {Migrations}, demo customers added {Demo}, synthetic added {Synthetic}, customers indexed {Indexed}",
                path,
                migrations,
                demo,
                synthetic,
                indexed);
        }
    }

    /// <summary>Waits for the search index load started behind the server, then for the snapshot it writes beside the database.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _indexLoad.StopAsync(cancellationToken);
}

/// <summary>Ready while a new connection can write to the store's own file (a real, one-row write).</summary>
internal sealed class EmbeddedStoreReadiness(SqliteDatabase database) : IReadinessCheck
{
    public string Name => "database";

    public Task<string?> GetProblemAsync(CancellationToken cancellationToken) => database.CheckWritableAsync(cancellationToken);
}

/// <summary>
/// Copies the embedded database's write-ahead log back into its file twice a second, off every turn's path
/// (<see cref="SqliteDatabase.CheckpointAsync"/>): left to SQLite, the turn whose write crossed its mark did it under the
/// write gate while every other write waited (issue 13). Half a second of a busy store's writes is a few thousand pages,
/// so each hot page is still copied once for many turns. A failed checkpoint is logged and tried again at the next tick;
/// SQLite's own mark (20,000 pages) stays the backstop.
/// </summary>
/// <remarks>
/// On a thread of its own, not the thread pool's: a checkpoint is synchronous work ending in two fsyncs, which took from
/// a millisecond to seconds on a busy disk, and a pool worker held that long is one fewer for the turns (one core's pool
/// starts with one worker and adds more only after it has waited for them).
/// </remarks>
internal sealed partial class WalCheckpoints(SqliteDatabase database, ILogger<WalCheckpoints> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => CheckpointUntilStopped(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void CheckpointUntilStopped(CancellationToken stoppingToken)
    {
        Thread.CurrentThread.Name = "WAL checkpoints";
        var failing = false;
        while (!stoppingToken.WaitHandle.WaitOne(Every))
        {
            try
            {
                // Microsoft.Data.Sqlite completes its async calls synchronously, so this runs on this thread, fsync
                // included, and waiting for it blocks nothing else.
                database.CheckpointAsync(stoppingToken).GetAwaiter().GetResult();
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Any failure, not only the store's: an exception leaving a BackgroundService stops the whole host,
                // and a checkpoint missed is only a longer log until the next tick (or SQLite's own mark).
                // Once per outage, not twice a second: readiness and the turns themselves report the store.
                if (!failing)
                {
                    LogCheckpointFailed(logger, ex);
                }

                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded database's write-ahead log could not be copied back into the file; trying again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
