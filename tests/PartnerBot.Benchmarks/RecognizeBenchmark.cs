using System.Diagnostics;
using System.Globalization;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Language;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Benchmarks;

/// <summary>
/// The search turn's own work without the server around it: the turn benchmark's typed messages ("update" or
/// "zmień dane" and a name with one typo) through the recognizer over the index of the same synthetic customers,
/// then the customer choice's search of the mention, as the search turn makes them. Prints the searches per
/// message and the CPU per message, and how often the recognizer's first customer is the one meant.
/// </summary>
internal static class RecognizeBenchmark
{
    private static readonly string[] Updates = ["update", "zmień dane"];

    public static async Task<int> RunAsync(string[] args)
    {
        var customers = IntOption(args, "--customers", 100_000);
        var messages = IntOption(args, "--messages", 2_000);
        var rounds = IntOption(args, "--rounds", 3);
        var entries = SyntheticCustomerGenerator.Generate(customers, new PartnerBot.Data.SqliteDataOptions().SyntheticSeed)
            .Select(a => new CustomerSearchEntry(a.CustomerId, a.Billing.CompanyName, a.Company.Domain))
            .ToList();
        var targets = TurnBenchmark.Targets(customers).Take(messages).ToList();
        using var directory = new CountingDirectory(entries);
        var recognizer = new RuleBasedIntentRecognizer(directory);
        var read = await IssueReadAsync();

        Console.WriteLine($"customers: {entries.Count:N0}; messages: {targets.Count:N0} x {rounds} rounds; machine: {Environment.ProcessorCount} cores, " +
            $".NET {Environment.Version}, load average {LoadAverage()}");

        // One round to warm the code up, unmeasured.
        foreach (var (target, i) in targets.Select((t, i) => (t, i)))
        {
            await TurnAsync(recognizer, directory, read, Message(target, i));
        }

        var cpu = new List<double>(targets.Count * rounds);
        var searches = new SortedDictionary<int, int>();
        var allocated = 0L;
        var found = 0;
        var intentRight = 0;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[i];
                var message = Message(target, i);
                directory.Searches = 0;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var before = ThreadCpuClock.NowMs();
                var (recognition, choice) = await TurnAsync(recognizer, directory, read, message);
                cpu.Add(ThreadCpuClock.NowMs() - before);
                allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                if (round == 0)
                {
                    searches[directory.Searches] = searches.GetValueOrDefault(directory.Searches) + 1;
                    intentRight += recognition.Intent == Intent.UpdateAccount ? 1 : 0;
                    found += choice.Count > 0 && choice[0].CompanyName == target.Name ? 1 : 0;
                }
            }
        }

        cpu.Sort();
        Console.WriteLine($"searches per message (the recognizer's and the choice's): " +
            string.Join(", ", searches.Select(s => $"{s.Key}: {s.Value}")) +
            $"; mean {searches.Sum(s => s.Key * (double)s.Value) / targets.Count:F2}");
        Console.WriteLine($"CPU per message: median {cpu[cpu.Count / 2]:F3} ms, mean {cpu.Average():F3} ms, p99 {cpu[(int)(cpu.Count * 0.99)]:F3} ms; " +
            $"allocated {allocated / cpu.Count:N0} B per message");
        Console.WriteLine($"update intent: {intentRight} of {targets.Count}; the customer meant first in the choice's search: {found} of {targets.Count}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static string Message(TurnBenchmark.Target target, int i) => $"{Updates[i % 2]} {target.Typed}";

    /// <summary>The search turn's recognition, then the account update's customer choice searching its mention.</summary>
    private static async Task<(Recognition Recognition, IReadOnlyList<CustomerMatch> Choice)> TurnAsync(
        RuleBasedIntentRecognizer recognizer, CountingDirectory directory, AuthorizedRead read, string message)
    {
        var recognition = await recognizer.RecognizeAsync(message, read, CancellationToken.None);
        var choice = recognition.CustomerMention is { } mention
            ? await directory.SearchAsync(read, mention, SearchDecision.DefaultMaxChoices * 2, CancellationToken.None)
            : [];
        return (recognition, choice);
    }

    private static async Task<AuthorizedRead> IssueReadAsync()
    {
        var admin = new PartnerUser("bench-admin", "tenant", "Bench Admin");
        var authorization = new AccountAuthorization(new OneAdmin(admin), new RolePolicy(), TimeProvider.System);
        return (await authorization.AuthorizeReadAsync(admin, CancellationToken.None)).Read!;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed class OneAdmin(PartnerUser admin) : IRoleDirectory
    {
        public Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken) =>
            Task.FromResult<StaffMember?>(aadObjectId == admin.AadObjectId
                ? new StaffMember(admin.AadObjectId, admin.DisplayName, null, [PartnerRole.GlobalAdmin])
                : null);
    }

    /// <summary>The real index, counting the searches made of it.</summary>
    private sealed class CountingDirectory(IEnumerable<CustomerSearchEntry> entries) : ICustomerDirectory, IDisposable
    {
        private readonly CustomerSearchIndex _index = new(entries);

        public int Searches { get; set; }

        public Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken)
        {
            Searches++;
            return Task.FromResult(_index.Search(query, top));
        }

        public Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken) =>
            Task.FromResult<CustomerAccount?>(null);

        public void Dispose() => _index.Dispose();
    }
}
