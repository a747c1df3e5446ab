using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Domain.Staff;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Bots;

public sealed class WelcomeTests
{
    private static readonly ChannelAccount Alex = TeamsActivities.User("00000000-0000-0000-0000-0000000000020", "Alex Wilber");
    private static readonly ChannelAccount Patti = TeamsActivities.User("00000000-0000-0000-0000-0000000000024", "Patti Fernandez");

    private static IBot NewBot()
    {
        var bot = new BotUnderTest();
        bot.Roles.With(Alex.AadObjectId, Alex.Name, PartnerRole.SalesAgent);
        return bot.Bot;
    }

    [Theory]
    [InlineData("en-US", "Hi Alex Wilber!", "Sales agent", "Update a customer's account")]
    [InlineData("pl-PL", "Cześć, Alex Wilber!", "Agent sprzedaży", "Aktualizuj konto klienta")]
    public async Task Installing_the_bot_greets_the_user_by_name_with_their_role_in_their_language(
        string locale, string greeting, string role, string button)
    {
        await new TestFlow(TeamsActivities.Adapter(), NewBot())
            .Send(TeamsActivities.BotInstalled(Alex, locale))
            .AssertReply(activity =>
            {
                var card = CardText((IMessageActivity)activity);
                Assert.Contains(greeting, card, StringComparison.Ordinal);
                Assert.Contains(role, card, StringComparison.Ordinal);
                Assert.Contains(button, card, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task A_person_without_a_role_is_told_they_can_look_but_not_change()
    {
        await new TestFlow(TeamsActivities.Adapter(), NewBot())
            .Send(TeamsActivities.BotInstalled(Patti, "pl-PL"))
            .AssertReply(activity =>
            {
                var card = CardText((IMessageActivity)activity);
                Assert.Contains("brak roli", card, StringComparison.Ordinal);
                Assert.Contains("niczego nie zmienisz", card, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    private static string CardText(IMessageActivity activity)
    {
        var attachment = Assert.Single(activity.Attachments);
        Assert.Equal(AdaptiveCard.ContentType, attachment.ContentType);
        return ((JObject)attachment.Content).ToString();
    }
}
