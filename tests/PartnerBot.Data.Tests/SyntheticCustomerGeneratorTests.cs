using System.Diagnostics;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Data.Validation;
using PartnerBot.Domain.Customers;
using Xunit.Abstractions;

namespace PartnerBot.Data.Tests;

public sealed class SyntheticCustomerGeneratorTests(ITestOutputHelper output)
{
    private static object Comparable(CustomerAccount a) => a with { Billing = a.Billing with { Etag = string.Empty } };

    [Fact]
    public void The_same_seed_gives_the_same_customers()
    {
        var one = SyntheticCustomerGenerator.Generate(300, 7).Select(Comparable).ToList();
        var two = SyntheticCustomerGenerator.Generate(300, 7).Select(Comparable).ToList();
        var other = SyntheticCustomerGenerator.Generate(300, 8).Select(Comparable).ToList();

        Assert.Equal(one, two);
        Assert.NotEqual(one, other);
    }

    [Fact]
    public async Task Generated_customers_are_a_realistic_mix_and_valid_under_their_country_rules()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var rules = (await new SqliteCountryRules(test.Database).ListAsync(CancellationToken.None))
            .ToDictionary(r => r.CountryCode);
        var customers = SyntheticCustomerGenerator.Generate(3000, 20261125).ToList();

        Assert.All(customers, c =>
        {
            var problems = ProfileRules.Problems(c.Billing, rules.GetValueOrDefault(c.Billing.DefaultAddress.Country));
            Assert.True(problems.Count == 0, $"{c.Billing.CompanyName}: {string.Join(", ", problems)}");
            Assert.True(c.HasAzurePlan || !c.PurchasePermission.IsAllowed);
        });
        var polish = customers.Where(c => c.Billing.DefaultAddress.Country == "PL").ToList();
        Assert.InRange(polish.Count, 1300, 1700);
        Assert.All(polish, c => Assert.True(ProfileRules.IsValidNip(c.Company.RegistrationNumber)));
        Assert.True(polish.Count(c => c.Billing.CompanyName.Any(ch => "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".Contains(ch, StringComparison.Ordinal))) > polish.Count / 2);
        Assert.Equal(customers.Count, customers.Select(c => c.Company.Domain).Distinct().Count());
        Assert.Equal(customers.Count, customers.Select(c => c.CustomerId).Distinct().Count());
        Assert.InRange(customers.Count(c => c.HasAzurePlan), 1400, 1900);
        Assert.All(customers, c => Assert.Matches("^[a-z0-9]+\\.onmicrosoft\\.com$", c.Company.Domain));
    }

    [Fact]
    public async Task Ensure_inserts_only_what_is_missing()
    {
        await using var test = await TestDatabase.CreateAsync();

        var first = await SyntheticCustomerGenerator.EnsureAsync(test.Database, 500, 1, CancellationToken.None);
        var again = await SyntheticCustomerGenerator.EnsureAsync(test.Database, 500, 1, CancellationToken.None);
        var more = await SyntheticCustomerGenerator.EnsureAsync(test.Database, 800, 1, CancellationToken.None);

        Assert.Equal(500, first.Inserted);
        Assert.Equal(0, again.Inserted);
        Assert.Equal(300, more.Inserted);
        var directory = new SqliteCustomerDirectory(test.Database, new FakeSearchIndex());
        Assert.Equal(800 + DemoData.Customers.Count, await directory.LoadSearchIndexAsync(CancellationToken.None));
        var sample = SyntheticCustomerGenerator.Generate(800, 1).Last();
        var stored = await directory.GetAccountAsync(TestKeys.Read, sample.CustomerId, CancellationToken.None);
        Assert.Equal(Comparable(sample), Comparable(stored!));
    }

    [Fact]
    public async Task One_hundred_thousand_customers_insert_in_seconds()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await SyntheticCustomerGenerator.EnsureAsync(test.Database, 100_000, 20261125, CancellationToken.None);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var index = new FakeSearchIndex();
        var load = Stopwatch.StartNew();
        var indexed = await new SqliteCustomerDirectory(test.Database, index).LoadSearchIndexAsync(CancellationToken.None);
        load.Stop();

        // CPU time too: on a shared machine the wall time says more about the neighbours than about the code.
        output.WriteLine($"100,000 synthetic customers inserted in {result.Elapsed.TotalSeconds:F2} s " +
            $"(process CPU {cpu.TotalSeconds:F2} s); index loaded in {load.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(100_000, result.Inserted);
        Assert.Equal(100_000, indexed);
        // Generous: the machine is shared; the measured time is in the test output.
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(60), $"took {result.Elapsed}");
    }

    [Fact]
    public async Task The_initializer_migrates_seeds_generates_and_indexes()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);
        var options = new SqliteDataOptions { DatabasePath = test.Path, SyntheticCustomers = 250 };
        var index = new FakeSearchIndex();
        var initializer = new SqliteDataInitializer(test.Database, options, new SqliteCustomerDirectory(test.Database, index));

        var report = await initializer.InitializeAsync(CancellationToken.None);
        var restart = await initializer.InitializeAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, SqliteDatabase.LatestMigrationVersion), report.MigrationsApplied);
        Assert.True(report.DemoSeed!.Applied);
        Assert.Equal(250, report.Synthetic!.Inserted);
        Assert.Equal(250 + DemoData.Customers.Count, report.IndexedCustomers);
        Assert.Empty(restart.MigrationsApplied);
        Assert.False(restart.DemoSeed!.Applied);
        Assert.Equal(0, restart.Synthetic!.Inserted);
        Assert.Equal(report.IndexedCustomers, index.Count);
        Assert.True(await test.Database.PingAsync(CancellationToken.None));
    }
}
