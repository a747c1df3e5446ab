using PartnerBot.Data.Audit;
using PartnerBot.Domain.Audit;

namespace PartnerBot.Data.Tests;

public sealed class SqliteAuditLogTests
{
    private static AuditEntry Entry(string customerId, DateTimeOffset at, AuditOutcome outcome = AuditOutcome.Applied) => new(
        Guid.NewGuid(), at, customerId, "Zakłady Mięsne Kraśnik Sp. z o.o.", "00000000-0000-0000-0000-0000000000020",
        "Alex Wilber", AuditAction.BillingProfileUpdate, outcome,
        [new FieldChange("email", "stary@zmkrasnik.pl", "faktury@zmkrasnik.pl"), new FieldChange("phone", null, "+48 81 825 14 30")],
        "activity-1", "op-1", outcome == AuditOutcome.Refused ? "Role SalesAgent required" : null);

    [Fact]
    public async Task Entries_round_trip_newest_first_and_page()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var log = new SqliteAuditLog(test.Database);
        var start = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));
        var entries = Enumerable.Range(0, 5)
            .Select(i => Entry("customer-1", start.AddMinutes(i), i == 2 ? AuditOutcome.Refused : AuditOutcome.Applied))
            .ToList();
        // Recorded out of order: the order read back comes from the time, not from the insert.
        foreach (var entry in entries.OrderBy(_ => Guid.NewGuid()))
        {
            await log.RecordAsync(entry, CancellationToken.None);
        }

        await log.RecordAsync(Entry("customer-2", start.AddHours(1)), CancellationToken.None);

        var all = await log.ListForCustomerAsync(TestKeys.Read, "customer-1", 0, 10, CancellationToken.None);
        var page = await log.ListForCustomerAsync(TestKeys.Read, "customer-1", 2, 2, CancellationToken.None);

        Assert.Equal(entries.Select(e => e.Id).Reverse(), all.Select(e => e.Id));
        Assert.Equal([entries[2].Id, entries[1].Id], page.Select(e => e.Id));
        var refused = all.Single(e => e.Id == entries[2].Id);
        Assert.Equal(entries[2].At, refused.At);
        Assert.Equal(TimeSpan.Zero, refused.At.Offset);
        Assert.Equal(entries[2].Changes, refused.Changes);
        Assert.Equal(entries[2] with { Changes = refused.Changes, At = refused.At }, refused);
        Assert.Empty(await log.ListForCustomerAsync(TestKeys.Read, "customer-1", 5, 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_entry_recorded_twice_is_kept_once_and_ties_keep_record_order()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var log = new SqliteAuditLog(test.Database);
        var at = DateTimeOffset.UtcNow;
        var first = Entry("c", at);
        var second = Entry("c", at);

        await log.RecordAsync(first, CancellationToken.None);
        await log.RecordAsync(first, CancellationToken.None);
        await log.RecordAsync(second, CancellationToken.None);

        var read = await log.ListForCustomerAsync(TestKeys.Read, "c", 0, 10, CancellationToken.None);
        Assert.Equal([second.Id, first.Id], read.Select(e => e.Id));
    }

    [Fact]
    public async Task An_outbox_intent_is_pending_until_completed_then_in_the_trail_once()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var log = new SqliteAuditLog(test.Database);
        var at = DateTimeOffset.UtcNow;
        var sent = Entry("remote", at);
        var lost = Entry("remote", at.AddSeconds(1));

        await log.RecordIntentAsync(sent, CancellationToken.None);
        await log.RecordIntentAsync(lost, CancellationToken.None);

        // Before completion: replayable, and not history.
        Assert.Equal([sent.Id, lost.Id], (await log.ListPendingAsync(CancellationToken.None)).Select(e => e.Id));
        Assert.Empty(await log.ListForCustomerAsync(TestKeys.Read, "remote", 0, 10, CancellationToken.None));

        await log.CompleteAsync(sent.Id, AuditOutcome.Applied, null, CancellationToken.None);
        await log.CompleteAsync(sent.Id, AuditOutcome.Failed, "late duplicate", CancellationToken.None);

        // A fresh instance, as after a restart: what was never completed is still there to replay.
        var restarted = new SqliteAuditLog(new SqliteDatabase(test.Path));
        var pending = Assert.Single(await restarted.ListPendingAsync(CancellationToken.None));
        Assert.Equal(lost.Id, pending.Id);
        await restarted.CompleteAsync(lost.Id, AuditOutcome.Failed, "NotAppliedRemotely", CancellationToken.None);

        Assert.Empty(await restarted.ListPendingAsync(CancellationToken.None));
        var trail = await restarted.ListForCustomerAsync(TestKeys.Read, "remote", 0, 10, CancellationToken.None);
        Assert.Equal([(lost.Id, AuditOutcome.Failed, "NotAppliedRemotely"), (sent.Id, AuditOutcome.Applied, (string?)null)],
            trail.Select(e => (e.Id, e.Outcome, e.Reason)));
        Assert.Equal(sent with { Changes = trail[1].Changes, At = trail[1].At }, trail[1]);
    }
}
