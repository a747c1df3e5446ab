using Microsoft.Bot.Builder;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>
/// The conversations' door to <see cref="AccountAuthorization"/>: asked at the moment account data is read
/// and at the first step of every conversation, with the roles as read during this turn (a submit asks again).
/// When the answer is no, the user is told so here, with their role and the roles that may, and gets nothing else.
/// </summary>
public sealed class StaffAccess(AccountAuthorization authorization)
{
    /// <summary>
    /// The key to read accounts for this turn's sender, checked now; null after telling the user why not
    /// (not staff, no role, or a role that may not view).
    /// </summary>
    public async Task<AuthorizedRead?> ReadAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        (await CheckAsync(turnContext, PartnerAction.ViewAccount, cancellationToken))?.Read;

    /// <summary>
    /// The first-step check: the sender may view accounts and do <paramref name="action"/>. Returns the
    /// decision (with its read key) when both hold; otherwise tells the user which one fails and returns null.
    /// </summary>
    public async Task<AuthorizationDecision?> CheckAsync(ITurnContext turnContext, PartnerAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var user = TurnIdentity.Sender(turnContext);
        if (user is null)
        {
            await turnContext.SayAsync(SharedTexts.WhoAreYou, cancellationToken);
            return null;
        }

        // A step writes nothing: the submit checks the role again, now (AccountUpdateService, PurchasePermissionService).
        var decision = await authorization.AuthorizeStepAsync(user, action, cancellationToken);
        if (decision.MayView && decision.IsAllowed)
        {
            return decision;
        }

        if (decision.RoleUnverified)
        {
            // The directory did not answer: not "you have no role", which would be untrue.
            await turnContext.SayAsync(SharedTexts.RoleUnverifiedToView, cancellationToken);
            return null;
        }

        var l = TurnLanguage.Of(turnContext);
        var (refusal, roles) = decision.MayView
            ? (action == PartnerAction.ChangePurchasePermission ? SharedTexts.CannotChangePurchasePermission : SharedTexts.CannotUpdateBilling, decision.AllowedRoles)
            : (SharedTexts.CannotView, decision.ViewRoles);
        await turnContext.SayAsync(refusal, cancellationToken, Held(decision.HeldRoles, l), RoleNames.List(roles, l));
        return null;
    }

    /// <summary>
    /// <see cref="ReadAsync"/> with what the sender may change besides, from the same lookup, for the buttons of the
    /// card they are about to see; null after telling them why they may not view accounts.
    /// </summary>
    public async Task<(AuthorizedRead Read, StaffPermissions May)?> ReadWithPermissionsAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var decision = await CheckAsync(turnContext, PartnerAction.ViewAccount, cancellationToken);
        return decision?.Read is { } read ? (read, Permissions(decision.HeldRoles)) : null;
    }

    /// <summary>What a person holding <paramref name="held"/> may change under the configured policy.</summary>
    public StaffPermissions Permissions(IReadOnlyList<PartnerRole> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        var billing = authorization.RolesFor(PartnerAction.UpdateBillingProfile);
        var purchases = authorization.RolesFor(PartnerAction.ChangePurchasePermission);
        return new StaffPermissions(held.Any(billing.Contains), held.Any(purchases.Contains), billing, purchases);
    }

    /// <summary>The sender's decision for <paramref name="action"/> without telling them anything (the welcome card's menu).</summary>
    public async Task<AuthorizationDecision?> PeekAsync(ITurnContext turnContext, PartnerAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var user = TurnIdentity.Sender(turnContext);
        return user is null ? null : await authorization.AuthorizeStepAsync(user, action, cancellationToken);
    }

    /// <summary>Why a refused read was refused, in the person's words (the compose box and card refreshes answer with it).</summary>
    public static string ReadRefusal(AuthorizationDecision decision, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.RoleUnverified
            ? SharedTexts.RoleUnverifiedToView.In(language)
            : SharedTexts.CannotView.Format(language, Held(decision.HeldRoles, language), RoleNames.List(decision.ViewRoles, language));
    }

    /// <summary>"your role is Sales agent" or "you have no Partner Center role", in the user's language.</summary>
    public static string Held(IReadOnlyList<PartnerRole> held, UiLanguage language) =>
        held.Count == 0 ? SharedTexts.NoPartnerRole.In(language) : SharedTexts.YourRole.Format(language, RoleNames.List(held, language));
}
