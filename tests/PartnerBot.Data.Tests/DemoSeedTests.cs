using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Data.Staff;
using PartnerBot.Data.Validation;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Tests;

public sealed class DemoSeedTests
{
    private static readonly string[] DemoNames =
    [
        "Contoso Ltd", "Fabrikam, Inc.", "Tailspin Toys", "Wingtip Toys", "Northwind Traders", "Adventure Works Cycles",
        "Litware, Inc.", "Woodgrove Bank", "Alpine Ski House", "Coho Winery", "Proseware, Inc.",
    ];

    [Fact]
    public async Task Seed_runs_once_and_a_restart_duplicates_nothing()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);

        var first = await DemoSeeder.SeedAsync(test.Database, CancellationToken.None);
        var second = await DemoSeeder.SeedAsync(test.Database, CancellationToken.None);

        Assert.True(first.Applied);
        Assert.Equal(DemoData.Customers.Count, first.CustomersInserted);
        Assert.True(first.CustomersInserted >= 40);
        Assert.Equal(DemoData.Staff.Count, first.StaffInserted);
        Assert.False(second.Applied);
        var index = new FakeSearchIndex();
        var directory = new SqliteCustomerDirectory(test.Database, index);
        Assert.Equal(DemoData.Customers.Count, await directory.LoadSearchIndexAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_restart_keeps_a_revoked_role_revoked()
    {
        await using var test = await TestDatabase.CreateAsync();
        var roles = new SqliteRoleDirectory(test.Database);
        await roles.RevokeRoleAsync(DemoData.AlexWilberId, PartnerRole.SalesAgent, CancellationToken.None);

        await DemoSeeder.SeedAsync(test.Database, CancellationToken.None);

        Assert.Empty((await roles.FindAsync(DemoData.AlexWilberId, CancellationToken.None))!.Roles);
    }

    [Fact]
    public async Task The_demo_names_are_there_with_their_domains()
    {
        await using var test = await TestDatabase.CreateAsync();
        var directory = new SqliteCustomerDirectory(test.Database, new FakeSearchIndex());
        await directory.LoadSearchIndexAsync(CancellationToken.None);

        foreach (var name in DemoNames)
        {
            var match = Assert.Single(await directory.SearchAsync(TestKeys.Read, name, 5, CancellationToken.None), m => m.CompanyName == name);
            Assert.EndsWith(".onmicrosoft.com", match.Domain, StringComparison.Ordinal);
        }

        var contoso = await directory.GetAccountAsync(TestKeys.Read, DemoData.CustomerIdFor("contoso.onmicrosoft.com"), CancellationToken.None);
        Assert.NotNull(contoso);
        Assert.Equal("Contoso Ltd", contoso.Billing.CompanyName);
        Assert.Equal("contoso.onmicrosoft.com", contoso.Company.Domain);
        Assert.True(contoso.HasAzurePlan);
        Assert.False(contoso.PurchasePermission.IsAllowed);
        Assert.Equal("fabrikam.onmicrosoft.com", Assert.Single(await directory.SearchAsync(TestKeys.Read, "Fabrikam", 5, CancellationToken.None)).Domain);
        Assert.Equal("tailspintoys.onmicrosoft.com", Assert.Single(await directory.SearchAsync(TestKeys.Read, "Tailspin", 5, CancellationToken.None)).Domain);
    }

    [Fact]
    public async Task Every_seeded_billing_profile_is_valid_under_its_country_rules()
    {
        await using var test = await TestDatabase.CreateAsync();
        var rules = new SqliteCountryRules(test.Database);
        var directory = new SqliteCustomerDirectory(test.Database, new FakeSearchIndex());

        foreach (var demo in DemoData.Customers)
        {
            var account = await directory.GetAccountAsync(TestKeys.Read, demo.CustomerId, CancellationToken.None);
            Assert.NotNull(account);
            var problems = ProfileRules.Problems(
                account.Billing, await rules.GetAsync(account.Billing.DefaultAddress.Country, CancellationToken.None));
            Assert.True(problems.Count == 0, $"{account.Billing.CompanyName}: {string.Join(", ", problems)}");
            // The switch can be on only with an Azure plan (Partner Center's prerequisite).
            Assert.True(account.HasAzurePlan || !account.PurchasePermission.IsAllowed, account.Billing.CompanyName);
            Assert.Equal(account.PurchasePermission.IsAllowed, account.PurchasePermission.PolicyId is not null);
        }
    }

    [Fact]
    public void Polish_demo_customers_look_Polish()
    {
        var polish = DemoData.Customers.Where(c => c.Billing.DefaultAddress.Country == "PL").ToList();

        Assert.True(polish.Count >= 15);
        Assert.All(polish, c =>
        {
            Assert.Matches(@"^\d{2}-\d{3}$", c.Billing.DefaultAddress.PostalCode);
            Assert.StartsWith("+48 ", c.Billing.DefaultAddress.PhoneNumber, StringComparison.Ordinal);
            Assert.Equal("pl-PL", c.Billing.Culture);
            Assert.Equal("pl", c.Billing.Language);
            Assert.True(ProfileRules.IsValidNip(c.Company.RegistrationNumber), c.Company.RegistrationNumber);
        });
        string[] cities = ["Łódź", "Kraków", "Gdańsk", "Poznań", "Wrocław", "Rzeszów"];
        Assert.All(cities, city => Assert.Contains(polish, c => c.Billing.DefaultAddress.City == city));
        Assert.Contains(polish, c => c.Billing.CompanyName == "Zakłady Mięsne Kraśnik Sp. z o.o.");
        Assert.Contains(polish, c => c.Billing.CompanyName == "Przedsiębiorstwo Handlowe Żuraw S.A.");
        Assert.Contains(polish, c => c.Billing.CompanyName.Contains("Sp. j.", StringComparison.Ordinal));
        Assert.Contains(polish, c => c.HasAzurePlan && c.PurchasePermission.IsAllowed);
        Assert.Contains(polish, c => !c.HasAzurePlan);
    }

    [Fact]
    public void The_demo_world_mixes_countries_plans_and_switches()
    {
        var countries = DemoData.Customers.Select(c => c.Billing.DefaultAddress.Country).ToHashSet();
        Assert.Superset(new HashSet<string> { "PL", "DE", "GB", "US", "FR" }, countries);
        Assert.Contains(DemoData.Customers, c => c.Billing.CompanyName.Contains('ß', StringComparison.Ordinal));
        Assert.Contains(DemoData.Customers, c => c.Billing.CompanyName.EndsWith(" Ltd", StringComparison.Ordinal));
        Assert.Contains(DemoData.Customers, c => c.HasAzurePlan && !c.PurchasePermission.IsAllowed);
        Assert.Equal(DemoData.Customers.Count, DemoData.Customers.Select(c => c.Company.Domain).Distinct().Count());
        Assert.Equal(DemoData.Customers.Count, DemoData.Customers.Select(c => c.CustomerId).Distinct().Count());
        Assert.Equal(DemoData.CustomerIdFor("contoso.onmicrosoft.com"), DemoData.CustomerIdFor("CONTOSO.onmicrosoft.com"));
    }

    [Theory]
    [InlineData(DemoData.AlexWilberId, "Alex Wilber", PartnerRole.SalesAgent)]
    [InlineData(DemoData.MeganBowenId, "Megan Bowen", PartnerRole.AdminAgent)]
    [InlineData(DemoData.AdeleVanceId, "Adele Vance", PartnerRole.GlobalAdmin)]
    [InlineData(DemoData.IsaiahLangerId, "Isaiah Langer", PartnerRole.HelpdeskAgent)]
    [InlineData(DemoData.LynneRobbinsId, "Lynne Robbins", PartnerRole.BillingAdmin)]
    public async Task Playground_users_have_their_demo_roles(string id, string name, PartnerRole role)
    {
        await using var test = await TestDatabase.CreateAsync();

        var member = await new SqliteRoleDirectory(test.Database).FindAsync(id, CancellationToken.None);

        Assert.NotNull(member);
        Assert.Equal(name, member.DisplayName);
        Assert.Equal([role], member.Roles);
    }

    [Fact]
    public async Task Patti_is_staff_without_a_role_and_the_ids_keep_the_playground_spelling()
    {
        await using var test = await TestDatabase.CreateAsync();

        var patti = await new SqliteRoleDirectory(test.Database).FindAsync(DemoData.PattiFernandezId, CancellationToken.None);

        Assert.NotNull(patti);
        Assert.Empty(patti.Roles);
        Assert.Equal("00000000-0000-0000-0000-0000000000020", DemoData.AlexWilberId);
        Assert.Equal("alexw@example.com", DemoData.Staff.Single(s => s.AadObjectId == DemoData.AlexWilberId).Email);
        Assert.Equal("00000000-0000-0000-0000-0000000000001", DemoData.PlaygroundTenantId);
    }
}
