using Microsoft.Bot.Builder;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Conversations;

/// <summary>Sends the welcome card: who the user is to the bot (name, roles as looked up now) and what it can do.</summary>
public sealed class Welcome(IRoleDirectory roles)
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

        // Teams (and the Agents Playground) often leave from.name out of conversationUpdate; the staff
        // record knows the person's name, and a greeting by id would read like an error.
        // A greeting may use a role looked up a few minutes ago; every change asks the directory again.
        StaffMember? staff = null;
        var roleUnknown = false;
        try
        {
            staff = await roles.FindAsync(user, RoleFreshness.RecentEnough, cancellationToken);
        }
        catch (RoleDirectoryUnavailableException)
        {
            roleUnknown = true;
        }

        var name = string.IsNullOrWhiteSpace(turnContext.Activity.From?.Name) && staff is not null ? staff.DisplayName : user.DisplayName;
        var card = WelcomeCard.Build(new WelcomeView(name, staff?.Roles ?? [], TurnLanguage.Of(turnContext), roleUnknown));
        await turnContext.SendActivityAsync(card.ToActivity(), cancellationToken);
    }
}
