using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// People who may not look at accounts (Billing admin, no role, not staff at all) are refused at the first
/// step of every conversation, and nothing they are sent carries a customer's name or contact details.
/// </summary>
public class FirstStepRefusalTests : IAsyncLifetime
{
    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");
    private static readonly string Contoso = DemoData.CustomerIdFor("contoso.onmicrosoft.com");
    private BotHarness _bot = null!;

    /// <summary>The bot on the demo database; the derived class runs every conversation again on the Partner Center connector.</summary>
    private protected virtual Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartAsync(configure);

    public async Task InitializeAsync() => _bot = await StartBotAsync(null);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string, string, string> Attempts()
    {
        string[] people = ["Lynne", "Patti", "Stranger"];
        (string Locale, string Words)[] asks =
        [
            ("en-US", "update zaklady miesne krasnik"),
            ("en-US", "allow Contoso to buy its own products"),
            ("en-US", "can Contoso buy reservations?"),
            ("en-US", "history Contoso"),
            ("en-US", "update"),
            ("pl-PL", "aktualizuj zakłady mięsne kraśnik"),
            ("pl-PL", "wyłącz zakupy dla Contoso"),
            ("pl-PL", "historia Contoso"),
        ];
        var data = new TheoryData<string, string, string>();
        foreach (var person in people)
        {
            foreach (var (locale, words) in asks)
            {
                data.Add(person, locale, words);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task Someone_who_may_not_view_is_refused_at_once_with_their_role_and_no_account_data(string who, string locale, string words)
    {
        var person = Person(who);
        var chat = new TeamsConversation(_bot.Bot);

        var replies = await chat.SayAsync(person, words, locale);

        var refusal = Assert.Single(replies);
        Assert.Empty(refusal.Attachments ?? []);
        var (held, allowed) = locale == "pl-PL"
            ? (who == "Lynne" ? "Twoja rola to Administrator rozliczeń" : "nie masz żadnej roli w Partner Center", "Konta mogą przeglądać: Administrator globalny, Agent administracyjny, Agent sprzedaży, Agent pomocy technicznej.")
            : (who == "Lynne" ? "your role is Billing admin" : "you have no Partner Center role", "Accounts can be seen by: Global admin, Admin agent, Sales agent, Helpdesk agent.");
        Assert.Contains(held, refusal.Text, StringComparison.Ordinal);
        Assert.EndsWith(allowed, refusal.Text, StringComparison.Ordinal);
        await AssertNoAccountDataAsync(replies);
        Assert.Empty(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("Lynne")]
    [InlineData("Patti")]
    [InlineData("Stranger")]
    public async Task A_bare_customer_name_is_not_looked_up_for_someone_who_may_not_view(string who)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var replies = await chat.SayAsync(Person(who), "zaklady miesne krasnik");

        Assert.StartsWith("Sorry, I didn't get that.", Assert.Single(replies).Text, StringComparison.Ordinal);
        await AssertNoAccountDataAsync(replies);
    }

    [Theory]
    [InlineData("Lynne", "updateAccount")]
    [InlineData("Patti", "purchasePermission")]
    [InlineData("Stranger", "history")]
    public async Task The_welcome_card_s_buttons_are_refused_the_same_way(string who, string action)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var replies = await chat.SendAsync(TeamsActivities.Submit(Person(who), new Dictionary<string, string> { ["action"] = action }));

        var refusal = Assert.Single(replies);
        Assert.StartsWith("You can't see customers' accounts:", refusal.Text, StringComparison.Ordinal);
        await AssertNoAccountDataAsync(replies);
    }

    [Fact]
    public async Task A_helpdesk_agent_asking_to_update_is_told_at_once_who_may_change_billing()
    {
        var chat = new TeamsConversation(_bot.Bot);

        var refusal = Assert.Single(await chat.SayAsync(People.Isaiah, "update zaklady miesne krasnik"));

        Assert.Equal(
            "You can't change billing information: your role is Helpdesk agent. It can be changed by: Global admin, Admin agent, Sales agent.",
            refusal.Text);
    }

    [Fact]
    public async Task A_helpdesk_agent_who_opens_an_account_is_stopped_at_edit_before_any_form()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var account = Assert.Single(await chat.SayAsync(People.Isaiah, "zaklady miesne krasnik"));
        Assert.Contains("zmkrasnik.onmicrosoft.com", CardReader.Text(account), StringComparison.Ordinal);

        // The card offers no edit button to a Helpdesk agent; a press of one anyway (a forged or older card's) meets the check.
        Assert.DoesNotContain(CardReader.Actions(CardReader.Content(account)), a => (string?)a["title"] == "Edit billing information");
        var refusal = Assert.Single(await chat.SendAsync(TeamsActivities.Execute(People.Isaiah, "editBilling", [], replyToId: account.Id)));

        // Said on the pressed account card, in place of its buttons: no form.
        Assert.StartsWith("You can't change billing information: your role is Helpdesk agent.", refusal.Text, StringComparison.Ordinal);
        Assert.Empty(CardReader.Actions(CardReader.Content(refusal)));
        Assert.Empty(CardReader.Inputs(CardReader.Content(refusal)));
    }

    [Fact]
    public async Task A_role_removed_after_the_customer_choice_stops_the_account_card()
    {
        var chat = new TeamsConversation(_bot.Bot);
        // A typo, so the customer is chosen on a second turn ("did you mean"), after the role is gone.
        var offer = Assert.Single(await chat.SayAsync(People.Alex, "update zaklady miesne krasnk"));

        await _bot.Roles.RevokeRoleAsync(DemoData.AlexWilberId, Domain.Staff.PartnerRole.SalesAgent, CancellationToken.None);
        var replies = await chat.PressAsync(People.Alex, offer, "Yes");

        Assert.StartsWith("You can't see customers' accounts: you have no Partner Center role.", Assert.Single(replies).Text, StringComparison.Ordinal);
        await AssertNoAccountDataAsync(replies, includeName: false);
    }

    private static Microsoft.Bot.Schema.ChannelAccount Person(string who) => who switch
    {
        "Lynne" => People.Lynne,
        "Patti" => People.Patti,
        _ => People.Stranger,
    };

    /// <summary>No customer's e-mail, phone, street, postal code or name (read from the database now) appears in any reply.</summary>
    private async Task AssertNoAccountDataAsync(IEnumerable<IMessageActivity> replies, bool includeName = true)
    {
        var everything = string.Join("\n", replies.Select(r =>
            (r.Text ?? string.Empty) + "\n" + string.Join("\n", (r.Attachments ?? []).Select(a => Newtonsoft.Json.JsonConvert.SerializeObject(a.Content)))));
        foreach (var id in new[] { Krasnik, Contoso })
        {
            var account = (await _bot.Directory.GetAccountAsync(_bot.Reader, id, CancellationToken.None))!;
            var billing = account.Billing;
            string?[] secrets =
            [
                billing.Email, billing.DefaultAddress.PhoneNumber, billing.DefaultAddress.AddressLine1, billing.DefaultAddress.PostalCode,
                billing.LastName, account.Company.Domain, account.Company.RegistrationNumber, includeName ? billing.CompanyName : null,
            ];
            foreach (var secret in secrets.Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                Assert.DoesNotContain(secret!, everything, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}

/// <summary>The same conversations on the Partner Center connector, against a stand-in holding the demo customers.</summary>
public sealed class FirstStepRefusalOnPartnerCenterTests : FirstStepRefusalTests
{
    private protected override Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartOnPartnerCenterAsync(configure);
}
