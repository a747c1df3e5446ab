using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartnerBot.Domain.Audit;
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
    private readonly PartnerCenterStandIn _standIn = new();
    private readonly ConnectorHost _host;
    private readonly InMemoryMirror _mirrorStore = new();
    private readonly InMemoryOutbox _outbox = new();

    public DirectoryTests()
    {
        _host = new ConnectorHost(_standIn.Options());
    }

    [Fact]
    public async Task The_mirror_is_filled_from_all_pages_and_a_restart_serves_from_it_before_Partner_Center_answers()
    {
        _standIn.Json("GET", "/v1/customers", 200, new
        {
            totalCount = 2,
            items = new[] { PartnerCenterStandIn.Customer(Krasnik, "Zakłady Mięsne Kraśnik Sp. z o.o.", "zmk.onmicrosoft.com"), PartnerCenterStandIn.Customer(Guid.NewGuid().ToString(), "Contoso", "contoso.onmicrosoft.com") },
        });
        var (sync, _) = Compose(new CustomerSearchIndex());
        await sync.SyncNowAsync(CancellationToken.None);
        _standIn.Server.Reset();
        _standIn.Json("GET", "/v1/customers", 503, PartnerCenterStandIn.Error(503, "down"));

        // A new process: a fresh index, filled only from the stored mirror.
        var (restarted, directory) = Compose(new CustomerSearchIndex());
        await restarted.StartAsync(CancellationToken.None);
        var matches = await directory.SearchAsync(await Read(), "zaklady miesne krasnk", 5, CancellationToken.None);
        await restarted.StopAsync(CancellationToken.None);

        Assert.Equal(Krasnik, matches[0].CustomerId);
        Assert.Equal(2, restarted.Status.Count);
        Assert.NotNull(restarted.Status.LastSyncedAt);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_asks_Partner_Center_by_prefix_and_keeps_what_it_found()
    {
        _standIn.Json("GET", "/v1/customers", 200, new { totalCount = 1, items = new[] { PartnerCenterStandIn.Customer(Krasnik, "Tailspin Toys", "tailspin.onmicrosoft.com") } });
        var (_, directory) = Compose(new CustomerSearchIndex());

        var matches = await directory.SearchAsync(await Read(), "Tailspin", 5, CancellationToken.None);

        Assert.Equal("Tailspin Toys", Assert.Single(matches).CompanyName);
        var search = Assert.Single(_standIn.ApiRequests("GET", "/v1/customers"));
        Assert.Contains("starts_with", search.RequestMessage.Query!["filter"].ToString(), StringComparison.Ordinal);
        Assert.Equal("Tailspin Toys", Assert.Single(_mirrorStore.Customers.Values).CompanyName);
    }

    [Fact]
    public async Task A_stale_etag_becomes_the_conflict_flow_with_the_profile_as_it_is_now()
    {
        _standIn.Json("PUT", $"/v1/customers/{Krasnik}/profiles/billing", 400, PartnerCenterStandIn.Error(2055, "Etag is no longer valid"));
        _standIn.Json("GET", $"/v1/customers/{Krasnik}/profiles/billing", 200, PartnerCenterStandIn.Billing("ZMK", "someone.else@zmk.pl", "etag-now"));
        var (_, directory) = Compose(new CustomerSearchIndex());

        var result = await directory.ReplaceBillingProfileAsync(await Authorized(PartnerAction.UpdateBillingProfile), Krasnik, Profile("mine@zmk.pl"), "etag-then", "op-1", Applied(Krasnik), CancellationToken.None);

        Assert.Equal(WriteStatus.Conflict, result.Status);
        Assert.Equal("someone.else@zmk.pl", result.Current!.Email);
        Assert.Equal("etag-now", result.Current.Etag);
        Assert.Single(_standIn.ApiRequests("PUT"));

        // Nothing applied: the intent is dropped and the account service records the conflict itself, once.
        Assert.Empty(_outbox.Completed);
        Assert.Empty(_outbox.Pending);
        Assert.Single(_outbox.Discarded);
    }

    [Fact]
    public async Task An_applied_write_moves_its_intent_to_the_trail_once()
    {
        _standIn.Json("PUT", $"/v1/customers/{Krasnik}/profiles/billing", 200, PartnerCenterStandIn.Billing("ZMK", "mine@zmk.pl", "etag-after"));
        var (_, directory) = Compose(new CustomerSearchIndex());
        var applied = Applied(Krasnik);

        var result = await directory.ReplaceBillingProfileAsync(await Authorized(PartnerAction.UpdateBillingProfile), Krasnik, Profile("mine@zmk.pl"), "etag-then", "op-5", applied, CancellationToken.None);

        Assert.Equal(WriteStatus.Applied, result.Status);
        var completed = Assert.Single(_outbox.Completed);
        Assert.Equal((applied.Id, AuditOutcome.Applied), (completed.Entry.Id, completed.Outcome));
        Assert.Empty(_outbox.Pending);
    }

    [Fact]
    public async Task A_first_sync_lost_to_an_outage_is_tried_again_within_seconds_not_after_the_whole_refresh_interval()
    {
        // Down for both attempts of the first sync (one retry), up from then on.
        _standIn.Json("GET", "/v1/customers", 503, PartnerCenterStandIn.Error(503, "down"), scenario: "cold", state: "Started", nextState: "still down");
        _standIn.Json("GET", "/v1/customers", 503, PartnerCenterStandIn.Error(503, "down"), scenario: "cold", state: "still down", nextState: "up");
        _standIn.Json("GET", "/v1/customers", 200, new { totalCount = 1, items = new[] { PartnerCenterStandIn.Customer(Krasnik, "Tailspin Toys", "tailspin.onmicrosoft.com") } }, scenario: "cold", state: "up");
        var options = _standIn.Options();
        options.MaxRetries = 1;
        using var oneRetry = new ConnectorHost(options);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var started = clock.GetUtcNow();
        using var sync = new CustomerMirrorSync(
            oneRetry.Services.GetRequiredService<PartnerCenterClient>(), _mirrorStore, new CustomerSearchIndex(), options, clock, NullLogger<CustomerMirrorSync>.Instance);

        await sync.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sync.Status.LastSyncedAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"not synced; {_standIn.ApiRequests("GET", "/v1/customers").Count} list calls");
            // Time moves only when the test says so: a second at a time, until the retry is due.
            if (_standIn.ApiRequests("GET", "/v1/customers").Count >= 2)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(50);
        }

        await sync.StopAsync(CancellationToken.None);
        Assert.Equal(1, sync.Status.Count);
        Assert.Equal(3, _standIn.ApiRequests("GET", "/v1/customers").Count);
        Assert.True(clock.GetUtcNow() - started < TimeSpan.FromMinutes(1), $"retried after {clock.GetUtcNow() - started}, the interval is {options.MirrorRefreshInterval}");
    }

    [Fact]
    public async Task A_customer_added_in_Partner_Center_is_found_after_the_refresh_interval_without_a_search_or_a_change_asking_for_it()
    {
        var tailspin = Guid.NewGuid().ToString();
        _standIn.Json("GET", "/v1/customers", 200, new { totalCount = 1, items = new[] { PartnerCenterStandIn.Customer(Krasnik, "Zakłady Mięsne Kraśnik Sp. z o.o.", "zmk.onmicrosoft.com") } }, scenario: "grows", state: "Started", nextState: "added");
        _standIn.Json("GET", "/v1/customers", 200, new
        {
            totalCount = 2,
            items = new[] { PartnerCenterStandIn.Customer(Krasnik, "Zakłady Mięsne Kraśnik Sp. z o.o.", "zmk.onmicrosoft.com"), PartnerCenterStandIn.Customer(tailspin, "Tailspin Toys", "tailspin.onmicrosoft.com") },
        }, scenario: "grows", state: "added");
        var options = _host.Services.GetRequiredService<PartnerCenterOptions>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var index = new CustomerSearchIndex();
        using var sync = new CustomerMirrorSync(_host.Services.GetRequiredService<PartnerCenterClient>(), _mirrorStore, index, options, clock, NullLogger<CustomerMirrorSync>.Instance);

        await sync.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sync.Status.LastSyncedAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first sync did not finish");
            await Task.Delay(20);
        }

        var firstSync = clock.GetUtcNow();
        Assert.Equal(1, sync.Status.Count);
        // Time moves only when the test says so, a minute at a time; the index is read directly, so no search
        // that finds nothing (which asks for a refresh of its own) is involved.
        while (!index.Search("Tailspin Toys", 5).Any(m => m.CustomerId == tailspin))
        {
            Assert.True(DateTime.UtcNow < deadline, $"not refreshed; {_standIn.ApiRequests("GET", "/v1/customers").Count} list calls, {clock.GetUtcNow() - firstSync} after the first sync");
            Assert.True(clock.GetUtcNow() - firstSync <= options.MirrorRefreshInterval + TimeSpan.FromMinutes(5), $"not refreshed {clock.GetUtcNow() - firstSync} after the first sync; the interval is {options.MirrorRefreshInterval}");
            if (_standIn.ApiRequests("GET", "/v1/customers").Count == 1)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
            }

            await Task.Delay(20);
        }

        await sync.StopAsync(CancellationToken.None);
        Assert.True(clock.GetUtcNow() - firstSync >= options.MirrorRefreshInterval, $"refreshed {clock.GetUtcNow() - firstSync} after the first sync, before the interval of {options.MirrorRefreshInterval}");
        Assert.Equal(2, sync.Status.Count);
        Assert.Equal(2, _standIn.ApiRequests("GET", "/v1/customers").Count);
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_stays_pending_and_the_replay_records_it_once_it_shows_in_Partner_Center()
    {
        var options = _standIn.Options();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        using var slowHost = new ConnectorHost(options);
        await slowHost.Tokens.GetAccessTokenAsync(Auth.PartnerCenterCredential.AppOnly, CancellationToken.None);
        _standIn.Raw("PUT", $"/v1/customers/{Krasnik}/profiles/billing", 200, "{}", delay: TimeSpan.FromSeconds(3));
        // Read right after the timeout: not there yet. Read by the replay: it landed.
        _standIn.Json("GET", $"/v1/customers/{Krasnik}/profiles/billing", 200, PartnerCenterStandIn.Billing("ZMK", "anna@zmk.pl", "etag-then"), scenario: "late", state: "Started", nextState: "landed");
        _standIn.Json("GET", $"/v1/customers/{Krasnik}/profiles/billing", 200, PartnerCenterStandIn.Billing("ZMK", "mine@zmk.pl", "etag-after"), scenario: "late", state: "landed");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (_, directory) = Compose(new CustomerSearchIndex(), slowHost);
        var applied = Applied(Krasnik, at: clock.GetUtcNow());

        var authorized = await Authorized(PartnerAction.UpdateBillingProfile);
        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => directory.ReplaceBillingProfileAsync(
            authorized, Krasnik, Profile("mine@zmk.pl"), "etag-then", "op-6", applied, CancellationToken.None));
        Assert.Equal(PartnerCenterFailure.OutcomeUnknown, failure.Failure);
        Assert.Equal(applied.Id, Assert.Single(_outbox.Pending).Id);

        var replay = new AuditOutboxReplay(_outbox, directory, clock, NullLogger<AuditOutboxReplay>.Instance);
        Assert.Equal(0, await replay.ReplayAsync(CancellationToken.None));
        clock.Advance(AuditOutboxReplay.MinimumAge);
        Assert.Equal(1, await replay.ReplayAsync(CancellationToken.None));
        Assert.Equal(0, await replay.ReplayAsync(CancellationToken.None));

        var completed = Assert.Single(_outbox.Completed);
        Assert.Equal((applied.Id, AuditOutcome.Applied), (completed.Entry.Id, completed.Outcome));
    }

    [Fact]
    public async Task After_a_crash_the_replay_reads_Partner_Center_and_records_what_did_not_apply_as_failed()
    {
        _standIn.Json("GET", $"/v1/customers/{Krasnik}/profiles/billing", 200, PartnerCenterStandIn.Billing("ZMK", "anna@zmk.pl", "etag-then"));
        _standIn.Json("GET", "/v1/SelfServePolicy", 200, new { totalCount = 1, items = new[] { new { id = "policy-1" } } });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var billing = Applied(Krasnik, at: clock.GetUtcNow());
        var permission = Applied(Krasnik, AuditAction.PurchasePermissionChange, clock.GetUtcNow());
        await _outbox.RecordIntentAsync(billing, CancellationToken.None);
        await _outbox.RecordIntentAsync(permission, CancellationToken.None);
        var (_, directory) = Compose(new CustomerSearchIndex());
        clock.Advance(TimeSpan.FromMinutes(5));

        await new AuditOutboxReplay(_outbox, directory, clock, NullLogger<AuditOutboxReplay>.Instance).ReplayAsync(CancellationToken.None);

        var outcomes = _outbox.Completed.ToDictionary(c => c.Entry.Id, c => (c.Outcome, c.Reason));
        Assert.Equal((AuditOutcome.Failed, PartnerCenterCustomerDirectory.NotAppliedReason), outcomes[billing.Id]);
        Assert.Equal((AuditOutcome.Applied, (string?)null), outcomes[permission.Id]);
        Assert.Empty(_outbox.Pending);
        Assert.Empty(_standIn.ApiRequests("PUT"));
        Assert.Empty(_standIn.ApiRequests("POST"));
    }

    [Fact]
    public async Task The_replay_leaves_an_intent_pending_while_Partner_Center_cannot_answer()
    {
        _standIn.Json("GET", $"/v1/customers/{Krasnik}/profiles/billing", 503, PartnerCenterStandIn.Error(503, "down"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var billing = Applied(Krasnik, at: clock.GetUtcNow());
        await _outbox.RecordIntentAsync(billing, CancellationToken.None);
        var (_, directory) = Compose(new CustomerSearchIndex());
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, await new AuditOutboxReplay(_outbox, directory, clock, NullLogger<AuditOutboxReplay>.Instance).ReplayAsync(CancellationToken.None));

        Assert.Equal(billing.Id, Assert.Single(_outbox.Pending).Id);
        Assert.Empty(_outbox.Completed);
    }

    [Fact]
    public async Task A_write_that_timed_out_but_was_applied_is_resolved_by_reading_not_by_writing_again()
    {
        var options = _standIn.Options();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        using var slowHost = new ConnectorHost(options);
        await slowHost.Tokens.GetAccessTokenAsync(Auth.PartnerCenterCredential.AppOnly, CancellationToken.None);
        _standIn.Raw("PUT", $"/v1/customers/{Krasnik}/profiles/billing", 200, "{}", delay: TimeSpan.FromSeconds(3));
        _standIn.Json("GET", $"/v1/customers/{Krasnik}/profiles/billing", 200, PartnerCenterStandIn.Billing("ZMK", "mine@zmk.pl", "etag-after"));
        var (_, directory) = Compose(new CustomerSearchIndex(), slowHost);

        var result = await directory.ReplaceBillingProfileAsync(await Authorized(PartnerAction.UpdateBillingProfile), Krasnik, Profile("mine@zmk.pl"), "etag-then", "op-2", Applied(Krasnik), CancellationToken.None);

        Assert.Equal(WriteStatus.Applied, result.Status);
        Assert.Equal("etag-after", result.Current!.Etag);
        Assert.Single(_standIn.ApiRequests("GET", $"/v1/customers/{Krasnik}/profiles/billing"));
        Assert.Equal(AuditOutcome.Applied, Assert.Single(_outbox.Completed).Outcome);
        Assert.Empty(_outbox.Pending);
    }

    [Fact]
    public async Task Allowing_purchases_when_a_policy_appeared_meanwhile_409_finds_it_instead_of_failing()
    {
        _standIn.Json("GET", "/v1/SelfServePolicy", 200, new { totalCount = 0, items = Array.Empty<object>() }, scenario: "p", state: "Started", nextState: "exists");
        _standIn.Json("POST", "/v1/SelfServePolicy", 409, PartnerCenterStandIn.Error(409, "exists"));
        _standIn.Json("GET", "/v1/SelfServePolicy", 200, new { totalCount = 1, items = new[] { new { id = "policy-9", permissions = new[] { new { action = "Purchase", resource = "AzureReservedInstances" }, new { action = "Purchase", resource = "AzureSavingsPlan" } } } } }, scenario: "p", state: "exists");
        var (_, directory) = Compose(new CustomerSearchIndex());

        var result = await directory.SetPurchasePermissionAsync(await Authorized(PartnerAction.ChangePurchasePermission), Krasnik, true, "op-3", Applied(Krasnik, AuditAction.PurchasePermissionChange), CancellationToken.None);

        Assert.Equal(WriteStatus.Applied, result.Status);
        Assert.Equal(new PurchasePermission(true, "policy-9"), result.Current);
        Assert.Equal(AuditOutcome.Applied, Assert.Single(_outbox.Completed).Outcome);
    }

    [Fact]
    public async Task Revoking_deletes_the_policy()
    {
        _standIn.Json("GET", "/v1/SelfServePolicy", 200, new { totalCount = 1, items = new[] { new { id = "policy-4" } } });
        _standIn.Raw("DELETE", "/v1/SelfServePolicy/policy-4", 204, "");
        var (_, directory) = Compose(new CustomerSearchIndex());

        var result = await directory.SetPurchasePermissionAsync(await Authorized(PartnerAction.ChangePurchasePermission), Krasnik, false, "op-4", Applied(Krasnik, AuditAction.PurchasePermissionChange), CancellationToken.None);

        Assert.Equal(new PurchasePermission(false, null), result.Current);
        Assert.Single(_standIn.ApiRequests("DELETE"));
    }

    public void Dispose()
    {
        _host.Dispose();
        _standIn.Dispose();
    }

    private static BillingProfile Profile(string email) => new(
        "ZMK", "Anna", "Nowak", email, "pl-PL", "pl", new Address("ul. Długa 5", null, null, "Lublin", null, "20-001", "PL", "+48 81 123 45 67"), "etag-then");

    private static async Task<AuthorizedAction> Authorized(PartnerAction action) => (await Decide(action)).Authorized!;

    private static async Task<AuthorizedRead> Read() => (await Decide(PartnerAction.ViewAccount)).Read!;

    private static Task<AuthorizationDecision> Decide(PartnerAction action)
    {
        var admin = new StaffMember("admin", "Ada Admin", null, [PartnerRole.GlobalAdmin]);
        var authorization = new AccountAuthorization(new OneStaff(admin), new RolePolicy(), TimeProvider.System);
        return authorization.AuthorizeAsync(new PartnerUser("admin", null, "Ada Admin"), action, CancellationToken.None);
    }

    /// <summary>The entry the account service hands the writer: what the audit trail will say once applied.</summary>
    private static AuditEntry Applied(string customerId, AuditAction action = AuditAction.BillingProfileUpdate, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), at ?? DateTimeOffset.UtcNow, customerId, "ZMK", "admin", "Ada Admin", action, AuditOutcome.Applied,
            action == AuditAction.BillingProfileUpdate
                ? [new FieldChange("Email", "anna@zmk.pl", "mine@zmk.pl")]
                : [new FieldChange("PurchasePermission", "NotAllowed", "Allowed")],
            null, "op", null);

    private (CustomerMirrorSync Sync, PartnerCenterCustomerDirectory Directory) Compose(ICustomerSearchIndex index, ConnectorHost? via = null)
    {
        var services = (via ?? _host).Services;
        var client = services.GetRequiredService<PartnerCenterClient>();
        var options = services.GetRequiredService<PartnerCenterOptions>();
        var sync = new CustomerMirrorSync(client, _mirrorStore, index, options, TimeProvider.System, NullLogger<CustomerMirrorSync>.Instance);
        var directory = new PartnerCenterCustomerDirectory(client, index, sync, _outbox, options, TimeProvider.System, NullLogger<PartnerCenterCustomerDirectory>.Instance);
        return (sync, directory);
    }

    private sealed class OneStaff(StaffMember member) : IRoleDirectory
    {
        public Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken) =>
            Task.FromResult<StaffMember?>(member.AadObjectId == aadObjectId ? member : null);
    }
}

