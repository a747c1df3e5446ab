using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;
using PartnerBot.PartnerCenter.Api;
using PartnerBot.PartnerCenter.Directory;
using PartnerBot.PartnerCenter.Tests.Support;

namespace PartnerBot.PartnerCenter.Tests;

/// <summary>The connector behind the domain ports: mirror, search, conflict flow, ambiguous writes, purchase permission.</summary>
public sealed class DirectoryTests : IDisposable
{
    private const string Krasnik = "6a1f0c2e-0000-4000-8000-00000000000a";
    private readonly PartnerCenterStandIn standIn = new();
    private readonly ConnectorHost host;
    private readonly InMemoryMirror mirrorStore = new();

    public DirectoryTests()
    {
        host = new ConnectorHost(standIn.Options());
    }

    [Fact]
    public async Task The_mirror_is_filled_from_all_pages_and_a_restart_serves_from_it_before_Partner_Center_answers()
    {
        standIn.Json("GET", "/v1/customers", 200, new
        {
            totalCount = 2,
            items = new[] { PartnerCenterStandIn.Customer(Krasnik, "Zakłady Mięsne Kraśnik Sp. z o.o.", "zmk.onmicrosoft.com"), PartnerCenterStandIn.Customer(Guid.NewGuid().ToString(), "Contoso", "contoso.onmicrosoft.com") },
        });
        var (sync, _) = Compose(new CustomerSearchIndex());
        await sync.SyncNowAsync(CancellationToken.None);
        standIn.Server.Reset();
        standIn.Json("GET", "/v1/customers", 503, PartnerCenterStandIn.Error(503, "down"));

        // A new process: a fresh index, filled only from the stored mirror.
        var (restarted, directory) = Compose(new CustomerSearchIndex());
        await restarted.StartAsync(CancellationToken.None);
        var matches = await directory.SearchAsync("zaklady miesne krasnk", 5, CancellationToken.None);
        await restarted.StopAsync(CancellationToken.None);

        Assert.Equal(Krasnik, matches[0].CustomerId);
        Assert.Equal(2, restarted.Status.Count);
        Assert.NotNull(restarted.Status.LastSyncedAt);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_asks_Partner_Center_by_prefix_and_keeps_what_it_found()
    {
        standIn.Json("GET", "/v1/customers", 200, new { totalCount = 1, items = new[] { PartnerCenterStandIn.Customer(Krasnik, "Tailspin Toys", "tailspin.onmicrosoft.com") } });
        var (_, directory) = Compose(new CustomerSearchIndex());

        var matches = await directory.SearchAsync("Tailspin", 5, CancellationToken.None);

        Assert.Equal("Tailspin Toys", Assert.Single(matches).CompanyName);
        var search = Assert.Single(standIn.ApiRequests("GET", "/v1/customers"));
        Assert.Contains("starts_with", search.RequestMessage.Query!["filter"].ToString(), StringComparison.Ordinal);
        Assert.Equal("Tailspin Toys", Assert.Single(mirrorStore.Customers.Values).CompanyName);
    }

    [Fact]
    public async Task A_stale_etag_becomes_the_conflict_flow_with_the_profile_as_it_is_now()
    {
        standIn.Json("PUT", $"/v1/customers/{Krasnik}/profiles/billing", 400, PartnerCenterStandIn.Error(2055, "Etag is no longer valid"));
        standIn.Json("GET", $"/v1/customers/{Krasnik}/profiles/billing", 200, PartnerCenterStandIn.Billing("ZMK", "someone.else@zmk.pl", "etag-now"));
        var (_, directory) = Compose(new CustomerSearchIndex());

        var result = await directory.ReplaceBillingProfileAsync(await Authorized(PartnerAction.UpdateBillingProfile), Krasnik, Profile("mine@zmk.pl"), "etag-then", "op-1", CancellationToken.None);

        Assert.Equal(WriteStatus.Conflict, result.Status);
        Assert.Equal("someone.else@zmk.pl", result.Current!.Email);
        Assert.Equal("etag-now", result.Current.Etag);
        Assert.Single(standIn.ApiRequests("PUT"));
    }

    [Fact]
    public async Task A_write_that_timed_out_but_was_applied_is_resolved_by_reading_not_by_writing_again()
    {
        var options = standIn.Options();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        using var slowHost = new ConnectorHost(options);
        await slowHost.Tokens.GetAccessTokenAsync(Auth.PartnerCenterCredential.AppOnly, CancellationToken.None);
        standIn.Raw("PUT", $"/v1/customers/{Krasnik}/profiles/billing", 200, "{}", delay: TimeSpan.FromSeconds(3));
        standIn.Json("GET", $"/v1/customers/{Krasnik}/profiles/billing", 200, PartnerCenterStandIn.Billing("ZMK", "mine@zmk.pl", "etag-after"));
        var (_, directory) = Compose(new CustomerSearchIndex(), slowHost);

        var result = await directory.ReplaceBillingProfileAsync(await Authorized(PartnerAction.UpdateBillingProfile), Krasnik, Profile("mine@zmk.pl"), "etag-then", "op-2", CancellationToken.None);

        Assert.Equal(WriteStatus.Applied, result.Status);
        Assert.Equal("etag-after", result.Current!.Etag);
        Assert.Single(standIn.ApiRequests("GET", $"/v1/customers/{Krasnik}/profiles/billing"));
    }

    [Fact]
    public async Task Allowing_purchases_when_a_policy_appeared_meanwhile_409_finds_it_instead_of_failing()
    {
        standIn.Json("GET", "/v1/SelfServePolicy", 200, new { totalCount = 0, items = Array.Empty<object>() }, scenario: "p", state: "Started", nextState: "exists");
        standIn.Json("POST", "/v1/SelfServePolicy", 409, PartnerCenterStandIn.Error(409, "exists"));
        standIn.Json("GET", "/v1/SelfServePolicy", 200, new { totalCount = 1, items = new[] { new { id = "policy-9", permissions = new[] { new { action = "Purchase", resource = "AzureReservedInstances" }, new { action = "Purchase", resource = "AzureSavingsPlan" } } } } }, scenario: "p", state: "exists");
        var (_, directory) = Compose(new CustomerSearchIndex());

        var result = await directory.SetPurchasePermissionAsync(await Authorized(PartnerAction.ChangePurchasePermission), Krasnik, true, "op-3", CancellationToken.None);

        Assert.Equal(WriteStatus.Applied, result.Status);
        Assert.Equal(new PurchasePermission(true, "policy-9"), result.Current);
    }

    [Fact]
    public async Task Revoking_deletes_the_policy()
    {
        standIn.Json("GET", "/v1/SelfServePolicy", 200, new { totalCount = 1, items = new[] { new { id = "policy-4" } } });
        standIn.Raw("DELETE", "/v1/SelfServePolicy/policy-4", 204, "");
        var (_, directory) = Compose(new CustomerSearchIndex());

        var result = await directory.SetPurchasePermissionAsync(await Authorized(PartnerAction.ChangePurchasePermission), Krasnik, false, "op-4", CancellationToken.None);

        Assert.Equal(new PurchasePermission(false, null), result.Current);
        Assert.Single(standIn.ApiRequests("DELETE"));
    }

    public void Dispose()
    {
        host.Dispose();
        standIn.Dispose();
    }

    private static BillingProfile Profile(string email) => new(
        "ZMK", "Anna", "Nowak", email, "pl-PL", "pl", new Address("ul. Długa 5", null, null, "Lublin", null, "20-001", "PL", "+48 81 123 45 67"), "etag-then");

    private static async Task<AuthorizedAction> Authorized(PartnerAction action)
    {
        var admin = new StaffMember("admin", "Ada Admin", null, [PartnerRole.GlobalAdmin]);
        var authorization = new AccountAuthorization(new OneStaff(admin), new RolePolicy(), TimeProvider.System);
        var decision = await authorization.AuthorizeAsync(new PartnerUser("admin", null, "Ada Admin"), action, CancellationToken.None);
        return decision.Authorized!;
    }

    private (CustomerMirrorSync Sync, PartnerCenterCustomerDirectory Directory) Compose(ICustomerSearchIndex index, ConnectorHost? via = null)
    {
        var services = (via ?? host).Services;
        var client = services.GetRequiredService<PartnerCenterClient>();
        var options = services.GetRequiredService<PartnerCenterOptions>();
        var sync = new CustomerMirrorSync(client, mirrorStore, index, options, TimeProvider.System, NullLogger<CustomerMirrorSync>.Instance);
        var directory = new PartnerCenterCustomerDirectory(client, index, sync, options, TimeProvider.System, NullLogger<PartnerCenterCustomerDirectory>.Instance);
        return (sync, directory);
    }

    private sealed class OneStaff(StaffMember member) : IRoleDirectory
    {
        public Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken) =>
            Task.FromResult<StaffMember?>(member.AadObjectId == aadObjectId ? member : null);
    }
}

/// <summary>The mirror port in memory (the SQLite adapter has its own tests in PartnerBot.Data.Tests).</summary>
internal sealed class InMemoryMirror : ICustomerMirrorStore
{
    public System.Collections.Concurrent.ConcurrentDictionary<string, CustomerSearchEntry> Customers { get; } = new();

    public DateTimeOffset? SyncedAt { get; private set; }

    public Task<IReadOnlyList<CustomerSearchEntry>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CustomerSearchEntry>>(Customers.Values.ToList());

    public Task ReplaceAllAsync(IReadOnlyList<CustomerSearchEntry> customers, DateTimeOffset syncedAt, CancellationToken cancellationToken)
    {
        Customers.Clear();
        foreach (var c in customers)
        {
            Customers[c.CustomerId] = c;
        }

        SyncedAt = syncedAt;
        return Task.CompletedTask;
    }

    public Task UpsertAsync(IReadOnlyList<CustomerSearchEntry> customers, CancellationToken cancellationToken)
    {
        foreach (var c in customers)
        {
            Customers[c.CustomerId] = c;
        }

        return Task.CompletedTask;
    }

    public Task<CustomerMirrorStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new CustomerMirrorStatus(Customers.Count, SyncedAt));
}
