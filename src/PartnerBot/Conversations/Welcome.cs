using Microsoft.Bot.Builder;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>
/// Sends the welcome card: who the user is to the bot (name, roles as looked up now) and what those roles
/// let them do, so nobody is offered a button that can only end in a refusal.
/// </summary>
public sealed class Welcome(AccountAuthorization authorization)
{
    public async Task SendAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var user = TurnIdentity.Sender(turnContext);
        if (user is null)
        {
            await turnContext.SayAsync(SharedTexts.WhoAreYou, cancellationToken);
            return;
        }

        // One lookup for billing (with viewing), one for the purchase switch: both read the roles now.
        var billing = await authorization.AuthorizeAsync(user, PartnerAction.UpdateBillingProfile, cancellationToken);
        var purchases = await authorization.AuthorizeAsync(user, PartnerAction.ChangePurchasePermission, cancellationToken);

        // The staff record names the person (Teams often leaves from.name out of conversationUpdate, and
        // the client may send any name); someone the directory does not know keeps the channel's name.
        var card = WelcomeCard.Build(new WelcomeView(
            billing.User.DisplayName,
            billing.HeldRoles,
            TurnLanguage.Of(turnContext),
            billing.MayView,
            billing.IsAllowed,
            purchases.IsAllowed,
            billing.ViewRoles,
            RoleUnknown: billing.RoleUnverified || purchases.RoleUnverified,
            Shared: DialogConversationState.IsShared(turnContext.Activity.Conversation)));
        await turnContext.SendActivityAsync(card.ToActivity(), cancellationToken);
    }
}
