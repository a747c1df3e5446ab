using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Tests;

public sealed class SqliteCustomerDirectoryTests
{
    private static readonly string ContosoId = DemoData.CustomerIdFor("contoso.onmicrosoft.com");
    private static readonly string FabrikamId = DemoData.CustomerIdFor("fabrikam.onmicrosoft.com");
    private static readonly string TailspinId = DemoData.CustomerIdFor("tailspintoys.onmicrosoft.com");

    private static async Task<(SqliteCustomerDirectory Directory, FakeSearchIndex Index)> DirectoryAsync(TestDatabase test)
    {
        var index = new FakeSearchIndex();
        var directory = new SqliteCustomerDirectory(test.Database, index);
        await directory.LoadSearchIndexAsync(CancellationToken.None);
        return (directory, index);
    }

    private static async Task<CustomerAccount> ContosoAsync(SqliteCustomerDirectory directory) =>
        (await directory.GetAccountAsync(TestKeys.Read, ContosoId, CancellationToken.None))!;

    [Fact]
    public async Task The_index_holds_every_customer_under_its_bill_to_name_and_search_delegates_to_it()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, index) = await DirectoryAsync(test);

        Assert.Equal(DemoData.Customers.Count, index.Count);
        var byDomain = Assert.Single(await directory.SearchAsync(TestKeys.Read, "contoso.onmicrosoft", 10, CancellationToken.None));
        Assert.Equal(ContosoId, byDomain.CustomerId);
        // The tenant's own name ("Contoso") is not what partners see; the bill-to name is.
        Assert.Equal("Contoso Ltd", byDomain.CompanyName);
        Assert.Equal(3, (await directory.SearchAsync(TestKeys.Read, "a", 3, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task An_account_reads_whole_and_ids_match_without_case()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);

        var account = await directory.GetAccountAsync(TestKeys.Read, ContosoId.ToUpperInvariant(), CancellationToken.None);

        Assert.NotNull(account);
        var demo = DemoData.Customers.Single(c => c.CustomerId == ContosoId);
        Assert.Equal(demo.Company, account.Company);
        Assert.Equal(demo.Billing with { Etag = account.Billing.Etag }, account.Billing);
        Assert.False(string.IsNullOrEmpty(account.Billing.Etag));
        Assert.Null(await directory.GetAccountAsync(TestKeys.Read, Guid.NewGuid().ToString(), CancellationToken.None));
    }

    [Fact]
    public async Task A_write_with_the_current_etag_is_applied_and_the_new_name_is_found_at_once()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);
        var before = await ContosoAsync(directory);
        var edited = before.Billing with
        {
            CompanyName = "Contoso Polska Sp. z o.o.",
            Email = "faktury@contoso.pl",
            DefaultAddress = before.Billing.DefaultAddress with { AddressLine2 = "Suite 100" },
        };

        var result = await directory.ReplaceBillingProfileAsync(
            await test.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile),
            ContosoId, edited, before.Billing.Etag, "op-1", TestKeys.Applied(), CancellationToken.None);

        Assert.Equal(WriteStatus.Applied, result.Status);
        Assert.NotNull(result.Current);
        Assert.NotEqual(before.Billing.Etag, result.Current.Etag);
        Assert.Equal(edited with { Etag = result.Current.Etag }, result.Current);
        var after = await ContosoAsync(directory);
        Assert.Equal(result.Current, after.Billing);
        Assert.Equal(before.Company, after.Company);
        var renamed = Assert.Single(await directory.SearchAsync(TestKeys.Read, "Contoso Polska", 5, CancellationToken.None));
        Assert.Equal(ContosoId, renamed.CustomerId);
        Assert.Empty(await directory.SearchAsync(TestKeys.Read, "Contoso Ltd", 5, CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_etag_is_a_conflict_with_the_current_values_and_writes_nothing()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);
        var admin = await test.AdminAsync(PartnerAction.UpdateBillingProfile);
        var read = await ContosoAsync(directory);
        var first = await directory.ReplaceBillingProfileAsync(
            admin, ContosoId, read.Billing with { FirstName = "Zofia" }, read.Billing.Etag, "op-a", TestKeys.Applied(), CancellationToken.None);

        var second = await directory.ReplaceBillingProfileAsync(
            admin, ContosoId, read.Billing with { LastName = "Kowalska" }, read.Billing.Etag, "op-b", TestKeys.Applied(), CancellationToken.None);

        Assert.Equal(WriteStatus.Conflict, second.Status);
        Assert.Equal(first.Current, second.Current);
        Assert.Equal("Zofia", second.Current!.FirstName);
        Assert.Equal(read.Billing.LastName, (await ContosoAsync(directory)).Billing.LastName);
        Assert.Equal(first.Current, (await ContosoAsync(directory)).Billing);
    }

    [Fact]
    public async Task A_replayed_operation_id_is_already_applied_and_changes_nothing_twice()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);
        var agent = await test.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile);
        var read = await ContosoAsync(directory);
        var edited = read.Billing with { Email = "billing@contoso.com" };
        var applied = await directory.ReplaceBillingProfileAsync(
            agent, ContosoId, edited, read.Billing.Etag, "retry-me", TestKeys.Applied(), CancellationToken.None);

        // Teams retries the turn: same operation id, same (now stale) etag, even a different body.
        var replay = await directory.ReplaceBillingProfileAsync(
            agent, ContosoId, edited with { Email = "other@contoso.com" }, read.Billing.Etag, "retry-me", TestKeys.Applied(), CancellationToken.None);

        Assert.Equal(WriteStatus.Applied, applied.Status);
        Assert.Equal(WriteStatus.AlreadyApplied, replay.Status);
        Assert.Equal(applied.Current, replay.Current);
        Assert.Equal(applied.Current, (await ContosoAsync(directory)).Billing);
    }

    [Fact]
    public async Task An_unknown_customer_is_not_found()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);
        var read = await ContosoAsync(directory);

        var result = await directory.ReplaceBillingProfileAsync(
            await test.AdminAsync(PartnerAction.UpdateBillingProfile),
            Guid.NewGuid().ToString(), read.Billing, read.Billing.Etag, "op-x", TestKeys.Applied(), CancellationToken.None);

        Assert.Equal(WriteStatus.NotFound, result.Status);
        Assert.Null(result.Current);
    }

    [Fact]
    public async Task A_key_for_another_action_cannot_write()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);
        var read = await ContosoAsync(directory);
        var permissionKey = await test.AdminAsync(PartnerAction.ChangePurchasePermission);
        var billingKey = await test.AdminAsync(PartnerAction.UpdateBillingProfile);

        await Assert.ThrowsAsync<InvalidOperationException>(() => directory.ReplaceBillingProfileAsync(
            permissionKey, ContosoId, read.Billing, read.Billing.Etag, "op-y", TestKeys.Applied(), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => directory.SetPurchasePermissionAsync(
            billingKey, ContosoId, true, "op-z", TestKeys.Applied(), CancellationToken.None));
        Assert.Equal(read, await ContosoAsync(directory));
    }

    [Fact]
    public async Task Two_writers_with_the_same_etag_exactly_one_wins()
    {
        await using var test = await TestDatabase.CreateAsync();
        var index = new FakeSearchIndex();
        // Two directories, so the two writers also use two connections, like two bot instances would.
        var one = new SqliteCustomerDirectory(test.Database, index);
        var two = new SqliteCustomerDirectory(new SqliteDatabase(test.Path), index);
        var agent = await test.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile);

        for (var round = 0; round < 10; round++)
        {
            var read = await ContosoAsync(one);
            using var start = new Barrier(2);
            var results = await Task.WhenAll(
                Task.Run(async () =>
                {
                    start.SignalAndWait();
                    return await one.ReplaceBillingProfileAsync(agent, ContosoId,
                        read.Billing with { FirstName = "Jędrzej" }, read.Billing.Etag, $"one-{round}", TestKeys.Applied(), CancellationToken.None);
                }),
                Task.Run(async () =>
                {
                    start.SignalAndWait();
                    return await two.ReplaceBillingProfileAsync(agent, ContosoId,
                        read.Billing with { FirstName = "Żaneta" }, read.Billing.Etag, $"two-{round}", TestKeys.Applied(), CancellationToken.None);
                }));

            var winner = Assert.Single(results, r => r.Status == WriteStatus.Applied);
            var loser = Assert.Single(results, r => r.Status == WriteStatus.Conflict);
            Assert.Equal(winner.Current, loser.Current);
            Assert.Equal(winner.Current, (await ContosoAsync(one)).Billing);
        }
    }

    [Fact]
    public async Task Allowing_purchases_with_an_Azure_plan_is_applied_with_a_policy()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);
        var admin = await test.AuthorizeAsync(DemoData.MeganBowenId, PartnerAction.ChangePurchasePermission);

        var result = await directory.SetPurchasePermissionAsync(admin, ContosoId, true, "allow-1", TestKeys.Applied(), CancellationToken.None);

        Assert.Equal(WriteStatus.Applied, result.Status);
        Assert.True(result.Current!.IsAllowed);
        Assert.NotNull(result.Current.PolicyId);
        Assert.Null(result.Reason);
        Assert.Equal(result.Current, (await ContosoAsync(directory)).PurchasePermission);

        var replay = await directory.SetPurchasePermissionAsync(admin, ContosoId, false, "allow-1", TestKeys.Applied(), CancellationToken.None);
        Assert.Equal(WriteStatus.AlreadyApplied, replay.Status);
        Assert.Equal(result.Current, replay.Current);
        Assert.True((await ContosoAsync(directory)).PurchasePermission.IsAllowed);
    }

    [Fact]
    public async Task Allowing_what_is_allowed_keeps_the_policy_and_revoking_removes_it()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);
        var admin = await test.AdminAsync(PartnerAction.ChangePurchasePermission);
        var before = (await directory.GetAccountAsync(TestKeys.Read, FabrikamId, CancellationToken.None))!.PurchasePermission;

        var again = await directory.SetPurchasePermissionAsync(admin, FabrikamId, true, "again", TestKeys.Applied(), CancellationToken.None);
        var revoked = await directory.SetPurchasePermissionAsync(admin, FabrikamId, false, "revoke", TestKeys.Applied(), CancellationToken.None);

        Assert.True(before.IsAllowed);
        Assert.Equal(WriteStatus.Applied, again.Status);
        Assert.Equal(before, again.Current);
        Assert.Equal(WriteStatus.Applied, revoked.Status);
        Assert.Equal(new PurchasePermission(false, null), revoked.Current);
        Assert.Equal(revoked.Current, (await directory.GetAccountAsync(TestKeys.Read, FabrikamId, CancellationToken.None))!.PurchasePermission);
    }

    [Fact]
    public async Task Without_an_Azure_plan_allowing_is_rejected()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);
        var admin = await test.AdminAsync(PartnerAction.ChangePurchasePermission);

        var result = await directory.SetPurchasePermissionAsync(admin, TailspinId, true, "tailspin", TestKeys.Applied(), CancellationToken.None);

        Assert.Equal(WriteStatus.Rejected, result.Status);
        Assert.Equal(SqliteCustomerDirectory.NoAzurePlanReason, result.Reason);
        Assert.False(result.Current!.IsAllowed);
        Assert.False((await directory.GetAccountAsync(TestKeys.Read, TailspinId, CancellationToken.None))!.PurchasePermission.IsAllowed);
        Assert.Equal(WriteStatus.NotFound,
            (await directory.SetPurchasePermissionAsync(admin, "no-such-customer", true, "nf", TestKeys.Applied(), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task An_applied_write_commits_with_its_audit_entry_and_a_failing_audit_insert_leaves_no_change()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (directory, _) = await DirectoryAsync(test);
        var log = new Audit.SqliteAuditLog(test.Database);
        var agent = await test.AuthorizeAsync(DemoData.AlexWilberId, PartnerAction.UpdateBillingProfile);
        var before = await ContosoAsync(directory);
        var applied = TestKeys.Applied(ContosoId, "op-audited");

        var result = await directory.ReplaceBillingProfileAsync(
            agent, ContosoId, before.Billing with { FirstName = "Jędrzej" }, before.Billing.Etag, "op-audited", applied, CancellationToken.None);
        var replay = await directory.ReplaceBillingProfileAsync(
            agent, ContosoId, before.Billing with { FirstName = "Jędrzej" }, before.Billing.Etag, "op-audited", TestKeys.Applied(ContosoId), CancellationToken.None);

        Assert.Equal(WriteStatus.Applied, result.Status);
        Assert.Equal(WriteStatus.AlreadyApplied, replay.Status);
        Assert.Equal(applied.Id, Assert.Single(await log.ListForCustomerAsync(TestKeys.Read, ContosoId, 0, 10, CancellationToken.None)).Id);

        // The audit table refuses inserts (a full disk or a broken trail would): the change must not stay.
        var written = await ContosoAsync(directory);
        await using (var connection = await test.Database.OpenConnectionAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END";
            await command.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => directory.ReplaceBillingProfileAsync(
            agent, ContosoId, written.Billing with { FirstName = "Żaneta" }, written.Billing.Etag, "op-unaudited", TestKeys.Applied(ContosoId), CancellationToken.None));

        Assert.Equal(written, await ContosoAsync(directory));
        Assert.Single(await log.ListForCustomerAsync(TestKeys.Read, ContosoId, 0, 10, CancellationToken.None));
    }
}
