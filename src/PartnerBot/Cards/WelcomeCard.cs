using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>
/// What the welcome card shows: who the user is to the bot and what their roles let them do now
/// (<see cref="ViewRoles"/> names who may look at accounts, for a person who may not).
/// <see cref="RoleUnknown"/>: the role directory did not answer, so the card says so rather than "no role".
/// <see cref="Shared"/>: a group chat or channel, where everyone reads the card: it says nothing of the person's
/// role and offers everything (each press starts the presser's own conversation, which checks their role).
/// </summary>
public sealed record WelcomeView(
    string DisplayName,
    IReadOnlyList<PartnerRole> Roles,
    UiLanguage Language,
    bool MayView = true,
    bool MayUpdateBilling = true,
    bool MayChangePurchasePermission = true,
    IReadOnlyList<PartnerRole>? ViewRoles = null,
    bool RoleUnknown = false,
    bool Shared = false);

public static class WelcomeCard
{
    public static AdaptiveCard Build(WelcomeView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var body = new List<CardElement>
        {
            new TextBlock { Text = WelcomeTexts.Greeting.Format(l, view.DisplayName), Size = TextSize.Large, Weight = TextWeight.Bolder },
            new TextBlock { Text = WelcomeTexts.Intro.In(l), IsSubtle = true },
        };
        if (view.Shared)
        {
            // Everyone in the chat reads this card: one person's role is theirs to hear in a personal chat.
            view = view with { MayView = true, MayUpdateBilling = true, MayChangePurchasePermission = true };
            body.Add(new TextBlock { Text = WelcomeTexts.RoleInPersonalChat.In(l), IsSubtle = true, Spacing = Spacing.Medium });
        }
        else if (view.RoleUnknown)
        {
            body.Add(Container.Notice(WelcomeTexts.RoleUnknownLine.In(l), Spacing.Medium));
        }
        else
        {
            body.Add(new TextBlock { Text = WelcomeTexts.RoleLine.Format(l, RoleNames.List(view.Roles, l)), Spacing = Spacing.Medium });
            if (view.Roles.Count == 0)
            {
                body.Add(Container.Notice(WelcomeTexts.NoRoleHint.In(l)));
            }
            else if (!view.MayView)
            {
                body.Add(Container.Notice(WelcomeTexts.NoViewHint.Format(l, RoleNames.List(view.ViewRoles ?? [], l))));
            }
        }

        // Only what the roles allow now (in a shared chat, everything: see above): a button that can only end in a
        // refusal is not an offer.
        var facts = new List<Fact>();
        var actions = new List<CardAction>();
        if (view.MayView && view.MayUpdateBilling)
        {
            facts.Add(new Fact(WelcomeTexts.UpdateTitle.In(l), WelcomeTexts.UpdateExample.In(l)));
            actions.Add(CardActions.Execute(WelcomeTexts.UpdateTitle.In(l), CardActions.UpdateAccount, ActionStyle.Positive));
        }

        if (view.MayView && view.MayChangePurchasePermission)
        {
            facts.Add(new Fact(WelcomeTexts.PermissionTitle.In(l), WelcomeTexts.PermissionExample.In(l)));
            actions.Add(CardActions.Execute(WelcomeTexts.PermissionTitle.In(l), CardActions.PurchasePermission));
        }

        if (view.MayView)
        {
            facts.Add(new Fact(WelcomeTexts.HistoryTitle.In(l), WelcomeTexts.HistoryExample.In(l)));
            actions.Add(CardActions.Execute(WelcomeTexts.HistoryTitle.In(l), CardActions.History));
        }

        if (facts.Count > 0)
        {
            body.Add(new TextBlock { Text = WelcomeTexts.WhatICanDo.In(l), Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
            body.Add(new FactSet { Facts = facts });
        }

        body.Add(new TextBlock { Text = WelcomeTexts.Anytime.In(l), IsSubtle = true });
        actions.Add(CardActions.Execute(WelcomeTexts.HelpTitle.In(l), CardActions.Help));

        return new AdaptiveCard
        {
            Body = body,
            Actions = actions,
        };
    }
}
