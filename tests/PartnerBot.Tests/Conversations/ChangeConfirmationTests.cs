using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// The one confirm → submit → outcome path both writes share: the same recovery card after a failure, the same
/// answer to a press of the confirm card once its retry card is out, and a stale etag recovered as a new change.
/// </summary>
public sealed class ChangeConfirmationTests : IAsyncLifetime
{
    private const string Email = "billing.Email";
    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");
    private static readonly string Contoso = DemoData.CustomerIdFor("contoso.onmicrosoft.com");

    private FlakyWriter _writer = null!;
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(services =>
        services.AddSingleton<ICustomerAccountWriter>(sp => _writer = new FlakyWriter(sp.GetRequiredService<SqliteCustomerDirectory>())));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string> Writes => new() { "billing", "purchase" };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task After_a_backend_failure_both_writes_offer_the_same_retry_card_and_try_again_applies_the_change_once(string write)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var (confirm, button, customer) = await ConfirmCardAsync(chat, write);

        _writer.FailuresLeft = 1;
        var retry = Assert.Single(await chat.PressAsync(Person(write), confirm, button));

        Assert.Equal(["Try again", "Cancel"], Buttons(retry));
        Assert.Equal(ChangeIdOf(confirm), ChangeIdOf(retry));
        Assert.False(await AppliedAsync(write));

        var done = Assert.Single(await chat.PressAsync(Person(write), retry, "Try again"));

        Assert.Empty(Buttons(done));
        Assert.True(await AppliedAsync(write));
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Failed], await OutcomesAsync(customer));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task The_confirm_card_pressed_after_its_retry_card_was_sent_submits_the_same_change_and_it_applies_once(string write)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var (confirm, button, customer) = await ConfirmCardAsync(chat, write);
        _writer.FailuresLeft = 1;
        var retry = Assert.Single(await chat.PressAsync(Person(write), confirm, button));

        // The user scrolls up and presses the confirm card again rather than the retry card: the same change, same id.
        var done = Assert.Single(await chat.PressAsync(Person(write), confirm, button));

        Assert.Empty(Buttons(done));
        Assert.True(await AppliedAsync(write));
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Failed], await OutcomesAsync(customer));

        // Then the retry card is spent: it cannot apply the change a second time.
        var again = Assert.Single(await chat.PressAsync(Person(write), retry, "Try again"));
        Assert.DoesNotContain("updated", CardReader.Text(again), StringComparison.OrdinalIgnoreCase);
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Failed], await OutcomesAsync(customer));
    }

    [Fact]
    public async Task After_a_stale_etag_the_old_confirm_card_is_out_of_date_and_the_edits_go_on_top_as_a_new_change()
    {
        var alex = new TeamsConversation(_bot.Bot, "a:alex");
        var megan = new TeamsConversation(_bot.Bot, "a:megan");
        var (alexConfirm, _, _) = await ConfirmCardAsync(alex, "billing");
        var (meganConfirm, _, _) = await ConfirmCardAsync(megan, "billing", People.Megan, "megan@zmkrasnik.pl");
        Assert.Empty(Buttons(Assert.Single(await megan.PressAsync(People.Megan, meganConfirm, "Confirm"))));

        var conflict = Assert.Single(await alex.PressAsync(People.Alex, alexConfirm, "Confirm"));
        Assert.Contains("Someone else changed", CardReader.Text(conflict), StringComparison.Ordinal);
        Assert.NotEqual(ChangeIdOf(alexConfirm), ChangeIdOf(conflict));

        var stale = Assert.Single(await alex.PressAsync(People.Alex, alexConfirm, "Confirm"));
        Assert.Equal("That card is out of date. Please use the latest one.", stale.Text);
        Assert.Equal("megan@zmkrasnik.pl", (await AccountAsync(Krasnik)).Billing.Email);

        var reconfirm = Assert.Single(await alex.PressAsync(People.Alex, conflict, "Apply my edits on top"));
        Assert.NotEqual(ChangeIdOf(conflict), ChangeIdOf(reconfirm));
        Assert.Empty(Buttons(Assert.Single(await alex.PressAsync(People.Alex, reconfirm, "Confirm"))));
        Assert.Equal("alex@zmkrasnik.pl", (await AccountAsync(Krasnik)).Billing.Email);
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Conflict, AuditOutcome.Applied], await OutcomesAsync(Krasnik));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Typing_yes_does_what_the_first_button_does_on_the_confirm_card_and_on_the_retry_card(string write)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var (_, _, customer) = await ConfirmCardAsync(chat, write);
        _writer.FailuresLeft = 1;

        var retry = Assert.Single(await chat.SayAsync(Person(write), "yes"));
        Assert.Equal(["Try again", "Cancel"], Buttons(retry));
        Assert.False(await AppliedAsync(write));

        var done = Assert.Single(await chat.SayAsync(Person(write), "Tak"));
        Assert.Empty(Buttons(done));
        Assert.True(await AppliedAsync(write));
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Failed], await OutcomesAsync(customer));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Typing_no_on_the_confirm_card_cancels_and_writes_nothing(string write)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var (_, _, customer) = await ConfirmCardAsync(chat, write);

        var cancelled = Assert.Single(await chat.SayAsync(Person(write), "nie"));

        Assert.Contains("Nothing was changed", CardReader.Text(cancelled), StringComparison.Ordinal);
        Assert.Empty(Buttons(cancelled));
        Assert.False(await AppliedAsync(write));
        Assert.Empty(await OutcomesAsync(customer));
    }

    private static ChannelAccount Person(string write) => write == "billing" ? People.Alex : People.Adele;

    /// <summary>The write's confirm card, the title of its Confirm button, and the customer it changes.</summary>
    private static async Task<(IMessageActivity Card, string Button, string Customer)> ConfirmCardAsync(
        TeamsConversation chat, string write, ChannelAccount? person = null, string email = "alex@zmkrasnik.pl")
    {
        person ??= Person(write);
        if (write == "purchase")
        {
            return (Assert.Single(await chat.SayAsync(person, "allow Contoso to buy its own products")), "Allow purchases", Contoso);
        }

        var account = Assert.Single(await chat.SayAsync(person, "update zaklady miesne krasnik"));
        var form = Assert.Single(await chat.PressAsync(person, account, "Edit billing information"));
        var confirm = Assert.Single(await chat.PressAsync(person, form, "Review changes", new Dictionary<string, string> { [Email] = email }));
        return (confirm, "Confirm", Krasnik);
    }

    private async Task<bool> AppliedAsync(string write) => write == "purchase"
        ? (await AccountAsync(Contoso)).PurchasePermission.IsAllowed
        : (await AccountAsync(Krasnik)).Billing.Email == "alex@zmkrasnik.pl";

    private async Task<CustomerAccount> AccountAsync(string customerId) =>
        (await _bot.Customers.GetAccountAsync(_bot.Reader, customerId, CancellationToken.None))!;

    private async Task<AuditOutcome[]> OutcomesAsync(string customerId) =>
        [.. (await _bot.Audit.ListForCustomerAsync(_bot.Reader, customerId, 0, 10, CancellationToken.None)).Select(e => e.Outcome)];

    private static string[] Buttons(IMessageActivity card) =>
        CardReader.IsCard(card) ? [.. CardReader.Actions(CardReader.Content(card)).Select(a => (string)a["title"]!)] : [];

    private static string? ChangeIdOf(IMessageActivity card) =>
        CardReader.Actions(CardReader.Content(card)).Select(a => (string?)a["data"]?["changeId"]).FirstOrDefault(id => id is not null);
}
