using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Tests.Accounts;

public sealed class AccountUpdateServiceTests
{
    private readonly FakeRoles _roles = new();
    private readonly FakeAudit _audit = new();
    private readonly FakeAccounts _accounts = new(new CustomerAccount(
        "c1", new CompanyProfile("c1", "zaklady.onmicrosoft.com", "Zakłady", null), Samples.PolishProfile, true, new PurchasePermission(false, null)));

    public AccountUpdateServiceTests() => _accounts.Audit = _audit;

    private AccountUpdateService Service() =>
        new(new AccountAuthorization(_roles, new RolePolicy(), TimeProvider.System), _accounts, _audit, TimeProvider.System);

    private static BillingUpdateRequest Request(string email, string operationId = "op-1", BillingProfile? reviewed = null) =>
        new("c1", "Zakłady", reviewed ?? Samples.PolishProfile, (reviewed ?? Samples.PolishProfile) with { Email = email }, operationId, "activity-1");

    [Fact]
    public async Task A_sales_agent_updates_and_the_change_is_recorded_field_by_field()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        _roles.Names["alex"] = "Alex Wilber";
        var outcome = await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);

        Assert.Equal(BillingUpdateStatus.Applied, outcome.Status);
        Assert.Equal("nowy@zaklady.pl", _accounts.Account.Billing.Email);
        var entry = Assert.Single(_audit.Entries);
        Assert.Equal(AuditOutcome.Applied, entry.Outcome);
        Assert.Equal(new FieldChange("Email", "faktury@zakladymiesne.pl", "nowy@zaklady.pl"), Assert.Single(entry.Changes));
        Assert.Equal("Alex Wilber", entry.ActorName);
    }

    [Theory]
    [InlineData(PartnerRole.HelpdeskAgent)]
    [InlineData(PartnerRole.BillingAdmin)]
    public async Task Roles_the_policy_does_not_name_are_refused_nothing_written_refusal_recorded(PartnerRole role)
    {
        _roles.Roles["alex"] = [role];
        var outcome = await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);

        Assert.Equal(BillingUpdateStatus.Refused, outcome.Status);
        Assert.Equal([PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent], outcome.AllowedRoles);
        Assert.Equal(0, _accounts.Writes);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_audit.Entries).Outcome);
    }

    [Fact]
    public async Task The_role_is_looked_up_at_submit_so_a_role_removed_after_review_counts()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        var service = Service();
        _roles.Roles.Remove("alex");
        var outcome = await service.SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);
        Assert.Equal(BillingUpdateStatus.Refused, outcome.Status);
        Assert.Equal(0, _accounts.Writes);
        Assert.Equal([RoleFreshness.Current], _roles.Asked);
    }

    [Fact]
    public async Task A_steps_check_may_use_the_person_as_read_this_turn_a_look_a_recent_answer_and_a_submit_asks_now()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        var authorization = new AccountAuthorization(_roles, new RolePolicy(), TimeProvider.System);

        Assert.True((await authorization.AuthorizeStepAsync(Samples.Alex, PartnerAction.UpdateBillingProfile, CancellationToken.None)).IsAllowed);
        Assert.True((await authorization.AuthorizeStepAsync(Samples.Alex, PartnerAction.ViewAccount, CancellationToken.None)).MayView);
        Assert.True((await authorization.AuthorizeReadAsync(Samples.Alex, CancellationToken.None)).MayView);
        Assert.True((await authorization.AuthorizeAsync(Samples.Alex, PartnerAction.UpdateBillingProfile, CancellationToken.None)).IsAllowed);

        Assert.Equal([RoleFreshness.ThisTurn, RoleFreshness.RecentEnough, RoleFreshness.RecentEnough, RoleFreshness.Current], _roles.Asked);
    }

    [Fact]
    public async Task A_conflict_of_one_activity_run_again_is_recorded_once_and_a_new_press_records_another()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        _accounts.Account = _accounts.Account with { Billing = Samples.PolishProfile with { FirstName = "Zofia", Etag = "etag-9" } };

        // The same turn run again after another instance saved the conversation first: same activity, same change.
        await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);
        await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);
        Assert.Equal(AuditOutcome.Conflict, Assert.Single(_audit.Entries).Outcome);

        await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl") with { ActivityId = "activity-2" }, CancellationToken.None);
        Assert.Equal(2, _audit.Entries.Count(e => e.Outcome == AuditOutcome.Conflict));
    }

    [Fact]
    public async Task A_stale_etag_shows_what_changed_since_review_and_rebasing_applies_the_edits_on_top()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        var someoneElse = Samples.PolishProfile with { FirstName = "Zofia", Etag = "etag-9" };
        _accounts.Account = _accounts.Account with { Billing = someoneElse };

        var outcome = await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);

        Assert.Equal(BillingUpdateStatus.Conflict, outcome.Status);
        Assert.Equal(new FieldChange("FirstName", "Łucja", "Zofia"), Assert.Single(outcome.ChangedSinceReview!));
        Assert.Equal("Zofia", _accounts.Account.Billing.FirstName);
        Assert.Equal(AuditOutcome.Conflict, Assert.Single(_audit.Entries).Outcome);

        var rebased = BillingChanges.Rebase(Samples.PolishProfile, Samples.PolishProfile with { Email = "nowy@zaklady.pl" }, outcome.Current!);
        var retry = await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl", "op-2", outcome.Current) with { Proposed = rebased }, CancellationToken.None);

        Assert.Equal(BillingUpdateStatus.Applied, retry.Status);
        Assert.Equal("Zofia", _accounts.Account.Billing.FirstName);
        Assert.Equal("nowy@zaklady.pl", _accounts.Account.Billing.Email);
    }

    [Fact]
    public async Task The_same_operation_twice_changes_once()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        var first = await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);
        var replay = await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);
        Assert.Equal(BillingUpdateStatus.Applied, first.Status);
        Assert.Equal(BillingUpdateStatus.AlreadyApplied, replay.Status);
        Assert.Equal(1, _accounts.Writes);
        Assert.Single(_audit.Entries);
    }

    [Fact]
    public async Task A_backend_failure_is_an_outcome_not_an_exception_and_a_retry_succeeds()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        _accounts.FailWith = new HttpRequestException("Partner Center is down");
        var failed = await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);
        Assert.Equal(BillingUpdateStatus.Failed, failed.Status);
        Assert.Equal("faktury@zakladymiesne.pl", _accounts.Account.Billing.Email);

        _accounts.FailWith = null;
        var retried = await Service().SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);
        Assert.Equal(BillingUpdateStatus.Applied, retried.Status);
        Assert.Equal([AuditOutcome.Failed, AuditOutcome.Applied], _audit.Entries.Select(e => e.Outcome));
    }

    [Fact]
    public async Task Nothing_to_change_writes_nothing_and_records_nothing()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        var outcome = await Service().SubmitAsync(Samples.Alex, Request(Samples.PolishProfile.Email), CancellationToken.None);
        Assert.Equal(BillingUpdateStatus.NothingToChange, outcome.Status);
        Assert.Equal(0, _accounts.Writes);
        Assert.Empty(_audit.Entries);
    }

    [Fact]
    public async Task When_the_channel_sent_no_name_the_audit_names_the_person_from_the_staff_record()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        _roles.Names["alex"] = "Alex Wilber";
        var nameless = Samples.Alex with { DisplayName = "alex" };
        await Service().SubmitAsync(nameless, Request("nowy@zaklady.pl"), CancellationToken.None);
        Assert.Equal("Alex Wilber", Assert.Single(_audit.Entries).ActorName);
    }

    [Fact]
    public async Task A_narrower_configured_policy_replaces_the_default()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        var policy = new RolePolicy { UpdateBillingProfile = [PartnerRole.GlobalAdmin] };
        var service = new AccountUpdateService(new AccountAuthorization(_roles, policy, TimeProvider.System), _accounts, _audit, TimeProvider.System);
        var outcome = await service.SubmitAsync(Samples.Alex, Request("nowy@zaklady.pl"), CancellationToken.None);
        Assert.Equal(BillingUpdateStatus.Refused, outcome.Status);
        Assert.Equal([PartnerRole.GlobalAdmin], outcome.AllowedRoles);
    }

    [Fact]
    public async Task A_name_the_client_made_up_is_not_the_audit_s_actor_the_staff_record_is()
    {
        _roles.Roles["alex"] = [PartnerRole.SalesAgent];
        _roles.Names["alex"] = "Alex Wilber";
        var impostor = Samples.Alex with { DisplayName = "Satya Nadella" };

        await Service().SubmitAsync(impostor, Request("nowy@zaklady.pl"), CancellationToken.None);
        await Service().SubmitAsync(impostor, Request("inny@zaklady.pl", "op-2", _accounts.Account.Billing), CancellationToken.None);

        Assert.Equal(["Alex Wilber", "Alex Wilber"], _audit.Entries.Select(e => e.ActorName));
    }
}
