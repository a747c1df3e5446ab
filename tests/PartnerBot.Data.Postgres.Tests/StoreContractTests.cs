using Microsoft.Bot.Builder;
using PartnerBot.Data.Activities;
using PartnerBot.Data.BotState;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>
/// One contract for every adapter, run against each store (<see cref="StoreUnderTest.Names"/>): what the bot relies on
/// must hold the same on the embedded SQLite file and on the PostgreSQL database several instances share.
/// </summary>
public sealed class StoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string> Stores => StoreUnderTest.Names;

    private static CustomerAccount Contoso => DemoData.Customers.First(c => c.Company.CompanyName.StartsWith("Contoso", StringComparison.Ordinal));

    // Bot state: BotState's own shape (a dictionary carrying the ETag it was read with).

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Bot_state_saved_over_a_stale_etag_fails_and_keeps_the_newer_state(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new Dictionary<string, object> { ["step"] = 1L } }, None);

        var mine = (IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"];
        var theirs = (IDictionary<string, object>)(await other.Storage.ReadAsync(["conv"], None))["conv"];
        theirs["step"] = 2L;
        await other.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = theirs }, None);
        mine["step"] = 3L;

        await Assert.ThrowsAsync<ArgumentException>(() => store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = mine }, None));
        var now = (IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"];
        Assert.Equal(2L, now["step"]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Bot_state_saved_with_its_etag_succeeds_and_carries_the_new_one(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new Dictionary<string, object> { ["step"] = 1L } }, None);
        var state = (IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"];
        var readETag = state["ETag"];

        state["step"] = 2L;
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = state }, None);
        state["step"] = 3L;
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = state }, None);

        Assert.NotEqual(readETag, state["ETag"]);
        var stored = (IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"];
        Assert.Equal(3L, stored["step"]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Two_first_saves_of_a_new_conversation_one_wins(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        // An empty ETag is what a turn holds when it read no state: "no document yet".
        var first = new Dictionary<string, object> { ["ETag"] = string.Empty, ["who"] = "first" };
        var second = new Dictionary<string, object> { ["ETag"] = string.Empty, ["who"] = "second" };

        await store.Storage.WriteAsync(new Dictionary<string, object> { ["new"] = first }, None);
        await Assert.ThrowsAsync<ArgumentException>(() => other.Storage.WriteAsync(new Dictionary<string, object> { ["new"] = second }, None));
        var stored = (IDictionary<string, object>)(await other.Storage.ReadAsync(["new"], None))["new"];
        Assert.Equal("first", stored["who"]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_conflict_on_one_key_leaves_every_key_of_the_batch_as_it_was(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["b"] = new Dictionary<string, object> { ["v"] = "old" } }, None);
        var batch = new Dictionary<string, object>
        {
            ["a"] = new Dictionary<string, object> { ["v"] = "new" },
            ["b"] = new Dictionary<string, object> { ["ETag"] = "stale", ["v"] = "new" },
        };

        await Assert.ThrowsAsync<ArgumentException>(() => store.Storage.WriteAsync(batch, None));
        var items = await store.Storage.ReadAsync(["a", "b"], None);
        Assert.False(items.ContainsKey("a"));
        Assert.Equal("old", ((IDictionary<string, object>)items["b"])["v"]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Concurrent_saves_over_one_version_exactly_one_succeeds(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new Dictionary<string, object> { ["n"] = 0L } }, None);
        var instances = Enumerable.Range(0, 8).Select(_ => store.OtherInstance()).ToList();
        var reads = new List<IDictionary<string, object>>();
        foreach (var instance in instances)
        {
            reads.Add((IDictionary<string, object>)(await instance.Storage.ReadAsync(["conv"], None))["conv"]);
        }

        var saves = instances.Select((instance, i) => Task.Run(async () =>
        {
            reads[i]["n"] = (long)i + 1;
            try
            {
                await instance.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = reads[i] }, None);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        })).ToList();
        var results = await Task.WhenAll(saves);

        Assert.Single(results, saved => saved);
        var winner = Array.IndexOf(results, true);
        var stored = (IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"];
        Assert.Equal((long)winner + 1, stored["n"]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Deleted_state_reads_as_nothing(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["gone"] = new Dictionary<string, object> { ["v"] = 1L } }, None);
        await store.Storage.DeleteAsync(["gone"], None);
        Assert.Empty(await store.Storage.ReadAsync(["gone"], None));
    }

    // Customers and the writer: etags and idempotency.

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_billing_write_with_a_stale_etag_is_a_conflict_and_changes_nothing(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var writer = await store.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile);
        var before = (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!;

        var first = await store.Writer.ReplaceBillingProfileAsync(writer, before.CustomerId, before.Billing with { Email = "first@contoso.com" }, before.Billing.Etag, "op-1", StoreUnderTest.Applied(), None);
        var second = await store.Writer.ReplaceBillingProfileAsync(writer, before.CustomerId, before.Billing with { Email = "second@contoso.com" }, before.Billing.Etag, "op-2", StoreUnderTest.Applied(), None);

        Assert.Equal(WriteStatus.Applied, first.Status);
        Assert.Equal(WriteStatus.Conflict, second.Status);
        Assert.Equal("first@contoso.com", second.Current!.Email);
        Assert.Equal("first@contoso.com", (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), before.CustomerId.ToUpperInvariant(), None))!.Billing.Email);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_same_operation_applied_twice_changes_nothing_the_second_time(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var writer = await store.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile);
        var before = (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!;
        var proposed = before.Billing with { FirstName = "Bellevue" };

        var first = await store.Writer.ReplaceBillingProfileAsync(writer, before.CustomerId, proposed, before.Billing.Etag, "op-same", StoreUnderTest.Applied(), None);
        var etagAfter = (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), before.CustomerId, None))!.Billing.Etag;
        var again = await store.OtherInstance().Writer.ReplaceBillingProfileAsync(writer, before.CustomerId, proposed, before.Billing.Etag, "op-same", StoreUnderTest.Applied(), None);

        Assert.Equal(WriteStatus.Applied, first.Status);
        Assert.Equal(WriteStatus.AlreadyApplied, again.Status);
        Assert.Equal(etagAfter, (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), before.CustomerId, None))!.Billing.Etag);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Concurrent_editors_of_one_customer_exactly_one_applies(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var writer = await store.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile);
        var before = (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!;
        var instances = Enumerable.Range(0, 6).Select(_ => store.OtherInstance()).ToList();

        var results = await Task.WhenAll(instances.Select((instance, i) => Task.Run(() => instance.Writer.ReplaceBillingProfileAsync(
            writer, before.CustomerId, before.Billing with { Email = $"editor{i}@contoso.com" }, before.Billing.Etag, $"op-editor-{i}", StoreUnderTest.Applied(), None))));

        Assert.Single(results, r => r.Status == WriteStatus.Applied);
        Assert.All(results.Where(r => r.Status != WriteStatus.Applied), r => Assert.Equal(WriteStatus.Conflict, r.Status));
        var applied = Array.FindIndex(results, r => r.Status == WriteStatus.Applied);
        Assert.Equal($"editor{applied}@contoso.com", (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), before.CustomerId, None))!.Billing.Email);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Purchase_permission_needs_an_azure_plan_and_is_idempotent(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var admin = await store.AuthorizeAsync(DemoData.AdeleVanceId, PartnerAction.ChangePurchasePermission);
        var withPlan = DemoData.Customers.First(c => c.HasAzurePlan && !c.PurchasePermission.IsAllowed);
        var withoutPlan = DemoData.Customers.First(c => !c.HasAzurePlan);

        var allowed = await store.Writer.SetPurchasePermissionAsync(admin, withPlan.CustomerId, true, "perm-1", StoreUnderTest.Applied(), None);
        var replay = await store.Writer.SetPurchasePermissionAsync(admin, withPlan.CustomerId, true, "perm-1", StoreUnderTest.Applied(), None);
        var refused = await store.Writer.SetPurchasePermissionAsync(admin, withoutPlan.CustomerId, true, "perm-2", StoreUnderTest.Applied(), None);

        Assert.Equal(WriteStatus.Applied, allowed.Status);
        Assert.Equal(WriteStatus.AlreadyApplied, replay.Status);
        Assert.Equal(WriteStatus.Rejected, refused.Status);
        Assert.True((await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), withPlan.CustomerId, None))!.PurchasePermission.IsAllowed);
        Assert.False((await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), withoutPlan.CustomerId, None))!.PurchasePermission.IsAllowed);
    }

    /// <summary>Only the shared store has other instances; the embedded one has one process and one index.</summary>
    public static TheoryData<string> SharedStores => TestPostgres.Enabled ? new TheoryData<string> { StoreUnderTest.Postgres } : [];

    [Theory]
    [MemberData(nameof(SharedStores))]
    public async Task A_company_renamed_on_one_instance_is_found_by_its_new_name_on_another(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        var writer = await store.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile);
        var before = (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!;

        await store.Writer.ReplaceBillingProfileAsync(writer, before.CustomerId, before.Billing with { CompanyName = "Quarkonium Widgets" }, before.Billing.Etag, "rename", StoreUnderTest.Applied(), None);

        var found = await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets", 5, None);
        Assert.Equal(before.CustomerId, Assert.Single(found, m => m.CustomerId == before.CustomerId).CustomerId);
    }

    [Theory]
    [MemberData(nameof(SharedStores))]
    public async Task A_company_renamed_and_renamed_back_is_found_by_its_latest_name_on_another_instance_at_each_search(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        var writer = await store.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile);
        var original = (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!;

        // Each search on the other instance reads the names written since its last one: a second search finds the
        // same name, and a later rename of the same row replaces it.
        var renamed = await store.Writer.ReplaceBillingProfileAsync(
            writer, original.CustomerId, original.Billing with { CompanyName = "Quarkonium Widgets" }, original.Billing.Etag, "rename", StoreUnderTest.Applied(), None);
        Assert.Contains(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets", 5, None), m => m.CustomerId == original.CustomerId);
        Assert.Contains(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets", 5, None), m => m.CustomerId == original.CustomerId);

        await store.Writer.ReplaceBillingProfileAsync(
            writer, original.CustomerId, original.Billing, renamed.Current!.Etag, "rename-back", StoreUnderTest.Applied(), None);
        var found = await other.Directory.SearchAsync(await store.ReadKeyAsync(), original.Billing.CompanyName, 5, None);
        Assert.Equal(original.Billing.CompanyName, Assert.Single(found, m => m.CustomerId == original.CustomerId).CompanyName);
        Assert.DoesNotContain(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets", 5, None), m => m.CustomerId == original.CustomerId && m.CompanyName == "Quarkonium Widgets");
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_unknown_customer_is_not_found_and_not_written(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var writer = await store.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile);
        Assert.Null(await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), "no-such-customer", None));
        var result = await store.Writer.ReplaceBillingProfileAsync(writer, "no-such-customer", Contoso.Billing, "x", "op-unknown", StoreUnderTest.Applied(), None);
        Assert.Equal(WriteStatus.NotFound, result.Status);
    }

    // Audit, roles, country rules.

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Audit_entries_come_back_newest_first_once_each(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var start = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var entries = Enumerable.Range(0, 3).Select(i => new AuditEntry(
            Guid.NewGuid(), start.AddMinutes(i), Contoso.CustomerId, "Contoso Ltd", DemoData.AlexWilberId, "Alex Wilber",
            AuditAction.BillingProfileUpdate, AuditOutcome.Applied, [new FieldChange("Email", $"old{i}", $"new{i}")], $"act-{i}", $"op-{i}", null)).ToList();
        foreach (var entry in entries)
        {
            await store.Audit.RecordAsync(entry, None);
        }

        await store.OtherInstance().Audit.RecordAsync(entries[1], None);

        var listed = await store.Audit.ListForCustomerAsync(await store.ReadKeyAsync(), Contoso.CustomerId.ToUpperInvariant(), 0, 10, None);
        Assert.Equal(entries.Select(e => e.Id).Reverse(), listed.Select(e => e.Id));
        Assert.Equal(entries[2].At, listed[0].At);
        Assert.Equal("new2", Assert.Single(listed[0].Changes).NewValue);
        Assert.Equal(entries[0].Id, Assert.Single(await store.Audit.ListForCustomerAsync(await store.ReadKeyAsync(), Contoso.CustomerId, 2, 10, None)).Id);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_role_revoked_on_one_instance_counts_on_another_at_once(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        Assert.Contains(PartnerRole.SalesAgent, (await other.Roles.FindAsync(DemoData.AlexWilberId, None))!.Roles);

        Assert.True(await store.RevokeRoleAsync(DemoData.AlexWilberId, PartnerRole.SalesAgent));

        Assert.DoesNotContain(PartnerRole.SalesAgent, (await other.Roles.FindAsync(DemoData.AlexWilberId.ToUpperInvariant(), None))!.Roles);
        Assert.Null(await other.Roles.FindAsync("nobody", None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Country_rules_are_the_same_on_every_store(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var poland = (await store.CountryRules.GetAsync("pl", None))!;
        Assert.True(poland.IsPostalCodeRequired);
        Assert.Matches(poland.PostalCodeRegex!, "00-950");
        Assert.DoesNotMatch(poland.PostalCodeRegex!, "00950");
        Assert.Contains("pl-PL", poland.SupportedCultures);
        Assert.Equal(["AB", "BC"], (await store.CountryRules.GetAsync("CA", None))!.SupportedStates.Take(2));
        Assert.Null(await store.CountryRules.GetAsync("XX", None));
    }

    // The activity ledger: a re-delivered activity is recognized on every instance.

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_activity_is_taken_once_until_released(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        var minute = TimeSpan.FromMinutes(1);

        Assert.True(await store.Ledger.TryTakeAsync("conv", "act-1", minute, None));
        Assert.False(await other.Ledger.TryTakeAsync("conv", "act-1", minute, None));
        Assert.True(await other.Ledger.TryTakeAsync("other-conv", "act-1", minute, None));

        await store.Ledger.ReleaseAsync("conv", "act-1", None);
        Assert.True(await other.Ledger.TryTakeAsync("conv", "act-1", minute, None));
        await other.Ledger.CompleteAsync("conv", "act-1", minute, null, None);
        await other.Ledger.ReleaseAsync("conv", "act-1", None);
        Assert.False(await store.Ledger.TryTakeAsync("conv", "act-1", minute, None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_handled_activity_keeps_its_answer_for_every_instance_until_it_expires(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        const string answer = """{"status":200,"body":{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":{"body":"Zażółć"}}}""";

        Assert.Null(await other.Ledger.FindAsync("conv", "press-1", None));
        Assert.True(await store.Ledger.TryTakeAsync("conv", "press-1", TimeSpan.FromMinutes(1), None));
        Assert.Equal(new LedgerEntry(false, null), await other.Ledger.FindAsync("conv", "press-1", None));

        await store.Ledger.CompleteAsync("conv", "press-1", TimeSpan.FromMinutes(1), answer, None);
        Assert.Equal(new LedgerEntry(true, answer), await other.Ledger.FindAsync("conv", "press-1", None));
        Assert.Null(await other.Ledger.FindAsync("other-conv", "press-1", None));

        Assert.True(await store.Ledger.TryTakeAsync("conv", "message-1", TimeSpan.FromMinutes(1), None));
        await store.Ledger.CompleteAsync("conv", "message-1", TimeSpan.Zero, null, None);
        Assert.Null(await other.Ledger.FindAsync("conv", "message-1", None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_turns_state_save_completes_its_ledger_entry_with_the_answer_and_a_lost_save_leaves_it_in_flight(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        const string answer = """{"status":200,"body":{"value":"Zażółć"}}""";
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new Dictionary<string, object> { ["step"] = 1L } }, None);
        var mine = (IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"];
        var theirs = (IDictionary<string, object>)(await other.Storage.ReadAsync(["conv"], None))["conv"];

        // Another instance saved first: the save is refused and the entry stays in flight for the turn's next attempt.
        theirs["step"] = 2L;
        await other.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = theirs }, None);
        Assert.True(await store.Ledger.TryTakeAsync("conv", "press-1", TimeSpan.FromMinutes(1), None));
        mine["step"] = 3L;
        var lost = new LedgerCompletion("conv", "press-1", TimeSpan.FromMinutes(1)) { Answer = answer };
        await Assert.ThrowsAsync<ArgumentException>(() => lost.DuringSaveAsync(
            () => store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = mine }, None)));
        Assert.False(lost.Recorded);
        Assert.Equal(new LedgerEntry(false, null), await other.Ledger.FindAsync("conv", "press-1", None));

        // The attempt that saves completes the entry with it: every instance hears the answer.
        var fresh = (IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"];
        fresh["step"] = 3L;
        var saved = new LedgerCompletion("conv", "press-1", TimeSpan.FromMinutes(1)) { Answer = answer };
        await saved.DuringSaveAsync(() => store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = fresh }, None));
        Assert.True(saved.Recorded);
        Assert.Equal(new LedgerEntry(true, answer), await other.Ledger.FindAsync("conv", "press-1", None));
        Assert.Equal(3L, ((IDictionary<string, object>)(await other.Storage.ReadAsync(["conv"], None))["conv"])["step"]);

        // A save outside the turn's own (any other write) completes nothing.
        Assert.True(await store.Ledger.TryTakeAsync("conv", "press-2", TimeSpan.FromMinutes(1), None));
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["elsewhere"] = new Dictionary<string, object> { ["v"] = 1L } }, None);
        Assert.Equal(new LedgerEntry(false, null), await other.Ledger.FindAsync("conv", "press-2", None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_expired_entry_can_be_taken_again(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        Assert.True(await store.Ledger.TryTakeAsync("conv", "act-dead", TimeSpan.Zero, None));
        Assert.True(await store.Ledger.TryTakeAsync("conv", "act-gone", TimeSpan.Zero, None));
        Assert.True(await store.OtherInstance().Ledger.TryTakeAsync("conv", "act-dead", TimeSpan.FromMinutes(1), None));

        // Only the entry nobody took again is purged; the live one still keeps its activity from running twice.
        Assert.Equal(1, await store.Ledger.PurgeExpiredAsync(None));
        Assert.False(await store.Ledger.TryTakeAsync("conv", "act-dead", TimeSpan.FromMinutes(1), None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_same_activity_taken_at_once_by_many_instances_is_taken_once(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var instances = Enumerable.Range(0, 8).Select(_ => store.OtherInstance()).ToList();
        var taken = await Task.WhenAll(instances.Select(i => Task.Run(() => i.Ledger.TryTakeAsync("conv", "act-race", TimeSpan.FromMinutes(1), None))));
        Assert.Single(taken, t => t);
    }

    // Bot state the bot cannot read, and state nobody touched for too long: the same on every store.

    [Theory]
    [MemberData(nameof(UnreadableDocuments))]
    public async Task An_unreadable_document_is_put_aside_whole_and_the_conversation_starts_again(string name, string what, string document)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await store.PlantDocumentAsync("conv/damaged", document);
        var other = store.OtherInstance();

        var reset = (IDictionary<string, object>)Assert.Single(await store.Storage.ReadAsync(["conv/damaged"], None)).Value;
        var reference = (string)reset["unreadable"];

        var quarantined = await store.QuarantinedAsync(reference);
        Assert.True(quarantined.HasValue, what);
        Assert.Equal(document, quarantined.Value.Document);
        Assert.DoesNotContain(document, quarantined.Value.Problem, StringComparison.Ordinal);

        // Every instance now finds the conversation free: nothing to read, and the next save goes in.
        Assert.Empty(await other.Storage.ReadAsync(["conv/damaged"], None));
        await other.Storage.WriteAsync(new Dictionary<string, object> { ["conv/damaged"] = new Dictionary<string, object> { ["step"] = 1L } }, None);
        Assert.Equal(1L, ((IDictionary<string, object>)(await store.Storage.ReadAsync(["conv/damaged"], None))["conv/damaged"])["step"]);
    }

    public static TheoryData<string, string, string> UnreadableDocuments
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var store in StoreUnderTest.Names)
            {
                data.Add(store, "not JSON", "\u00ff\u00fe not json at all");
                data.Add(store, "truncated JSON", "{\"v\":1,\"properties\":{\"step\":");
                data.Add(store, "a Newtonsoft document", "{\"$type\":\"System.IO.FileInfo, System.Private.CoreLib\",\"fileName\":\"/etc/passwd\"}");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task State_untouched_longer_than_the_expiry_reads_as_absent_and_the_sweep_deletes_it(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var sweeper = (IExpiringBotState)store.OtherInstance().Storage;
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv/abandoned"] = new Dictionary<string, object> { ["step"] = 1L } }, None);
        store.Clock.Now += TimeSpan.FromDays(3);
        await store.Storage.WriteAsync(
            new Dictionary<string, object>
            {
                ["conv/active"] = new Dictionary<string, object> { ["step"] = 2L },
                ["conv/later"] = new Dictionary<string, object> { ["step"] = 3L },
            },
            None);

        // Just past the default seven days for the first; the others were touched three days later.
        store.Clock.Now += TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1);
        Assert.Equal(["conv/active", "conv/later"], (await store.Storage.ReadAsync(["conv/abandoned", "conv/active", "conv/later"], None)).Keys.Order());
        Assert.Equal(0, await sweeper.DeleteExpiredAsync(None));

        store.Clock.Now += TimeSpan.FromDays(3);
        Assert.Equal(2, await sweeper.DeleteExpiredAsync(None));
        Assert.Empty(await store.Storage.ReadAsync(["conv/abandoned", "conv/active", "conv/later"], None));
        Assert.Equal(0, await store.BotStateRowsAsync());
    }

    // The audit outbox: an intent recorded before a remote call, completed once whatever instance completes it.

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_intent_is_pending_until_completed_then_in_the_history_once_with_its_outcome(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        var intent = StoreUnderTest.Applied() with { CustomerId = Contoso.CustomerId, OperationId = "op-remote" };
        await store.Outbox.RecordIntentAsync(intent, None);
        await store.Outbox.RecordIntentAsync(intent, None);

        Assert.Equal(intent.Id, Assert.Single(await other.Outbox.ListPendingAsync(None)).Id);
        Assert.Empty(await store.Audit.ListForCustomerAsync(await store.ReadKeyAsync(), Contoso.CustomerId, 0, 10, None));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.OtherInstance())
            .Select(instance => Task.Run(() => instance.Outbox.CompleteAsync(intent.Id, AuditOutcome.Failed, "Partner Center said no", None))));

        Assert.Empty(await store.Outbox.ListPendingAsync(None));
        var recorded = Assert.Single(await other.Audit.ListForCustomerAsync(await store.ReadKeyAsync(), Contoso.CustomerId, 0, 10, None));
        Assert.Equal(intent.Id, recorded.Id);
        Assert.Equal(AuditOutcome.Failed, recorded.Outcome);
        Assert.Equal("Partner Center said no", recorded.Reason);
        Assert.Equal("op-remote", recorded.OperationId);

        // A change that certainly did not apply leaves no trace in the history, whichever instance drops it.
        var refused = StoreUnderTest.Applied() with { CustomerId = Contoso.CustomerId, OperationId = "op-refused" };
        await store.Outbox.RecordIntentAsync(refused, None);
        await other.Outbox.DiscardAsync(refused.Id, None);
        Assert.Empty(await store.Outbox.ListPendingAsync(None));
        Assert.Single(await store.Audit.ListForCustomerAsync(await store.ReadKeyAsync(), Contoso.CustomerId, 0, 10, None));
    }

    // The customer mirror (Directory:Provider=PartnerCenter): one instance's listing is every instance's.

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_full_listing_replaces_the_mirror_and_a_find_between_refreshes_is_added_for_every_instance(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        var syncedAt = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new CustomerMirrorStatus(0, null), await other.Mirror.GetStatusAsync(None));
        await store.Mirror.ReplaceAllAsync([new("a", "Contoso", "contoso.com"), new("b", "Fabrikam", "fabrikam.com")], syncedAt.AddHours(-1), None);

        await store.Mirror.ReplaceAllAsync([new("B", "Fabrikam Polska", "fabrikam.com"), new("c", "Łódź Tools", "lodz.pl")], syncedAt, None);
        await other.Mirror.UpsertAsync([new("b", "Fabrikam Polska Sp. z o.o.", "fabrikam.pl"), new("n", "Nowa Firma", "nowa.pl")], None);

        var customers = await other.Mirror.LoadAsync(None);
        Assert.Equal(
            ["Fabrikam Polska Sp. z o.o.", "Łódź Tools", "Nowa Firma"],
            customers.OrderBy(c => c.CustomerId.ToUpperInvariant(), StringComparer.Ordinal).Select(c => c.CompanyName));
        Assert.Equal(new CustomerMirrorStatus(3, syncedAt), await store.Mirror.GetStatusAsync(None));
    }
}
