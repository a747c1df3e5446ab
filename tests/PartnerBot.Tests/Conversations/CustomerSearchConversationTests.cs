using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// How the bot answers a customer named in words: an exact name, short name or domain opens the account at
/// once, a fuzzy match is asked about, several are a choice, and a bare name is "show me that customer".
/// </summary>
public class CustomerSearchConversationTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    /// <summary>The bot on the demo database; the derived class runs every conversation again on the Partner Center connector.</summary>
    private protected virtual Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartAsync(configure);

    public async Task InitializeAsync() => _bot = await StartBotAsync(null);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("en-US", "update Contoso", "Account: Contoso Ltd")]
    [InlineData("en-US", "update contoso.onmicrosoft.com", "Account: Contoso Ltd")]
    [InlineData("en-US", "update FABRIKAM, INC.", "Account: Fabrikam, Inc.")]
    [InlineData("en-US", "update zaklady miesne krasnik", "Account: Zakłady Mięsne Kraśnik Sp. z o.o.")]
    [InlineData("pl-PL", "zmień dane Contoso", "Konto: Contoso Ltd")]
    [InlineData("pl-PL", "zmień dane contoso.onmicrosoft.com", "Konto: Contoso Ltd")]
    [InlineData("pl-PL", "zmień dane Zakłady Mięsne Kraśnik Sp. z o.o.", "Konto: Zakłady Mięsne Kraśnik Sp. z o.o.")]
    [InlineData("pl-PL", "zmień dane ZAKLADY MIESNE KRASNIK", "Konto: Zakłady Mięsne Kraśnik Sp. z o.o.")]
    public async Task An_exact_name_short_name_or_domain_opens_the_account_at_once(string locale, string utterance, string title)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var account = Assert.Single(await chat.SayAsync(People.Alex, utterance, locale));

        var text = CardReader.Text(account);
        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Czy chodzi o", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "update contso", "Did you mean **Contoso Ltd** (contoso.onmicrosoft.com)?", "Yes", "Account: Contoso Ltd")]
    [InlineData("pl-PL", "zmień dane contso", "Czy chodzi o **Contoso Ltd** (contoso.onmicrosoft.com)?", "Tak", "Konto: Contoso Ltd")]
    public async Task A_fuzzy_match_is_asked_about_first(string locale, string utterance, string question, string yes, string title)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var offer = Assert.Single(await chat.SayAsync(People.Alex, utterance, locale));
        Assert.Contains(question, CardReader.Text(offer), StringComparison.Ordinal);

        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, yes, locale: locale));
        Assert.Contains(title, CardReader.Text(account), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "update qqqq contoso", "Did you mean **Contoso Ltd**", "Several customers match")]
    [InlineData("pl-PL", "zmień dane qqqq contoso", "Czy chodzi o **Contoso Ltd**", "pasuje kilku klientów")]
    public async Task A_single_weak_match_is_asked_about_never_listed_as_several(string locale, string utterance, string question, string several)
    {
        // Half the words match one customer, and no leading words are a customer's exact name.
        var chat = new TeamsConversation(_bot.Bot);

        var offer = Assert.Single(await chat.SayAsync(People.Alex, utterance, locale));

        var text = CardReader.Text(offer);
        Assert.Contains(question, text, StringComparison.Ordinal);
        Assert.DoesNotContain(several, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "Contoso Ltd", "Account: Contoso Ltd")]
    [InlineData("en-US", "Fabrikam", "Account: Fabrikam, Inc.")]
    [InlineData("pl-PL", "Contoso Ltd", "Konto: Contoso Ltd")]
    [InlineData("pl-PL", "zaklady miesne krasnik", "Konto: Zakłady Mięsne Kraśnik Sp. z o.o.")]
    [InlineData("en-US", "Contoso Ltd moved offices", "Account: Contoso Ltd")]
    [InlineData("pl-PL", "Fabrikam przeniósł biuro", "Konto: Fabrikam, Inc.")]
    public async Task A_bare_exact_customer_name_shows_that_customer(string locale, string utterance, string title)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var account = Assert.Single(await chat.SayAsync(People.Alex, utterance, locale));

        Assert.Contains(title, CardReader.Text(account), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "krasnik", "Did you mean **Zakłady Mięsne Kraśnik Sp. z o.o.**", "Yes", "Account: Zakłady Mięsne Kraśnik Sp. z o.o.")]
    [InlineData("pl-PL", "kraśnik", "Czy chodzi o **Zakłady Mięsne Kraśnik Sp. z o.o.**", "Tak", "Konto: Zakłady Mięsne Kraśnik Sp. z o.o.")]
    public async Task A_bare_word_of_a_customer_name_is_understood_as_that_customer(string locale, string utterance, string question, string yes, string title)
    {
        var chat = new TeamsConversation(_bot.Bot);

        // One word of a three-word name is not the name: asked about, never "Sorry, I didn't get that".
        var offer = Assert.Single(await chat.SayAsync(People.Alex, utterance, locale));
        Assert.Contains(question, CardReader.Text(offer), StringComparison.Ordinal);

        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, yes, locale: locale));
        Assert.Contains(title, CardReader.Text(account), StringComparison.Ordinal);
    }
}

/// <summary>The same conversations on the Partner Center connector, against a stand-in holding the demo customers.</summary>
public sealed class CustomerSearchConversationOnPartnerCenterTests : CustomerSearchConversationTests
{
    private protected override Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartOnPartnerCenterAsync(configure);
}
