using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PartnerBot.Data.Seed;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Issue 13: what a PartnerBot turn costs beside a bare Bot Framework bot, in one run. Builds both (Release), starts
/// both pinned to core 0 (taskset), drives them from core 1 over HTTP (POST /api/messages, deliveryMode expectReplies,
/// no channel authentication on loopback for either), PartnerBot through the whole account-update flow card by card,
/// the baseline with the same number of conversations and turns. Prints turns/s, the ratio, latencies per turn kind,
/// the server's CPU per turn, bot state bytes, resident memory and start-to-ready.
/// </summary>
internal static class TurnBenchmark
{
    private static readonly string[] Kinds = ["search", "choose", "edit", "review invalid", "review fixed", "confirm"];

    public static async Task<int> RunAsync(string[] args)
    {
        var root = RepositoryRoot();
        var runFolder = Path.Combine(root, "artifacts/bench", "turns-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(runFolder);
        var options = TurnOptions.Parse(args);
        if (options.BeforeData is not null && Directory.Exists(options.BeforeData))
        {
            throw new ArgumentException($"--before-data {options.BeforeData} exists: it would be deleted after the run, so name a new folder");
        }

        try
        {
            return await RunInAsync(options, root, runFolder);
        }
        finally
        {
            if (options.BeforeData is not null && Directory.Exists(options.BeforeData))
            {
                Directory.Delete(options.BeforeData, recursive: true);
            }

            // The servers have stopped: their copies of the database go (75 MB each at 100,000), the logs stay.
            foreach (var data in Directory.GetDirectories(runFolder, "data*"))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task<int> RunInAsync(TurnOptions options, string root, string runFolder)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        var pinned = OperatingSystem.IsLinux() && Environment.ProcessorCount >= 2 && File.Exists("/usr/bin/taskset");
        if (pinned && OperatingSystem.IsLinux())
        {
            // The load generator on core 1, the servers on core 0: neither steals the other's core.
            Process.GetCurrentProcess().ProcessorAffinity = 2;
        }

        Console.WriteLine(pinned ? "servers pinned to core 0 (taskset -c 0), load generator on core 1" : "not pinned (taskset or a second core missing)");
        Console.WriteLine("runtime settings of every server, as the deployment gives them: " + string.Join(", ", DeployedRuntime.Select(s => $"{s.Key}={s.Value}")));

        if (!options.NoBuild)
        {
            foreach (var project in new[] { "src/PartnerBot/PartnerBot.csproj", "tests/PartnerBot.Benchmarks.Baseline/PartnerBot.Benchmarks.Baseline.csproj" })
            {
                var clock = Stopwatch.StartNew();
                var code = await RunToEndAsync("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", Path.Combine(root, project)], root);
                Console.WriteLine($"build {project} (Release): {clock.Elapsed.TotalSeconds:F0} s, exit {code}");
                if (code != 0)
                {
                    return 1;
                }
            }
        }

        var partnerBotDll = Path.Combine(root, "src/PartnerBot/bin/Release/net10.0/PartnerBot.dll");
        var baselineDll = Path.Combine(root, "tests/PartnerBot.Benchmarks.Baseline/bin/Release/net10.0/PartnerBot.Benchmarks.Baseline.dll");
        var partnerBotSettings = new Dictionary<string, string>(options.Settings, StringComparer.OrdinalIgnoreCase);
        await using var postgres = options.UsesSqlite ? null : new PostgresBenchData(options.PostgresConnection());
        string? postgresTemplate = null;
        Func<string, Task<int>> stateBytes;
        if (postgres is null)
        {
            var template = Path.Combine(root, "artifacts/bench", $"sqlite-{options.Customers}");
            await EnsureTemplateAsync(partnerBotDll, template, options.Customers, pinned);
            var databasePath = CopyData(template, Path.Combine(runFolder, "data"));
            await BenchTeam.AddToSqliteAsync(databasePath);
            partnerBotSettings["Database:Path"] = databasePath;
            partnerBotSettings["DemoData:SyntheticCustomers"] = options.Customers.ToString(CultureInfo.InvariantCulture);
            stateBytes = conversation => SqliteStateBytesAsync(databasePath, conversation);
        }
        else
        {
            postgresTemplate = await postgres.EnsureTemplateAsync(options.Customers);
            var connection = postgres.WithDatabase(await postgres.CopyAsync(postgresTemplate, "now"));
            await BenchTeam.AddToPostgresAsync(connection);
            partnerBotSettings["Storage:Provider"] = "Postgres";
            partnerBotSettings["ConnectionStrings:PartnerBot"] = connection;

            // Kept with the template, as the SQLite template keeps its snapshot: the start measured is a restart's.
            partnerBotSettings.TryAdd("Storage:SearchIndexSnapshotPath", Path.Combine(root, "artifacts/bench", $"postgres-{options.Customers}.search-index"));
            stateBytes = conversation => PostgresBenchData.StateBytesAsync(connection, conversation);
            Console.WriteLine($"store: PostgreSQL {postgres.Server}, a fresh copy of {postgresTemplate} for each server");
        }

        // Each conversation is its own sales agent (BenchTeam), and each confirms several times a second: the per-person
        // limit of 10 submits a minute would refuse all but their first confirms. The limiter still runs on every submit.
        partnerBotSettings.TryAdd("Limits:WriteSubmitsPerMinute", "1000000");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };

        // Worked out before the servers start: generating 100,000 customers again took seconds, which were counted as
        // the server's start to its first search.
        var targets = Targets(options.Customers);
        await using var baseline = await Server.StartAsync("baseline", baselineDll, FreePort(), new Dictionary<string, string>(), runFolder, pinned, http);
        await using var partnerBot = await Server.StartAsync("PartnerBot", partnerBotDll, FreePort(), partnerBotSettings, runFolder, pinned, http);
        // Start to ready as a restart sees it: the process up, then the first search answered (the index loads behind).
        var probe = new PartnerBotFlow(http, partnerBot.Url, "a:bench-first", 0, "en-US", targets[^1]);
        var firstSearch = Stopwatch.StartNew();
        var searched = await probe.TurnAsync(0);
        var startToSearch = partnerBot.StartedAt.Elapsed;
        var firstAnswer = searched ? null : probe.Describe();
        Console.WriteLine($"start to ready: baseline {baseline.ReadyAfter.TotalMilliseconds:N0} ms; PartnerBot /readyz {partnerBot.ReadyAfter.TotalMilliseconds:N0} ms, " +
            $"first search answered {startToSearch.TotalMilliseconds:N0} ms after start ({firstSearch.Elapsed.TotalMilliseconds:N0} ms for that turn, {(searched ? "found" : "NOT found")}) " +
            $"at {options.Customers:N0} synthetic customers");
        if (!searched)
        {
            Console.WriteLine("  first search: " + firstAnswer);

            // As a person would: ask again until the customer is found (the list may still be loading).
            var tries = 1;
            while (!searched && partnerBot.StartedAt.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(250);
                tries++;
                searched = await probe.TurnAsync(0);
            }

            Console.WriteLine($"  customer found {partnerBot.StartedAt.Elapsed.TotalMilliseconds:N0} ms after start, at try {tries}{(searched ? string.Empty : " (NOT found in 2 minutes)")}");
        }

        Console.WriteLine($"resident before load: baseline {Mb(baseline.Resident())}, PartnerBot {Mb(partnerBot.Resident())}");

        await using var beforeHolder = new ServerHolder();
        Server? before = null;
        Func<string, Task<int>>? beforeStateBytes = null;
        if (options.Before is not null)
        {
            var beforeSettings = new Dictionary<string, string>(partnerBotSettings, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in options.BeforeSettings)
            {
                beforeSettings[key] = value;
            }
            if (postgres is null)
            {
                // --before-data puts the before server's copy elsewhere (a tmpfs, another disk): the same build on two
                // file systems in one run shows what the disk adds to the tail.
                var beforePath = CopyData(Path.Combine(root, "artifacts/bench", $"sqlite-{options.Customers}"), options.BeforeData ?? Path.Combine(runFolder, "data-before"));
                await BenchTeam.AddToSqliteAsync(beforePath);
                beforeSettings["Database:Path"] = beforePath;
                beforeStateBytes = conversation => SqliteStateBytesAsync(beforePath, conversation);
            }
            else
            {
                var beforeConnection = postgres.WithDatabase(await postgres.CopyAsync(postgresTemplate!, "before"), options.BeforeConnectionOptions);
                await BenchTeam.AddToPostgresAsync(beforeConnection);
                beforeSettings["ConnectionStrings:PartnerBot"] = beforeConnection;
                beforeStateBytes = conversation => PostgresBenchData.StateBytesAsync(beforeConnection, conversation);
            }

            before = beforeHolder.Server = await Server.StartAsync("PartnerBot-before", options.Before, FreePort(), beforeSettings, runFolder, pinned, http);
            Console.WriteLine($"also driven: the build in {Path.GetDirectoryName(options.Before)} (\"before\"), on its own copy of the data");
            await new PartnerBotFlow(http, before.Url, "a:bench-first", 0, "en-US", targets[^1]).TurnAsync(0);
        }

        Console.WriteLine();

        var rows = new List<(int Conversations, RunResult Baseline, RunResult PartnerBot, RunResult? Before)>();
        var next = 0;
        foreach (var conversations in options.Conversations)
        {
            // Warm both once at this concurrency, then measure the baseline and PartnerBot one after the other.
            RunResult b = await DriveAsync(baseline, conversations, options, i => new BaselineFlow(http, baseline.Url, $"a:bench-b{conversations}-{i}", i, Locale(i), targets[i % targets.Count]));
            RunResult p = await DriveAsync(partnerBot, conversations, options, i => new PartnerBotFlow(http, partnerBot.Url, $"a:bench-p{conversations}-{i}", i, Locale(i), () => targets[Interlocked.Increment(ref next) % targets.Count]));
            RunResult? o = before is null ? null
                : await DriveAsync(before, conversations, options, i => new PartnerBotFlow(http, before.Url, $"a:bench-o{conversations}-{i}", i, Locale(i), () => targets[Interlocked.Increment(ref next) % targets.Count]));
            rows.Add((conversations, b, p, o));
            Console.WriteLine($"  {conversations} conversations done (load average {LoadAverage()})");
        }

        Console.WriteLine();
        Console.WriteLine($"load average after the runs: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| conversations | baseline turns/s | PartnerBot turns/s | ratio | baseline p50 / p99 | PartnerBot p50 / p95 / p99 | server CPU per turn (baseline / PartnerBot) | errors, failed flows (PartnerBot) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (conversations, b, p, _) in rows)
        {
            Console.WriteLine($"| {conversations} | {b.TurnsPerSecond:N0} | {p.TurnsPerSecond:N0} | {p.TurnsPerSecond / b.TurnsPerSecond:F2} | " +
                $"{Ms(b.Percentile(null, 50))} / {Ms(b.Percentile(null, 99))} | {Ms(p.Percentile(null, 50))} / {Ms(p.Percentile(null, 95))} / {Ms(p.Percentile(null, 99))} | " +
                $"{b.CpuPerTurn.TotalMilliseconds:F2} / {p.CpuPerTurn.TotalMilliseconds:F2} ms | {p.Errors}, {p.FailedFlows} of {p.Flows}{FailedSteps(p)} (baseline {b.Errors}) |");
        }

        // A closed loop: each conversation sends its next turn when the last is answered, so by Little's law the mean
        // latency is conversations / turns per second whatever the server does with them; the tail is what order and
        // pauses add to it. The load generator's own collections show in every latency it measures, for both servers.
        Console.WriteLine();
        Console.WriteLine("| conversations | mean latency (baseline / PartnerBot) | p99 ÷ mean (baseline / PartnerBot) | load generator paused by its collector (baseline / PartnerBot) |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var (conversations, b, p, _) in rows)
        {
            Console.WriteLine($"| {conversations} | {Ms(b.Mean)} / {Ms(p.Mean)} | {Ratio(b.Percentile(null, 99), b.Mean)} / {Ratio(p.Percentile(null, 99), p.Mean)} | " +
                $"{b.LoadGeneratorPause.TotalMilliseconds:F0} ms in {b.LoadGeneratorCollections} / {p.LoadGeneratorPause.TotalMilliseconds:F0} ms in {p.LoadGeneratorCollections} collections |");
        }

        if (before is not null)
        {
            Console.WriteLine();
            Console.WriteLine("The build before, in the same run (driven right after PartnerBot at each concurrency):");
            Console.WriteLine("| conversations | before turns/s | ratio to baseline | before p50 / p95 / p99 | server CPU per turn (before / now) | errors, failed flows |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var (conversations, b, p, o) in rows)
            {
                Console.WriteLine($"| {conversations} | {o!.TurnsPerSecond:N0} | {o.TurnsPerSecond / b.TurnsPerSecond:F2} | {Ms(o.Percentile(null, 50))} / {Ms(o.Percentile(null, 95))} / {Ms(o.Percentile(null, 99))} | " +
                    $"{o.CpuPerTurn.TotalMilliseconds:F2} / {p.CpuPerTurn.TotalMilliseconds:F2} ms | {o.Errors}, {o.FailedFlows} of {o.Flows}{FailedSteps(o)} |");
            }
        }

        PrintKinds("PartnerBot", row => row.PartnerBot);
        if (before is not null)
        {
            PrintKinds("The build before", row => row.Before!);
        }

        void PrintKinds(string server, Func<(int Conversations, RunResult Baseline, RunResult PartnerBot, RunResult? Before), RunResult> result)
        {
            Console.WriteLine();
            Console.WriteLine($"{server} per turn kind (p50 / p95 / p99):");
            Console.WriteLine("| conversations | " + string.Join(" | ", Kinds) + " |");
            Console.WriteLine("| --- |" + string.Concat(Enumerable.Repeat(" --- |", Kinds.Length)));
            foreach (var row in rows)
            {
                var r = result(row);
                Console.WriteLine($"| {row.Conversations} | " + string.Join(" | ", Kinds.Select(k => $"{Ms(r.Percentile(k, 50))} / {Ms(r.Percentile(k, 95))} / {Ms(r.Percentile(k, 99))}")) + " |");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"reply bytes per turn (median): baseline {rows[0].Baseline.MedianReplyBytes:N0}, PartnerBot {rows[0].PartnerBot.MedianReplyBytes:N0}");
        Console.WriteLine($"resident after load: baseline {Mb(baseline.Resident())} (peak {Mb(baseline.Peak())}), PartnerBot {Mb(partnerBot.Resident())} (peak {Mb(partnerBot.Peak())})" +
            (before is null ? string.Empty : $", before {Mb(before.Resident())} (peak {Mb(before.Peak())})"));

        await ReportStateAsync(http, partnerBot.Url, stateBytes, targets, "PartnerBot");
        if (before is not null)
        {
            await ReportStateAsync(http, before.Url, beforeStateBytes!, targets, "before");
        }

        Console.WriteLine($"load average at the end: {LoadAverage()}");
        Console.WriteLine($"server logs: {runFolder}");
        return rows.All(r => r.PartnerBot.FailedFlows == 0 && r.PartnerBot.Errors == 0) ? 0 : 3;
    }

    /// <summary>
    /// A loopback port nobody listens on now: two runs on one machine (colleagues measuring at once) must never
    /// find each other's servers ready and drive them.
    /// </summary>
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string CopyData(string template, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(template))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return Path.Combine(folder, "partnerbot.db");
    }

    private static string FailedSteps(RunResult result) =>
        result.Failures.Count == 0 ? string.Empty : " (at " + string.Join(", ", result.Failures.Select(f => $"{f.Key} {f.Value}")) + ")";

    private static string Locale(int conversation) => conversation % 2 == 0 ? "en-US" : "pl-PL";

    /// <summary>Customers to update, in a fixed shuffled order: the synthetic ones the bot seeded, by display name.</summary>
    internal static List<Target> Targets(int customers)
    {
        var random = new Random(13);
        return [.. SyntheticCustomerGenerator.Generate(customers, new PartnerBot.Data.SqliteDataOptions().SyntheticSeed)
            .Select(a => new Target(a.Billing.CompanyName, a.Company.Domain, QueryGenerator.WithOneTypo(a.Billing.CompanyName, random)))
            .OrderBy(_ => random.Next())
            .Take(5_000)];
    }

    private static async Task<RunResult> DriveAsync(Server server, int conversations, TurnOptions options, Func<int, IFlow> flow)
    {
        var result = new RunResult();
        var flows = Enumerable.Range(0, conversations).Select(flow).ToList();
        using var warm = new CancellationTokenSource(TimeSpan.FromSeconds(options.WarmupSeconds));
        await Task.WhenAll(flows.Select(f => LoopAsync(f, null, warm.Token)));

        var cpu = server.CpuTime();
        var pause = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        using var measure = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        await Task.WhenAll(flows.Select(f => LoopAsync(f, result, measure.Token)));
        result.Elapsed = clock.Elapsed;
        result.CpuPerTurn = (server.CpuTime() - cpu) / Math.Max(1, result.Turns);
        result.LoadGeneratorPause = GC.GetTotalPauseDuration() - pause;
        result.LoadGeneratorCollections = GC.CollectionCount(0) - collections;
        return result;
    }

    private static async Task LoopAsync(IFlow flow, RunResult? result, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var ok = true;
            for (var step = 0; step < Kinds.Length && ok; step++)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    ok = await flow.TurnAsync(step);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
                {
                    ok = false;
                    result?.Error(exception.Message);
                }

                result?.Add(Kinds[step], clock.Elapsed, flow.LastReplyBytes);
                if (!ok)
                {
                    result?.FailedAt(Kinds[step], flow.Describe());
                }
            }

            result?.FlowDone(ok);
            if (!ok)
            {
                await flow.ResetAsync();
            }
        }
    }

    /// <summary>
    /// The bytes of bot state this conversation holds after each turn of one flow, read from the database the bot
    /// writes (every row whose key names the conversation), over 12 flows in both languages.
    /// </summary>
    private static async Task ReportStateAsync(HttpClient http, Uri url, Func<string, Task<int>> stateBytes, List<Target> targets, string name)
    {
        var sizes = new List<(string Kind, int Bytes)>();
        for (var i = 0; i < 12; i++)
        {
            var conversation = $"a:bench-state-{i}";
            var flow = new PartnerBotFlow(http, url, conversation, i, Locale(i), targets[(i * 37) + 11]);
            for (var step = 0; step < Kinds.Length; step++)
            {
                if (!await flow.TurnAsync(step))
                {
                    break;
                }

                sizes.Add((Kinds[step], await stateBytes(conversation)));
            }
        }

        var all = sizes.Select(s => s.Bytes).Order().ToList();
        Console.WriteLine($"{name}: bot state bytes per conversation after each turn (12 flows, {all.Count} turns): typical (median) {all[all.Count / 2]:N0}, max {all[^1]:N0}");
        Console.WriteLine("  by turn kind (max): " + string.Join(", ", Kinds.Select(k => $"{k} {sizes.Where(s => s.Kind == k).Select(s => s.Bytes).DefaultIfEmpty().Max():N0}")));
    }

    /// <summary>Bytes of bot state whose key names <paramref name="conversation"/> in the SQLite file the bot writes.</summary>
    private static async Task<int> SqliteStateBytesAsync(string databasePath, string conversation)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(length(CAST(document AS BLOB))), 0) FROM bot_state WHERE instr(key, $c) > 0";
        command.Parameters.AddWithValue("$c", conversation);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task EnsureTemplateAsync(string dll, string folder, int customers, bool pinned)
    {
        if (File.Exists(Path.Combine(folder, "partnerbot.db")))
        {
            string? difference;
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "partnerbot.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            {
                await connection.OpenAsync();
                difference = await TemplateCheck.DifferenceAsync(connection, customers);
            }

            if (difference is null)
            {
                await FoldLogIntoFileAsync(Path.Combine(folder, "partnerbot.db"));
                Console.WriteLine($"database with {customers:N0} synthetic customers: {folder} (reused; delete it to seed again)");
                return;
            }

            Console.WriteLine($"database in {folder} was seeded by another synthetic generator ({difference}); seeding it again");
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        var settings = new Dictionary<string, string>
        {
            ["Database:Path"] = Path.Combine(folder, "partnerbot.db"),
            ["DemoData:SyntheticCustomers"] = customers.ToString(CultureInfo.InvariantCulture),
        };
        using var http = new HttpClient();
        await using (var seeding = await Server.StartAsync("seed", dll, FreePort(), settings, folder, pinned, http, TimeSpan.FromMinutes(30)))
        {
            Console.WriteLine($"seeded {customers:N0} synthetic customers into {folder}: {clock.Elapsed.TotalSeconds:F0} s (load average {LoadAverage()})");
        }

        File.Delete(Path.Combine(folder, "seed.log"));
        await FoldLogIntoFileAsync(Path.Combine(folder, "partnerbot.db"));
    }

