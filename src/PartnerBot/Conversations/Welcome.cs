using Microsoft.Bot.Builder;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Conversations;

/// <summary>Sends the welcome card: who the user is to the bot (name, roles as looked up now) and what it can do.</summary>
public sealed class Welcome(AccountAuthorization authorization)
{
    public async Task SendAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var user = TurnIdentity.Sender(turnContext);
        if (user is null)
        {
            await turnContext.SayAsync(ConversationTexts.WhoAreYou, cancellationToken);
            return;
        }

        var roles = await authorization.CurrentRolesAsync(user, cancellationToken);
        var card = WelcomeCard.Build(new WelcomeView(user.DisplayName, roles, TurnLanguage.Of(turnContext)));
        await turnContext.SendActivityAsync(card.ToActivity(), cancellationToken);
    }
}
