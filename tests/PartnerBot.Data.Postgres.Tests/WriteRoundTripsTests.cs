using Npgsql;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>
/// A confirmed change on PostgreSQL sends its statements in three round trips, not one per statement: the customer's
/// locked read with the operation's check, the change with its operation record and audit entry, the commit. Still
/// all or nothing: a change whose audit entry cannot be written leaves the customer as it was, and may be applied again.
/// </summary>
public sealed class WriteRoundTripsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string> Postgres => TestPostgres.Enabled ? new TheoryData<string> { StoreUnderTest.Postgres } : [];

    private static CustomerAccount Contoso => DemoData.Customers.First(c => c.Company.CompanyName.StartsWith("Contoso", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_billing_change_and_a_purchase_switch_each_take_three_round_trips_and_a_replay_two(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var writer = await store.AuthorizeAsync(DemoData.AdeleVanceId, PartnerAction.UpdateBillingProfile);
        var switcher = await store.AuthorizeAsync(DemoData.AdeleVanceId, PartnerAction.ChangePurchasePermission);
        var before = (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!;
        using var commands = new ServerCommands(store.ConnectionString!);

        var billing = await store.Writer.ReplaceBillingProfileAsync(
            writer, before.CustomerId, before.Billing with { Email = "three@contoso.com" }, before.Billing.Etag, "op-billing", Applied(), None);
        var billingTrips = commands.Count;
        var purchases = await store.Writer.SetPurchasePermissionAsync(switcher, before.CustomerId, !before.PurchasePermission.IsAllowed, "op-switch", Applied(), None);
        var switchTrips = commands.Count - billingTrips;
        var replay = await store.Writer.SetPurchasePermissionAsync(switcher, before.CustomerId, !before.PurchasePermission.IsAllowed, "op-switch", Applied(), None);
        var replayTrips = commands.Count - billingTrips - switchTrips;

        Assert.Equal(WriteStatus.Applied, billing.Status);
        Assert.Equal(WriteStatus.Applied, purchases.Status);
        Assert.Equal(WriteStatus.AlreadyApplied, replay.Status);
        // Besides the commit (or the replay's rollback), which Npgsql does not trace as a command.
        Assert.Equal((2, 2, 1), (billingTrips, switchTrips, replayTrips));
        var after = (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!;
        Assert.Equal("three@contoso.com", after.Billing.Email);
        Assert.Equal(!before.PurchasePermission.IsAllowed, after.PurchasePermission.IsAllowed);
        Assert.Equal(2, (await store.Audit.ListForCustomerAsync(await store.ReadKeyAsync(), Contoso.CustomerId, 0, 10, None)).Count);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_change_whose_audit_entry_cannot_be_written_changes_nothing_and_applies_when_tried_again(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var writer = await store.AuthorizeAsync(DemoData.AdeleVanceId, PartnerAction.UpdateBillingProfile);
        var before = (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!;
        var proposed = before.Billing with { Email = "audited@contoso.com" };

        await ExecuteAsync(store.ConnectionString!, "ALTER TABLE audit_log RENAME TO audit_log_away");
        try
        {
            await Assert.ThrowsAsync<PostgresException>(() => store.Writer.ReplaceBillingProfileAsync(
                writer, before.CustomerId, proposed, before.Billing.Etag, "op-audited", Applied(), None));
        }
        finally
        {
            await ExecuteAsync(store.ConnectionString!, "ALTER TABLE audit_log_away RENAME TO audit_log");
        }

        Assert.Equal(before.Billing, (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!.Billing);
        var again = await store.Writer.ReplaceBillingProfileAsync(writer, before.CustomerId, proposed, before.Billing.Etag, "op-audited", Applied(), None);
        Assert.Equal(WriteStatus.Applied, again.Status);
        Assert.Equal("audited@contoso.com", (await store.Directory.GetAccountAsync(await store.ReadKeyAsync(), Contoso.CustomerId, None))!.Billing.Email);
    }

    private static Domain.Audit.AuditEntry Applied() => StoreUnderTest.Applied() with { CustomerId = Contoso.CustomerId };

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