/// <summary>The audit outbox port in memory: what is pending, what was completed and how, what was dropped.</summary>
internal sealed class InMemoryOutbox : IAuditOutbox
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, AuditEntry> _pending = new();

    public System.Collections.Concurrent.ConcurrentQueue<(AuditEntry Entry, AuditOutcome Outcome, string? Reason)> Completed { get; } = new();

    public System.Collections.Concurrent.ConcurrentQueue<Guid> Discarded { get; } = new();

    public IReadOnlyCollection<AuditEntry> Pending => _pending.Values.ToList();

    public Task RecordIntentAsync(AuditEntry intended, CancellationToken cancellationToken)
    {
        _pending.TryAdd(intended.Id, intended);
        return Task.CompletedTask;
    }

    public Task CompleteAsync(Guid entryId, AuditOutcome outcome, string? reason, CancellationToken cancellationToken)
    {
        if (_pending.TryRemove(entryId, out var entry))
        {
            Completed.Enqueue((entry, outcome, reason));
        }

        return Task.CompletedTask;
    }

    public Task DiscardAsync(Guid entryId, CancellationToken cancellationToken)
    {
        if (_pending.TryRemove(entryId, out _))
        {
            Discarded.Enqueue(entryId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListPendingAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(_pending.Values.OrderBy(e => e.At).ToList());
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
