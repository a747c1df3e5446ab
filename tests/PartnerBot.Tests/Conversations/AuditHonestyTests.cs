using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// Every applied change is recorded exactly once, with the change, and the user never reads that nothing
/// changed when something did (issue 9, item 2).
/// </summary>
public sealed class AuditHonestyTests : IAsyncLifetime
{
    private const string Email = "billing.Email";
    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");
    private static readonly string Contoso = DemoData.CustomerIdFor("contoso.onmicrosoft.com");
    private AppliedThenLostWriter _writer = null!;
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(services =>
        services.AddSingleton<ICustomerAccountWriter>(sp => _writer = new AppliedThenLostWriter(sp.GetRequiredService<SqliteCustomerDirectory>())));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task When_the_audit_cannot_be_written_the_change_is_not_applied_and_the_user_is_not_told_it_was()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = await ConfirmCardAsync(chat, "nieaudytowany@zmkrasnik.pl");
        var before = await BillingAsync();
        await SqlAsync("CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END");

        var replies = await chat.PressAsync(People.Alex, confirm, "Confirm");

        var failure = Assert.Single(replies);
        Assert.Contains("Your edits are kept", CardReader.Text(failure), StringComparison.Ordinal);
        Assert.DoesNotContain("updated", AllText(replies), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await BillingAsync());

        // The trail is back: trying again applies the change and records it once.
        await SqlAsync("DROP TRIGGER audit_refuses");
        var done = Assert.Single(await chat.PressAsync(People.Alex, failure, "Try again"));
        Assert.Contains("Billing information updated", CardReader.Text(done), StringComparison.Ordinal);
        Assert.Equal("nieaudytowany@zmkrasnik.pl", (await BillingAsync()).Email);
        Assert.Single(await HistoryAsync(Krasnik), e => e.Outcome == AuditOutcome.Applied);
    }

    [Fact]
    public async Task A_change_applied_whose_answer_was_lost_is_recorded_once_and_never_reported_as_nothing_changed()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = await ConfirmCardAsync(chat, "zgubiona.odpowiedz@zmkrasnik.pl");
        _writer.LossesLeft = 1;

        var failure = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Confirm"));
        Assert.DoesNotContain("Nothing was changed", CardReader.Text(failure), StringComparison.OrdinalIgnoreCase);
        var again = await chat.PressAsync(People.Alex, failure, "Try again");

        Assert.Equal("zgubiona.odpowiedz@zmkrasnik.pl", (await BillingAsync()).Email);
        Assert.Contains("already submitted", AllText(again), StringComparison.Ordinal);
        Assert.Single(await HistoryAsync(Krasnik), e => e.Outcome == AuditOutcome.Applied);
    }

    [Fact]
    public async Task A_purchase_switch_applied_whose_answer_was_lost_does_not_say_nothing_was_changed()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = Assert.Single(await chat.SayAsync(People.Megan, "allow Contoso to buy its own products"));
        _writer.LossesLeft = 1;

        var replies = await chat.PressAsync(People.Megan, confirm, "Allow purchases");

        Assert.True((await _bot.Customers.GetAccountAsync(_bot.Reader, Contoso, CancellationToken.None))!.PurchasePermission.IsAllowed);
        Assert.DoesNotContain("Nothing was changed", AllText(replies), StringComparison.OrdinalIgnoreCase);
        Assert.Single(await HistoryAsync(Contoso), e => e.Outcome == AuditOutcome.Applied);
    }

    private static async Task<IMessageActivity> ConfirmCardAsync(TeamsConversation chat, string email)
    {
        var account = Assert.Single(await chat.SayAsync(People.Alex, "update zaklady miesne krasnik"));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, "Edit billing information"));
        return Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { [Email] = email }));
    }

    private async Task<BillingProfile> BillingAsync() =>
        (await _bot.Customers.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing;

    private Task<IReadOnlyList<AuditEntry>> HistoryAsync(string customerId) =>
        _bot.Audit.ListForCustomerAsync(_bot.Reader, customerId, 0, 20, CancellationToken.None);

    private async Task SqlAsync(string sql)
    {
        await using var connection = await _bot.Services.GetRequiredService<SqliteDatabase>().OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Everything the user reads in these replies: text and card text.</summary>
    private static string AllText(IEnumerable<IMessageActivity> replies) =>
        string.Join("\n", replies.Select(r => (r.Text ?? string.Empty) + "\n" + (r.Attachments?.Count > 0 ? CardReader.Text(r) : string.Empty)));
}
