using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Bots;

public sealed class WelcomeTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("en-US", "Hi Alex Wilber!", "Sales agent", "Update a customer's account")]
    [InlineData("pl-PL", "Cześć, Alex Wilber!", "Agent sprzedaży", "Aktualizuj konto klienta")]
    public async Task Installing_the_bot_greets_the_user_by_name_with_their_role_in_their_language(
        string locale, string greeting, string role, string button)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var card = CardReader.Text(Assert.Single(await chat.SendAsync(TeamsActivities.BotInstalled(People.Alex, locale))));
        Assert.Contains(greeting, card, StringComparison.Ordinal);
        Assert.Contains(role, card, StringComparison.Ordinal);
        Assert.Contains(button, card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_update_without_the_senders_name_greets_by_the_staff_records_name()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var installed = TeamsActivities.BotInstalled(TeamsActivities.User(People.Adele.AadObjectId, string.Empty));
        var card = CardReader.Text(Assert.Single(await chat.SendAsync(installed)));
        Assert.Contains("Hi Adele Vance!", card, StringComparison.Ordinal);
        Assert.Contains("Global admin", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_without_a_role_is_told_they_can_neither_look_nor_change()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var card = CardReader.Text(Assert.Single(await chat.SendAsync(TeamsActivities.BotInstalled(People.Patti, "pl-PL"))));
        Assert.Contains("brak roli", card, StringComparison.Ordinal);
        Assert.Contains("nie mogę pokazać Ci kont klientów ani ich zmienić", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Alex", "Update a customer's account|History|Help")]
    [InlineData("Megan", "Update a customer's account|Purchase permission|History|Help")]
    [InlineData("Adele", "Update a customer's account|Purchase permission|History|Help")]
    [InlineData("Isaiah", "History|Help")]
    [InlineData("Lynne", "Help")]
    [InlineData("Patti", "Help")]
    public async Task The_welcome_card_offers_only_what_the_role_allows(string who, string buttons)
    {
        var person = who switch
        {
            "Alex" => People.Alex,
            "Megan" => People.Megan,
            "Adele" => People.Adele,
            "Isaiah" => People.Isaiah,
            "Lynne" => People.Lynne,
            _ => People.Patti,
        };
        var chat = new TeamsConversation(_bot.Bot);

        var card = Assert.Single(await chat.SendAsync(TeamsActivities.BotInstalled(person)));

        Assert.Equal(buttons.Split('|'), CardReader.Actions(CardReader.Content(card)).Select(a => (string?)a["title"]));
    }

    [Fact]
    public async Task A_billing_admin_is_told_who_may_see_accounts()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var card = CardReader.Text(Assert.Single(await chat.SendAsync(TeamsActivities.BotInstalled(People.Lynne))));
        Assert.Contains("Billing admin", card, StringComparison.Ordinal);
        Assert.Contains("Accounts can be seen by: Global admin, Admin agent, Sales agent, Helpdesk agent.", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "hello", "Hi Megan Bowen!")]
    [InlineData("pl-PL", "cześć", "Cześć, Megan Bowen!")]
    public async Task A_greeting_gets_the_welcome_card(string locale, string words, string greeting)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var card = CardReader.Text(Assert.Single(await chat.SayAsync(People.Megan, words, locale)));
        Assert.Contains(greeting, card, StringComparison.Ordinal);
        Assert.Contains(locale == "en-US" ? "Admin agent" : "Agent administracyjny", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "what is the weather", "Sorry, I didn't get that")]
    [InlineData("pl-PL", "jaka jest pogoda", "Przepraszam, nie zrozumiałem")]
    public async Task An_unknown_utterance_gets_a_short_hint_never_silence(string locale, string words, string hint)
    {
        var chat = new TeamsConversation(_bot.Bot);
        Assert.Contains(hint, Assert.Single(await chat.SayAsync(People.Alex, words, locale)).Text, StringComparison.Ordinal);
    }
}
