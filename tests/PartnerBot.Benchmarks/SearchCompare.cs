using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Search;

namespace PartnerBot.Benchmarks;

/// <summary>
/// The search of this build beside an earlier build's (its PartnerBot.Domain.dll, loaded into a load context of its
/// own) over the same customers and queries in one process: whether every answer is the same (ids, order and scores of
/// the whole ranked list, ties included) and the CPU per search of each, the two run in turns query by query so that
/// the machine's other work weighs on both alike.
/// </summary>
internal static class SearchCompare
{
    public static int Run(string[] args)
    {
        var beforePath = Option(args, "--before") ?? throw new ArgumentException("--before path/to/PartnerBot.Domain.dll is required");
        var customers = IntOption(args, "--customers", 100_000);
        var rounds = IntOption(args, "--rounds", 5);
        var tops = (Option(args, "--tops") ?? "5,10,1000").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();

        // The search benchmark's customers and its two query sets, and the turn benchmark's customers with the names
        // typed with one typo as its search turns send them.
        var benchEntries = SyntheticCustomerGenerator.Generate(customers, seed: 5)
            .Select(a => new CustomerSearchEntry(a.CustomerId, a.Billing.CompanyName, a.Company.Domain))
            .ToList();
        var sets = new List<(string Name, List<CustomerSearchEntry> Entries, List<string> Queries)>
        {
            ("search seed 55", benchEntries, [.. QueryGenerator.Generate(benchEntries, 72, seed: 55).Select(q => q.Text)]),
            ("search seed 1313", benchEntries, [.. QueryGenerator.Generate(benchEntries, 72, seed: 1313).Select(q => q.Text)]),
        };
        var turnEntries = SyntheticCustomerGenerator.Generate(customers, new PartnerBot.Data.SqliteDataOptions().SyntheticSeed)
            .Select(a => new CustomerSearchEntry(a.CustomerId, a.Billing.CompanyName, a.Company.Domain))
            .ToList();
        sets.Add(("turn targets (typed)", turnEntries, [.. TurnBenchmark.Targets(customers).Take(IntOption(args, "--turn-queries", 1000)).Select(t => t.Typed)]));

        var before = new Build("before", LoadIndexType(beforePath));
        var now = new Build("now", typeof(CustomerSearchIndex));
        Console.WriteLine($"before: {beforePath}; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        var differences = 0;
        foreach (var (name, entries, queries) in sets)
        {
            before.Load(entries);
            now.Load(entries);

            // Same answers: every query at every size of list asked for, each build's recent answers forgotten first.
            var compared = 0;
            foreach (var query in queries)
            {
                foreach (var top in tops)
                {
                    var old = before.Search(query, top, forget: true);
                    var current = now.Search(query, top, forget: true);
                    compared++;
                    if (!old.SequenceEqual(current))
                    {
                        differences++;
                        Console.WriteLine($"  DIFFERENT at top {top}: \"{query}\"");
                        Console.WriteLine($"    before: {string.Join(", ", old.Take(12))}");
                        Console.WriteLine($"    now:    {string.Join(", ", current.Take(12))}");
                    }
                }
            }

            // CPU per search, the two builds in turns (which goes first alternates), both as the benchmark measures a
            // search (recent answers and words forgotten) and as a server's turns meet it (kept: a word seen by an
            // earlier search is not looked up again).
            foreach (var forget in new[] { true, false })
            {
                var cpu = (Before: new List<double>(), Now: new List<double>());
                for (var round = 0; round < rounds + 1; round++)
                {
                    for (var i = 0; i < queries.Count; i++)
                    {
                        var first = (i + round) % 2 == 0;
                        // Kept: forgotten once a round, so each query is new to the round as a server's turns meet it.
                        var a = (first ? before : now).Time(queries[i], 10, forget || i == 0);
                        var b = (first ? now : before).Time(queries[i], 10, forget || i == 0);
                        if (round > 0)
                        {
                            (first ? cpu.Before : cpu.Now).Add(a);
                            (first ? cpu.Now : cpu.Before).Add(b);
                        }
                    }
                }

                Console.WriteLine($"| {name} | {(forget ? "each search from scratch" : "recent words kept")} | {queries.Count} x {rounds} | " +
                    $"{Ms(Percentile(cpu.Before, 0.5))} / {Ms(Percentile(cpu.Before, 0.99))} / {Ms(cpu.Before.Average())} | " +
                    $"{Ms(Percentile(cpu.Now, 0.5))} / {Ms(Percentile(cpu.Now, 0.99))} / {Ms(cpu.Now.Average())} |");
            }

            Console.WriteLine($"  {name}: {compared:N0} ranked lists compared, {queries.Count} queries x top {string.Join('/', tops)}");
            before.Unload();
            now.Unload();
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        Console.WriteLine(differences == 0 ? "every ranked list the same" : $"{differences} ranked lists DIFFERENT");
        return differences == 0 ? 0 : 1;
    }

    private static Type LoadIndexType(string path)
    {
        var context = new AssemblyLoadContext("before", isCollectible: false);
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        return assembly.GetType("PartnerBot.Domain.Search.CustomerSearchIndex", throwOnError: true)!;
    }

    private static double Percentile(List<double> samples, double share)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * share) - 1)];
    }

    private static string Ms(double ms) => ms.ToString("F3", CultureInfo.InvariantCulture) + " ms";

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>One build's index, reached by reflection so that both builds are called the same way.</summary>
    private sealed class Build(string name, Type indexType)
    {
        private readonly Type _entryType = indexType.Assembly.GetType("PartnerBot.Domain.Search.CustomerSearchEntry", throwOnError: true)!;
        private readonly MethodInfo _search = indexType.GetMethod("Search", [typeof(string), typeof(int)])!;
        private readonly MethodInfo _forget = indexType.GetMethod("ForgetRecentSearches")!;
        private object? _index;

        public string Name { get; } = name;

        public void Load(List<CustomerSearchEntry> entries)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(_entryType))!;
            foreach (var e in entries)
            {
                list.Add(Activator.CreateInstance(_entryType, e.CustomerId, e.CompanyName, e.Domain));
            }

            _index = Activator.CreateInstance(indexType, list);
        }

        public void Unload()
        {
            (_index as IDisposable)?.Dispose();
            _index = null;
            GC.Collect();
        }

        /// <summary>The ranked list as "id score" strings.</summary>
        public List<string> Search(string query, int top, bool forget)
        {
            if (forget)
            {
                _forget.Invoke(_index, null);
            }

            var found = new List<string>();
            foreach (var match in (IEnumerable)_search.Invoke(_index, [query, top])!)
            {
                var type = match.GetType();
                found.Add($"{type.GetProperty("CustomerId")!.GetValue(match)} {((double)type.GetProperty("Score")!.GetValue(match)!).ToString("R", CultureInfo.InvariantCulture)}");
            }

            return found;
        }

        public double Time(string query, int top, bool forget)
        {
            if (forget)
            {
                _forget.Invoke(_index, null);
            }

            var cpu = ThreadCpuClock.NowMs();
            _search.Invoke(_index, [query, top]);
            return ThreadCpuClock.NowMs() - cpu;
        }
    }
}
