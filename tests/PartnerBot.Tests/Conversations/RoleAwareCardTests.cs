using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// Cards offer only the buttons the person's role can use, and say who may do the rest; a customer without an
/// Azure plan gets no "Allow purchases", and its card says why. Typed words still reach the check at the step,
/// which refuses as before: the buttons are a courtesy, the check is the guard.
/// </summary>
public class RoleAwareCardTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    /// <summary>The bot on the demo database; the derived class runs every conversation again on the Partner Center connector.</summary>
    /// <summary>Whether the account card knows a missing Azure plan: the demo database does; Partner Center tells only at submit.</summary>
    private protected virtual bool AzurePlanKnownOnTheCard => true;

    private protected virtual Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartAsync(configure);

    public async Task InitializeAsync() => _bot = await StartBotAsync(null);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string, string, string[], string[]> AccountCards() => new()
    {
        // who, locale, buttons, notes the card carries instead of a missing button
        { "Adele", "en-US", ["Edit billing information", "Change purchase permission", "Done"], [] },
        { "Megan", "pl-PL", ["Edytuj informacje rozliczeniowe", "Zmień uprawnienia do zakupu", "Gotowe"], [] },
        { "Alex", "en-US", ["Edit billing information", "Done"], ["Purchase permission can be changed by: Global admin, Admin agent."] },
        { "Isaiah", "en-US", ["Done"], ["Billing information can be changed by: Global admin, Admin agent, Sales agent.", "Purchase permission can be changed by: Global admin, Admin agent."] },
        { "Isaiah", "pl-PL", ["Gotowe"], ["Informacje rozliczeniowe mogą zmieniać: Administrator globalny, Agent administracyjny, Agent sprzedaży.", "Uprawnienia do zakupu mogą zmieniać: Administrator globalny, Agent administracyjny."] },
    };

    [Theory]
    [MemberData(nameof(AccountCards))]
    public async Task The_account_card_offers_the_buttons_of_the_persons_role(string who, string locale, string[] buttons, string[] notes)
    {
        var account = await OpenAsync(Person(who), "contoso ltd", locale);

        Assert.Equal(buttons, Buttons(account));
        foreach (var note in notes)
        {
            Assert.Contains(note, CardReader.Text(account), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_customer_without_an_Azure_plan_has_no_purchase_switch_and_the_card_says_why()
    {
        var account = await OpenAsync(People.Megan, "tailspin toys", "en-US");
        if (!AzurePlanKnownOnTheCard)
        {
            // Partner Center tells only by refusing the policy at submit (PurchasePermissionConversationTests).
            Assert.Equal(["Edit billing information", "Change purchase permission", "Done"], Buttons(account));
            Assert.DoesNotContain("no Azure plan", CardReader.Text(account), StringComparison.Ordinal);
            return;
        }

        Assert.Equal(["Edit billing information", "Done"], Buttons(account));
        Assert.Contains("This customer has no Azure plan bought through you, so purchases cannot be allowed.", CardReader.Text(account), StringComparison.Ordinal);

        var state = await AskAsync(new TeamsConversation(_bot.Bot), People.Megan, "can Tailspin Toys buy reservations?");
        Assert.Equal(["Done"], Buttons(state));
        Assert.Contains("no Azure plan", CardReader.Text(state), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Megan", "can Contoso buy reservations?", new[] { "Allow purchases", "Done" })]
    [InlineData("Megan", "can Fabrikam buy reservations?", new[] { "Turn off purchases", "Done" })]
    [InlineData("Alex", "can Contoso buy reservations?", new[] { "Done" })]
    [InlineData("Isaiah", "can Fabrikam buy reservations?", new[] { "Done" })]
    public async Task The_purchase_state_card_offers_the_switch_only_to_who_may_use_it(string who, string words, string[] buttons)
    {
        var state = await AskAsync(new TeamsConversation(_bot.Bot), Person(who), words);

        Assert.Equal(buttons, Buttons(state));
        Assert.Contains("Who can change it: Global admin, Admin agent.", CardReader.Text(state), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_words_for_a_hidden_button_still_meet_the_check_and_its_refusal()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var account = await AskAsync(chat, People.Isaiah, "contoso ltd");
        Assert.Equal(["Done"], Buttons(account));

        var refusal = Assert.Single(await chat.SayAsync(People.Isaiah, "edit"));
        Assert.StartsWith("You can't change billing information: your role is Helpdesk agent.", refusal.Text, StringComparison.Ordinal);

        var alex = new TeamsConversation(_bot.Bot, "a:alex");
        var state = await AskAsync(alex, People.Alex, "can Contoso buy reservations?");
        Assert.Equal(["Done"], Buttons(state));
        var refused = Assert.Single(await alex.SayAsync(People.Alex, "allow purchases"));
        Assert.StartsWith("You can't change purchase permission: your role is Sales agent.", refused.Text, StringComparison.Ordinal);
    }

    private Task<IMessageActivity> OpenAsync(ChannelAccount person, string name, string locale) =>
        AskAsync(new TeamsConversation(_bot.Bot, "a:" + person.AadObjectId), person, name, locale);

    /// <summary>Says <paramref name="words"/> naming a customer exactly: its card comes at once, no "did you mean".</summary>
    private static async Task<IMessageActivity> AskAsync(TeamsConversation chat, ChannelAccount person, string words, string locale = "en-US") =>
        Assert.Single(await chat.SayAsync(person, words, locale));

    private static string[] Buttons(IMessageActivity card) =>
        [.. CardReader.Actions(CardReader.Content(card)).Select(a => (string)a["title"]!)];

    private static ChannelAccount Person(string who) => who switch
    {
        "Adele" => People.Adele,
        "Megan" => People.Megan,
        "Alex" => People.Alex,
        "Isaiah" => People.Isaiah,
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };
}

/// <summary>The same conversations on the Partner Center connector, against a stand-in holding the demo customers.</summary>
public sealed class RoleAwareCardOnPartnerCenterTests : RoleAwareCardTests
{
    private protected override bool AzurePlanKnownOnTheCard => false;

    private protected override Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartOnPartnerCenterAsync(configure);
}
