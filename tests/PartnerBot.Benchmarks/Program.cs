using System.Diagnostics;
using System.Globalization;
using PartnerBot.Benchmarks;
using PartnerBot.Domain.Search;

// Customer search benchmark (issue 5). Not a test: run it in Release on an idle machine.
//   dotnet run -c Release --project tests/PartnerBot.Benchmarks -- search [--customers N] [--fuzzysharp N|all]
if (args.Length == 0 || args[0] != "search")
{
    Console.Error.WriteLine("usage: search [--customers 100000] [--queries 60] [--fuzzysharp 12|all|0]");
    return 2;
}

var customers = IntOption("--customers", 100_000);
var queryCount = IntOption("--queries", 60);
var fuzzyOption = Option("--fuzzysharp") ?? "12";
var rounds = 20;

var entries = CompanyGenerator.Generate(customers, seed: 5);
var queries = QueryGenerator.Generate(entries, queryCount, seed: 55);
var names = entries.ConvertAll(e => e.CompanyName);
var positions = entries.Select((e, i) => (e.CustomerId, i)).ToDictionary(p => p.CustomerId, p => p.i, StringComparer.Ordinal);
var fuzzyCount = fuzzyOption == "all" ? queries.Count : Math.Min(queries.Count, int.Parse(fuzzyOption, CultureInfo.InvariantCulture));

var polish = entries.Count(e => CompanyGenerator.HasPolishDiacritics(e.CompanyName));
Console.WriteLine($"customers: {entries.Count:N0} ({100.0 * polish / entries.Count:F0}% with Polish diacritics), queries: {queries.Count}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
Console.WriteLine();

// Build.
var before = GC.GetTotalMemory(forceFullCollection: true);
var buildClock = Stopwatch.StartNew();
using var index = new CustomerSearchIndex(entries);
buildClock.Stop();
var after = GC.GetTotalMemory(forceFullCollection: true);
Console.WriteLine($"index build: {buildClock.Elapsed.TotalMilliseconds:N0} ms, managed memory {(after - before) / (1024.0 * 1024.0):N1} MB");
Console.WriteLine();

var rows = new List<string[]>
{
    Measure("PartnerBot `CustomerSearchIndex`", queries, rounds, q => index.Search(q.Text, 5).Select(m => m.CustomerId).ToList(), id => positions[id]),
};

if (fuzzyCount > 0)
{
    // FuzzySharp as the issue measured it: defaults (WeightedRatio scorer, default processor).
    var subset = queries.Take(fuzzyCount).ToList();
    rows.Add(Measure<int>($"FuzzySharp 2.0.2 `Process.ExtractTop` (first {subset.Count} queries)", subset, 1, q => [.. FuzzySharp.Process.ExtractTop(q.Text, names, limit: 5).Select(r => r.Index)], null));
    rows.Add(Measure($"PartnerBot `CustomerSearchIndex` (same {subset.Count} queries)", subset, rounds, q => index.Search(q.Text, 5).Select(m => m.CustomerId).ToList(), id => positions[id]));
}

rows.Add(Measure<int>("ordinal ignore-case `Contains` scan", queries, rounds, q => ContainsScan(names, q.Text), null));

Console.WriteLine($"load average after the runs: {LoadAverage()}");
Console.WriteLine();
Console.WriteLine("| method | median per query | p99 | target in top 5 | allocated per query | CPU median | CPU p99 |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
foreach (var row in rows)
{
    Console.WriteLine($"| {string.Join(" | ", row)} |");
}

Console.WriteLine();
Console.WriteLine("queries (rank of the target in the index's top 5, fastest of 5 runs, kind, query → target):");
foreach (var q in queries)
{
    var top = index.Search(q.Text, 5);
    var fastest = Enumerable.Range(0, 5).Min(_ =>
    {
        var clock = Stopwatch.StartNew();
        index.Search(q.Text, 5);
        return clock.Elapsed.TotalMilliseconds;
    });
    var rank = top.ToList().FindIndex(m => m.CustomerId == entries[q.TargetIndex].CustomerId);
    Console.WriteLine($"  {(rank >= 0 ? $"#{rank + 1}" : "MISS")} {Ms(fastest)} [{q.Kind}] \"{q.Text}\" → {q.Target}{(rank == 0 ? string.Empty : $"  (top: {(top.Count > 0 ? top[0].CompanyName : "-")})")}");
}

return 0;

// Other work on the machine shows in every latency below; the load average says how much there was.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static List<int> ContainsScan(List<string> names, string query)
{
    var found = new List<int>(5);
    for (var i = 0; i < names.Count; i++)
    {
        if (names[i].Contains(query, StringComparison.OrdinalIgnoreCase) && found.Count < 5)
        {
            found.Add(i);
        }
    }

    return found;
}

// Runs every query once to warm up, then `rounds` times, timing each call; recall is from the last round.
static string[] Measure<T>(string method, List<TypoQuery> queries, int rounds, Func<TypoQuery, List<T>> run, Func<T, int>? toIndex)
{
    int IndexOf(T value) => toIndex is null ? (int)(object)value! : toIndex(value);

    foreach (var q in queries.Take(Math.Min(queries.Count, rounds == 1 ? 1 : queries.Count)))
    {
        run(q);
    }

    var samples = new List<double>(queries.Count * rounds);
    var cpuSamples = new List<double>(queries.Count * rounds);
    var hits = 0;
    var allocated = 0L;
    for (var round = 0; round < rounds; round++)
    {
        foreach (var q in queries)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = ThreadCpuClock.NowMs();
            var clock = Stopwatch.StartNew();
            var result = run(q);
            clock.Stop();
            cpuSamples.Add(ThreadCpuClock.NowMs() - cpuBefore);
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            samples.Add(clock.Elapsed.TotalMilliseconds);
            if (round == rounds - 1 && result.Any(r => IndexOf(r) == q.TargetIndex))
            {
                hits++;
            }
        }
    }

    return
    [
        method,
        Ms(Percentile(samples, 0.50)),
        Ms(Percentile(samples, 0.99)),
        $"{hits} of {queries.Count} ({100.0 * hits / queries.Count:F0}%)",
        Bytes(allocated / samples.Count),
        ThreadCpuClock.IsAvailable ? Ms(Percentile(cpuSamples, 0.50)) : "n/a",
        ThreadCpuClock.IsAvailable ? Ms(Percentile(cpuSamples, 0.99)) : "n/a",
    ];
}

static double Percentile(List<double> samples, double share)
{
    var sorted = samples.Order().ToList();
    return share == 0.5 ? sorted[sorted.Count / 2] : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * share) - 1)];
}

static string Ms(double ms) => ms >= 100 ? $"{ms:N0} ms" : ms >= 1 ? $"{ms:N1} ms" : $"{ms:N2} ms";

static string Bytes(long bytes) => bytes >= 1 << 30 ? $"{bytes / (double)(1 << 30):N1} GB" : bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):N1} MB" : $"{bytes / 1024.0:N1} KB";

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

int IntOption(string name, int fallback) =>
    Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