    /// <summary>
    /// Folds the template's write-ahead log into its file and truncates it: the seeding server stops without doing so,
    /// and every run copied a 73 MB log (twice with --before) along with the file.
    /// </summary>
    private static async Task FoldLogIntoFileAsync(string databasePath)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }

    private static async Task<int> RunToEndAsync(string file, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PartnerBot.sln not found above " + AppContext.BaseDirectory);
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Ms(TimeSpan time) => time.TotalMilliseconds >= 10
        ? time.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms"
        : time.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms";

    private static string Ratio(TimeSpan part, TimeSpan whole) =>
        whole <= TimeSpan.Zero ? "n/a" : (part / whole).ToString("F1", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture) + " MB";

    internal sealed record Target(string Name, string Domain, string Typed);

    private sealed class TurnOptions
    {
        public int Customers { get; private set; } = 100_000;

        public int[] Conversations { get; private set; } = [1, 32];

        public int Seconds { get; private set; } = 20;

        public int WarmupSeconds { get; private set; } = 5;

        public bool NoBuild { get; private set; }

        /// <summary>--postgres: the server for --store postgres.</summary>
        public string? Postgres { get; private set; }

        /// <summary>Another build of PartnerBot (its PartnerBot.dll) driven beside this one, on its own copy of the data.</summary>
        public string? Before { get; private set; }

        public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>--before-set: settings (or DOTNET_ runtime knobs) given to the before build only, to compare a setting in one run.</summary>
        public Dictionary<string, string> BeforeSettings { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Where the before server's SQLite copy goes (--before-data); by default in the run's folder.</summary>
        public string? BeforeData { get; private set; }

        /// <summary>Npgsql keywords for the before server's connection string only (--before-connection 'Multiplexing=true').</summary>
        public string? BeforeConnectionOptions { get; private set; }

        public bool UsesSqlite => !Settings.TryGetValue("Storage:Provider", out var provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase);

        /// <summary>The PostgreSQL server to seed and copy databases on: --postgres, ConnectionStrings:PartnerBot, or PARTNERBOT_TEST_POSTGRES.</summary>
        public string PostgresConnection() =>
            Postgres ?? Settings.GetValueOrDefault("ConnectionStrings:PartnerBot") ?? Environment.GetEnvironmentVariable("PARTNERBOT_TEST_POSTGRES")
            ?? throw new ArgumentException("--store postgres needs a server: --postgres 'Host=...;Username=...', or PARTNERBOT_TEST_POSTGRES (build/postgres.sh starts one)");

        public static TurnOptions Parse(string[] args)
        {
            var options = new TurnOptions();
            for (var i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--customers": options.Customers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--conversations": options.Conversations = [.. args[++i].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))]; break;
                    case "--seconds": options.Seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--warmup": options.WarmupSeconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--no-build": options.NoBuild = true; break;
                    case "--before": options.Before = Path.GetFullPath(args[++i]); break;
                    case "--store": options.Settings["Storage:Provider"] = args[++i].Equals("postgres", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "Sqlite"; break;
                    case "--postgres": options.Postgres = args[++i]; break;
                    case "--set":
                        var setting = args[++i].Split('=', 2);
                        options.Settings[setting[0]] = setting[1];
                        break;
                    case "--before-data": options.BeforeData = Path.GetFullPath(args[++i]); break;
                    case "--before-connection": options.BeforeConnectionOptions = args[++i]; break;
                    case "--before-set":
                        var beforeSetting = args[++i].Split('=', 2);
                        options.BeforeSettings[beforeSetting[0]] = beforeSetting[1];
                        break;
                    default: throw new ArgumentException("unknown option " + args[i]);
                }
            }

            return options;
        }
    }

    private sealed class RunResult
    {
        private readonly Lock _lock = new();
        private readonly List<(string Kind, TimeSpan Latency)> _turns = [];
        private readonly List<int> _replyBytes = [];

        public int Flows { get; private set; }

        public int FailedFlows { get; private set; }

        public int Errors { get; private set; }

        public TimeSpan Elapsed { get; set; }

        public TimeSpan CpuPerTurn { get; set; }

        /// <summary>How long the load generator's own collector stopped it during the timed load: every turn in flight then looked slower.</summary>
        public TimeSpan LoadGeneratorPause { get; set; }

        public int LoadGeneratorCollections { get; set; }

        public TimeSpan Mean => _turns.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)_turns.Average(t => t.Latency.Ticks));

        public int Turns => _turns.Count;

        public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;

        public int MedianReplyBytes => _replyBytes.Count == 0 ? 0 : _replyBytes.Order().ElementAt(_replyBytes.Count / 2);

        public void Add(string kind, TimeSpan latency, int replyBytes)
        {
            lock (_lock)
            {
                _turns.Add((kind, latency));
                _replyBytes.Add(replyBytes);
            }
        }

        public void FlowDone(bool ok)
        {
            lock (_lock)
            {
                Flows++;
                FailedFlows += ok ? 0 : 1;
            }
        }

        public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

        public void FailedAt(string kind, string what)
        {
            lock (_lock)
            {
                Failures[kind] = Failures.GetValueOrDefault(kind) + 1;
                if (Failures.Values.Sum() <= 3)
                {
                    Console.WriteLine($"    flow failed at {kind}: {what}");
                }
            }
        }

        public void Error(string message)
        {
            lock (_lock)
            {
                if (Errors++ < 3)
                {
                    Console.WriteLine("    error: " + message);
                }
            }
        }

        public TimeSpan Percentile(string? kind, int percentile)
        {
            var latencies = _turns.Where(t => kind is null || t.Kind == kind).Select(t => t.Latency).Order().ToList();
            return latencies.Count == 0 ? TimeSpan.Zero : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(percentile / 100.0 * latencies.Count) - 1)];
        }
    }

    /// <summary>
    /// The runtime's environment as deploymentTemplates/main.bicep and build/run.sh give it, for the baseline as well so
    /// both run on the same terms. On one CPU the runtime waits ten times longer (1 s) for a pause in new methods before it
    /// optimizes hot code, and a busy bot never pauses that long: under steady load it kept running unoptimized code.
    /// </summary>
    private static readonly Dictionary<string, string> DeployedRuntime = new(StringComparer.Ordinal)
    {
        ["DOTNET_TC_DelaySingleProcMultiplier"] = "1",
    };

    /// <summary>A server process: started pinned, ready when /readyz answers 200, stopped with SIGTERM.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;

        private Server(Process process, Uri url, Stopwatch startedAt)
        {
            _process = process;
            Url = url;
            StartedAt = startedAt;
        }

        public Uri Url { get; }

        public Stopwatch StartedAt { get; }

        public TimeSpan ReadyAfter { get; private set; }

        public static async Task<Server> StartAsync(
            string name, string dll, int port, IReadOnlyDictionary<string, string> settings, string logFolder, bool pinned, HttpClient http, TimeSpan? readyWithin = null)
        {
            var url = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo(pinned ? "taskset" : "dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (pinned)
            {
                foreach (var a in new[] { "-c", "0", "dotnet" })
                {
                    start.ArgumentList.Add(a);
                }
            }

            start.ArgumentList.Add(dll);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Urls"] = url.ToString();
            // No channel authentication on loopback, for both (the bot warns about it at start).
            start.Environment["MicrosoftAppId"] = string.Empty;
            foreach (var (key, value) in DeployedRuntime)
            {
                start.Environment[key] = value;
            }

            foreach (var (key, value) in settings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var clock = Stopwatch.StartNew();
            var process = Process.Start(start)!;
            var log = new StreamWriter(Path.Combine(logFolder, name + ".log")) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new Server(process, url, clock);
            var deadline = readyWithin ?? TimeSpan.FromMinutes(5);
            while (clock.Elapsed < deadline)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{name} exited with {process.ExitCode}; see {logFolder}/{name}.log");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri(url, "/readyz"));
                    if (response.IsSuccessStatusCode)
                    {
                        server.ReadyAfter = clock.Elapsed;
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(20);
            }

            await server.DisposeAsync();
            throw new TimeoutException($"{name} was not ready within {deadline}");
        }

        public long Resident() => Status("VmRSS:");

        public long Peak() => Status("VmHWM:");

        /// <summary>User and system CPU time of the server process so far (/proc/PID/stat, in clock ticks of 10 ms).</summary>
        public TimeSpan CpuTime()
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }

        private long Status(string field)
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            _process.Dispose();
        }
    }

    /// <summary>Stops a server that may or may not have been started.</summary>
    private sealed class ServerHolder : IAsyncDisposable
    {
        public Server? Server { get; set; }

        public ValueTask DisposeAsync() => Server?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private interface IFlow
    {
        int LastReplyBytes { get; }

        /// <summary>One turn of the flow; false when the reply is not what the flow expects (the flow failed).</summary>
        Task<bool> TurnAsync(int step);

        Task ResetAsync();

        /// <summary>What the flow wanted and what the last reply said, for a failed flow.</summary>
        string Describe();
    }

    /// <summary>Posts activities of one Teams conversation as the channel does, replies in the HTTP response.</summary>
    private abstract class Conversation(HttpClient http, Uri url, string conversationId, int person, string locale)
    {
        private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

        public string Locale => locale;

        public int LastReplyBytes { get; private set; }

        protected JsonObject? LastReply { get; private set; }

        protected async Task<JsonObject?> PostAsync(string? text, JsonObject? value, string? replyToId, string? verb = null)
        {
            var activity = new JsonObject
            {
                ["type"] = verb is null ? "message" : "invoke",
                ["id"] = Guid.NewGuid().ToString("N"),
                ["timestamp"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
                ["channelId"] = "msteams",
                ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
                ["deliveryMode"] = "expectReplies",
                ["locale"] = locale,
                ["from"] = new JsonObject { ["id"] = "29:" + BenchTeam.AadObjectId(person), ["name"] = BenchTeam.Name(person), ["aadObjectId"] = BenchTeam.AadObjectId(person) },
                ["recipient"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
                ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId },
                ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = DemoData.PlaygroundTenantId } },
            };
            if (text is not null)
            {
                activity["text"] = text;
            }

            if (verb is not null)
            {
                // An Action.Execute press, as Teams posts it: an adaptiveCard/action invoke with the verb and the data.
                activity["name"] = "adaptiveCard/action";
                activity["value"] = new JsonObject
                {
                    ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = value ?? [] },
                    ["trigger"] = "manual",
                };
                activity["replyToId"] = replyToId;
            }
            else if (value is not null)
            {
                activity["value"] = value;
                activity["replyToId"] = replyToId;
            }

            using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync(new Uri(url, "/api/messages"), content);
            var body = await response.Content.ReadAsStringAsync();
            LastReplyBytes = Encoding.UTF8.GetByteCount(body);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
            }

            var activities = JsonNode.Parse(body)?["activities"]?.AsArray().OfType<JsonObject>().Select(a => Replacement(a, replyToId) ?? a).ToList();
            LastReply = activities?.LastOrDefault(a => a["attachments"] is JsonArray { Count: > 0 }) ?? activities?.LastOrDefault();
            return LastReply;
        }

        /// <summary>
        /// An invoke's answer (a press of Action.Execute) shaped like a message with the card that replaced the pressed
        /// one, keeping that card's id, so it reads like any other reply; null for anything else.
        /// </summary>
        private static JsonObject? Replacement(JsonObject activity, string? pressedCardId)
        {
            if (activity["type"]?.GetValue<string>() != "invokeResponse" || activity["value"] is not JsonObject response)
            {
                return null;
            }

            // The SDK's InvokeResponse is serialized with its .NET property names (Status, Body).
            var answer = (response["body"] ?? response["Body"]) as JsonObject;
            return answer?["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive"
                ? new JsonObject
                {
                    ["type"] = "message",
                    ["id"] = pressedCardId,
                    ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = answer["value"]?.DeepClone() }),
                }
                : new JsonObject { ["type"] = "message", ["text"] = answer?["value"]?.DeepClone() };
        }

        /// <summary>The Adaptive Card a reply carries, or null.</summary>
        protected static JsonObject? CardOf(JsonObject? activity) =>
            activity?["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"] as JsonObject : null;

        /// <summary>Every string in the reply (its text, the card's texts, titles and values), as a person reads them.</summary>
        protected static string Text(JsonObject? activity) =>
            activity is null ? string.Empty : string.Join('\n', Strings(activity));

        private static IEnumerable<string> Strings(JsonNode node) => node switch
        {
            JsonObject o => o.SelectMany(p => p.Value is null ? [] : Strings(p.Value)),
            JsonArray a => a.SelectMany(c => c is null ? [] : Strings(c)),
            JsonValue v when v.TryGetValue<string>(out var text) => [text],
            _ => [],
        };

        /// <summary>
        /// Presses the button titled <paramref name="title"/> as Teams posts it: its inputs (those with a value) and data, as an
        /// adaptiveCard/action invoke for an Action.Execute, as a message for an Action.Submit.
        /// </summary>
        protected Task<JsonObject?> PressAsync(JsonObject? card, Func<string, bool> title, Dictionary<string, string>? typed = null)
        {
            var content = CardOf(card) ?? throw new InvalidOperationException("no card to press a button on: " + Text(card)[..Math.Min(300, Text(card).Length)]);
            var action = Nodes(content).FirstOrDefault(o => o["type"]?.GetValue<string>()?.StartsWith("Action.", StringComparison.Ordinal) == true
                && o["title"]?.GetValue<string>() is { } t && title(t))
                ?? throw new InvalidOperationException("no such button on the card");
            var value = new JsonObject();
            if (action["associatedInputs"]?.GetValue<string>() != "none")
            {
                foreach (var input in Nodes(content).Where(o => o["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true))
                {
                    var id = input["id"]!.GetValue<string>();
                    var v = typed is not null && typed.TryGetValue(id, out var t) ? t : input["value"]?.GetValue<string>();
                    if (!string.IsNullOrEmpty(v))
                    {
                        value[id] = v;
                    }
                }
            }

            if (action["data"] is JsonObject data)
            {
                foreach (var (key, node) in data)
                {
                    value[key] = node?.DeepClone();
                }
            }

            var verb = action["type"]?.GetValue<string>() == "Action.Execute" ? action["verb"]?.GetValue<string>() : null;
            return PostAsync(null, value, card!["id"]?.GetValue<string>(), verb);
        }

        protected static string? InputValue(JsonObject? card, string id) =>
            CardOf(card) is { } content
                ? Nodes(content).FirstOrDefault(o => o["id"]?.GetValue<string>() == id && o["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true)?["value"]?.GetValue<string>()
                : null;

        private static IEnumerable<JsonObject> Nodes(JsonNode node)
        {
            if (node is JsonObject o)
            {
                yield return o;
                foreach (var (_, child) in o)
                {
                    if (child is not null)
                    {
                        foreach (var n in Nodes(child))
                        {
                            yield return n;
                        }
                    }
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        foreach (var n in Nodes(child))
                        {
                            yield return n;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The whole account update: search with a typo, choose, edit, review with a bad postal code, review fixed, confirm.</summary>
    private sealed class PartnerBotFlow : Conversation, IFlow
    {
        private static readonly Dictionary<string, Dictionary<string, string>> Words = new()
        {
            ["en-US"] = new()
            {
                ["update"] = "update",
                ["yes"] = "Yes",
                ["edit"] = "Edit billing information",
                ["review"] = "Review changes",
                ["confirm"] = "Confirm",
                ["invalid"] = "not a valid postal code",
                ["confirmTitle"] = "Confirm changes",
                ["done"] = "Billing information updated",
                ["account"] = "Account: ",
                ["cancel"] = "cancel",
            },
            ["pl-PL"] = new()
            {
                ["update"] = "zmień dane",
                ["yes"] = "Tak",
                ["edit"] = "Edytuj informacje rozliczeniowe",
                ["review"] = "Przejrzyj zmiany",
                ["confirm"] = "Potwierdź",
                ["invalid"] = "To nie jest poprawny kod pocztowy",
                ["confirmTitle"] = "Potwierdź zmiany",
                ["done"] = "Zaktualizowano informacje rozliczeniowe",
                ["account"] = "Konto: ",
                ["cancel"] = "anuluj",
            },
        };

        private readonly Func<Target> _next;
        private Target _target;
        private string? _postalCode;
        private static readonly string RunStamp = Guid.NewGuid().ToString("N")[..8];
        private static int AllFlows;
        private int _flowNumber;

        public PartnerBotFlow(HttpClient http, Uri url, string conversationId, int person, string locale, Func<Target> next)
            : base(http, url, conversationId, person, locale)
        {
            _next = next;
            _target = next();
        }

        public PartnerBotFlow(HttpClient http, Uri url, string conversationId, int person, string locale, Target target)
            : this(http, url, conversationId, person, locale, () => target)
        {
        }

        private Dictionary<string, string> W => Words[Locale];

        // Unique to this flow in this run: a run reuses its database and the same target is edited by several
        // conversations, so a per-conversation count repeated an e-mail the account already had ("nothing is changed").
        private string NewEmail => $"bench-{RunStamp}-{_flowNumber}@{_target.Domain}";

        public async Task<bool> TurnAsync(int step)
        {
            switch (step)
            {
                case 0:
                    _target = _next();
                    _flowNumber = Interlocked.Increment(ref AllFlows);
                    var offer = Text(await PostAsync($"{W["update"]} {_target.Typed}", null, null));
                    return offer.Contains(_target.Name, StringComparison.Ordinal);
                case 1:
                    var offered = Text(LastReply);
                    var account = offered.Contains(W["account"] + _target.Name, StringComparison.Ordinal)
                        ? LastReply
                        : await PressAsync(LastReply, t => t == W["yes"] || t.EndsWith($". {_target.Name} ({_target.Domain})", StringComparison.Ordinal));
                    var opened = Text(account);
                    return opened.Contains(W["account"] + _target.Name, StringComparison.Ordinal) && opened.Contains(_target.Domain, StringComparison.Ordinal);
                case 2:
                    var form = await PressAsync(LastReply, t => t == W["edit"]);
                    _postalCode = InputValue(form, "billing.PostalCode");
                    return _postalCode is not null;
                case 3:
                    var again = await PressAsync(LastReply, t => t == W["review"], new Dictionary<string, string> { ["billing.PostalCode"] = "1", ["billing.Email"] = NewEmail });
                    return Text(again).Contains(W["invalid"], StringComparison.Ordinal);
                case 4:
                    var confirm = await PressAsync(LastReply, t => t == W["review"], new Dictionary<string, string> { ["billing.PostalCode"] = _postalCode! });
                    return Text(confirm).Contains(W["confirmTitle"], StringComparison.Ordinal) && Text(confirm).Contains("→ " + NewEmail, StringComparison.Ordinal);
                default:
                    var done = await PressAsync(LastReply, t => t == W["confirm"]);
                    return Text(done).Contains(W["done"], StringComparison.Ordinal);
            }
        }

        public async Task ResetAsync() => await PostAsync(W["cancel"], null, null);

        public string Describe()
        {
            var said = string.Join(" | ", LastReply?["text"]?.ToString(), Text(CardOf(LastReply))).ReplaceLineEndings(" | ");
            return $"typed \"{_target.Typed}\" for {_target.Name} ({_target.Domain}); the bot said: {said[..Math.Min(400, said.Length)]}";
        }
    }

    /// <summary>The baseline with the same number of turns per flow: a message, then five presses of its card's button.</summary>
    private sealed class BaselineFlow(HttpClient http, Uri url, string conversationId, int person, string locale, Target target)
        : Conversation(http, url, conversationId, person, locale), IFlow
    {
        public async Task<bool> TurnAsync(int step)
        {
            var reply = step == 0
                ? await PostAsync("update " + target.Typed, null, null)
                : await PressAsync(LastReply, t => t == "Review changes", new Dictionary<string, string> { ["billing.PostalCode"] = step == 3 ? "1" : "00-061" });
            return reply?["attachments"] is JsonArray { Count: > 0 };
        }

        public Task ResetAsync() => Task.CompletedTask;

        public string Describe() => Text(LastReply);
    }
}
