using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Data.Validation;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
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

        // The bot's own check (libphonenumber for the phone): a profile it would refuse unchanged would stop an edit
        // of another field (the turn benchmark's French customers, whose +33 4 0… numbers are not assigned).
        var validator = new BillingProfileValidator(new SqliteCountryRules(test.Database));
        foreach (var c in customers)
        {
            var result = await validator.ValidateAsync(BillingProfileDraft.From(c.Billing), c.Billing, CancellationToken.None);
            Assert.True(result.IsValid, $"{c.Billing.CompanyName} ({c.Billing.DefaultAddress.PhoneNumber}): {string.Join(", ", result.Errors)}");
        }
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
    public void Names_are_distinct_but_for_near_namesakes_by_legal_form_or_city_in_four_languages()
    {
        // Measured at 100,000 by the benchmark command (docs/benchmarks.md); 20,000 shows the same shape quickly.
        var customers = SyntheticCustomerGenerator.Generate(20_000, 20261125).ToList();
        var names = customers.Select(c => c.Billing.CompanyName).ToList();

        var exactDuplicates = names.Count - names.Distinct(StringComparer.OrdinalIgnoreCase).Count();
        Assert.True(exactDuplicates < names.Count / 100, $"{exactDuplicates} exact duplicates");

        // Without the legal form: the same firm name more than once means a namesake by legal form or by city.
        var withoutLegalForm = customers
            .GroupBy(c => string.Join(' ', SearchTokenizer.NameTokens(c.Billing.CompanyName)), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToList();
        var byLegalForm = withoutLegalForm.Count(g => g.Select(c => c.Billing.CompanyName).Distinct().Count() > 1);
        var byCity = customers
            .Where(c => c.Billing.CompanyName.Contains(c.Billing.DefaultAddress.City!, StringComparison.Ordinal))
            .GroupBy(c => string.Join(' ', SearchTokenizer.NameTokens(
                c.Billing.CompanyName.Replace(c.Billing.DefaultAddress.City!, string.Empty, StringComparison.Ordinal))), StringComparer.Ordinal)
            .Count(g => g.Select(c => c.Billing.DefaultAddress.City).Distinct().Count() > 1);
        output.WriteLine($"{exactDuplicates} exact duplicates, {byLegalForm} namesakes by legal form, {byCity} by city");
        Assert.InRange(byLegalForm, 100, 1000);
        Assert.InRange(byCity, 50, 1000);
        // Near-namesakes, not a list of clones: nearly every name is its own once the legal form is dropped.
        Assert.True(withoutLegalForm.Sum(g => g.Count()) < names.Count / 20);

        var countries = customers.GroupBy(c => c.Billing.DefaultAddress.Country).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(countries["PL"], 9000, 11000);
        Assert.All(["DE", "FR", "GB", "US"], country => Assert.InRange(countries[country], 1600, 3400));
        Assert.Contains(names, n => n.EndsWith("GmbH", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("SARL", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("Ltd", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("sp. z o.o.", StringComparison.Ordinal));
        Assert.Equal(customers.Count, customers.Select(c => c.Company.Domain).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(customers, c => DemoData.Customers.Any(d => string.Equals(d.Company.Domain, c.Company.Domain, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Ensure_inserts_in_batches_across_a_partial_earlier_run()
    {
        await using var test = await TestDatabase.CreateAsync();

        // Sizes not multiples of the batch: the last, short batch and the skipped ids both go through.
        var first = await SyntheticCustomerGenerator.EnsureAsync(test.Database, 1_077, 3, CancellationToken.None);
        var more = await SyntheticCustomerGenerator.EnsureAsync(test.Database, 3_001, 3, CancellationToken.None);

        Assert.Equal(1_077, first.Inserted);
        Assert.Equal(3_001 - 1_077, more.Inserted);
        var directory = new SqliteCustomerDirectory(test.Database, new FakeSearchIndex());
        Assert.Equal(3_001 + DemoData.Customers.Count, await directory.LoadSearchIndexAsync(CancellationToken.None));
        foreach (var sample in SyntheticCustomerGenerator.Generate(3_001, 3).Where((_, i) => i % 997 == 0))
        {
            var stored = await directory.GetAccountAsync(TestKeys.Read, sample.CustomerId, CancellationToken.None);
            Assert.Equal(Comparable(sample), Comparable(stored!));
        }
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

    [Fact]
    public async Task With_the_index_in_the_background_a_search_waits_for_the_whole_list()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);
        var options = new SqliteDataOptions { DatabasePath = test.Path, SyntheticCustomers = 2_000 };
        using var index = new PartnerBot.Domain.Search.CustomerSearchIndex();
        // A clock that never moves: the search's wait never runs out, however slowly this machine reads the list.
        var directory = new SqliteCustomerDirectory(test.Database, index, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        var initializer = new SqliteDataInitializer(test.Database, options, directory);
        var last = SyntheticCustomerGenerator.Generate(2_000, options.SyntheticSeed).Last();

        var report = await initializer.InitializeAsync(CancellationToken.None, indexInBackground: true);
        var found = await directory.SearchAsync(TestKeys.Read, last.Billing.CompanyName, 5, CancellationToken.None);

        Assert.Equal(0, report.IndexedCustomers);
        Assert.Equal(last.CustomerId, found[0].CustomerId);
        Assert.Equal(2_000 + DemoData.Customers.Count, await directory.SearchIndexLoaded!);

        // Written behind the load: done before the index and the database's folder go.
        await directory.SearchIndexSnapshotWriting!;
    }
}
