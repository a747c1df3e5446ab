using System.Diagnostics;
using PartnerBot.Data;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Search;

namespace PartnerBot.Benchmarks;

/// <summary>
/// The 100k synthetic insert into a fresh SQLite file, then a restart's work: migrate, check the seed, load the
/// index. Moved here from the unit suite, where it took 11 s of every test run.
/// </summary>
internal static class SeedBenchmark
{
    public static async Task<int> RunAsync(int customers)
    {
        var folder = Directory.CreateTempSubdirectory("partnerbot-seed-");
        try
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
            var options = new SqliteDataOptions { DatabasePath = Path.Combine(folder.FullName, "bench.db"), SyntheticCustomers = customers };
            var database = new SqliteDatabase(options);
            await database.MigrateAsync(CancellationToken.None);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var inserted = await SyntheticCustomerGenerator.EnsureAsync(database, customers, options.SyntheticSeed, CancellationToken.None);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"insert {inserted.Inserted:N0} synthetic customers: {inserted.Elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s process CPU");

            // A restart of the same file: nothing to insert, then the index is filled from the rows (and its snapshot
            // written); then another, which finds the snapshot.
            await RestartAsync(database, options);
            await RestartAsync(database, options);
            Console.WriteLine($"load average after: {LoadAverage()}");
            database.ReleasePooledConnections();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task RestartAsync(SqliteDatabase database, SqliteDataOptions options)
    {
        using var index = new CustomerSearchIndex();
        var directory = new SqliteCustomerDirectory(database, index);
        var initializer = new SqliteDataInitializer(database, options, directory);
        var clock = Stopwatch.StartNew();
        var report = await initializer.InitializeAsync(CancellationToken.None, indexInBackground: true);
        var serving = clock.Elapsed;
        var indexed = await directory.SearchIndexLoaded!;
        var loaded = clock.Elapsed;

        // Written behind the load when it read the rows: the next restart reads it, and the index must outlive it.
        if (directory.SearchIndexSnapshotWriting is { } writing)
        {
            await writing;
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine($"restart: serving after {serving.TotalMilliseconds:N0} ms (migrations {report.MigrationsApplied.Count}, inserted {report.Synthetic?.Inserted ?? 0}), " +
            $"index of {indexed:N0} loaded after {loaded.TotalMilliseconds:N0} ms, {directory.SearchIndexLoadNote}");
        Console.WriteLine($"managed heap {GC.GetTotalMemory(false) / (1024.0 * 1024.0):N0} MB, resident {Environment.WorkingSet / (1024.0 * 1024.0):N0} MB (this process, index and all)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
