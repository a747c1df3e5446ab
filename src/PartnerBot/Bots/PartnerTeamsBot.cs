using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using PartnerBot.Cards;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Bots;

/// <summary>The Teams-facing bot: welcomes people, strips @mentions and hands every message to the dialogs.</summary>
public sealed class PartnerTeamsBot(AccountAuthorization authorization) : TeamsActivityHandler
{
    private static readonly Text WhoAreYou = new(
        "Sorry, I can't tell who you are from this message, so I can't help with it.",
        "Przepraszam, z tej wiadomości nie wiem, kim jesteś, więc nie mogę pomóc.");

    /// <summary>
    /// Welcome once, when the bot itself joins (install / first contact), not whenever someone joins a team.
    /// The Teams base handler would fetch every added member from the connector first; the bot needs none
    /// of that, and it would fail for replies delivered in the HTTP response (expectReplies).
    /// </summary>
    protected override async Task OnConversationUpdateActivityAsync(
        ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var botId = turnContext.Activity.Recipient?.Id;
        if (turnContext.Activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            await SendWelcomeAsync(turnContext, cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        turnContext.Activity.RemoveRecipientMention();
        await SendWelcomeAsync(turnContext, cancellationToken);
    }

    private async Task SendWelcomeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var language = UiLanguages.FromLocale(turnContext.Activity.Locale);
        var user = TurnIdentity.Sender(turnContext);
        if (user is null)
        {
            await turnContext.SendActivityAsync(WhoAreYou.In(language), cancellationToken: cancellationToken);
            return;
        }

        var roles = await authorization.CurrentRolesAsync(user, cancellationToken);
        var card = WelcomeCard.Build(new WelcomeView(user.DisplayName, roles, language));
        await turnContext.SendActivityAsync(card.ToActivity(), cancellationToken);
    }
}
