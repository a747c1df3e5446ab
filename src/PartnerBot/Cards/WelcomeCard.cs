using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>
/// What the welcome card shows: who the user is to the bot and what their roles let them do now
/// (<see cref="ViewRoles"/> names who may look at accounts, for a person who may not).
/// <see cref="RoleUnknown"/>: the role directory did not answer, so the card says so rather than "no role".
/// </summary>
public sealed record WelcomeView(
    string DisplayName,
    IReadOnlyList<PartnerRole> Roles,
    UiLanguage Language,
    bool MayView = true,
    bool MayUpdateBilling = true,
    bool MayChangePurchasePermission = true,
    IReadOnlyList<PartnerRole>? ViewRoles = null,
    bool RoleUnknown = false);

public static class WelcomeCard
{
    private static readonly Text Greeting = new("Hi {0}!", "Cześć, {0}!");
    private static readonly Text Intro = new(
        "I keep your customers' accounts current, right here in Teams.",
        "Pomagam aktualizować konta Twoich klientów bez wychodzenia z Teams.");
    private static readonly Text RoleLine = new("I see you as: **{0}**", "Widzę Cię jako: **{0}**");
    private static readonly Text NoRoleHint = new(
        "You have no Partner Center role I know of, so I can't show you customers' accounts or change them. Ask your Partner Center admin for a role.",
        "Nie masz znanej mi roli w Partner Center, więc nie mogę pokazać Ci kont klientów ani ich zmienić. Poproś administratora Partner Center o rolę.");
    private static readonly Text NoViewHint = new(
        "Your role doesn't let you see customers' accounts here. Accounts can be seen by: {0}.",
        "Twoja rola nie pozwala przeglądać tu kont klientów. Konta mogą przeglądać: {0}.");
    private static readonly Text RoleUnknownLine = new(
        "I couldn't check your Partner Center role just now; I will check it again before any change.",
        "Nie udało mi się teraz sprawdzić Twojej roli w Partner Center; sprawdzę ją ponownie przed każdą zmianą.");
    private static readonly Text HelpTitle = new("Help", "Pomoc");
    private static readonly Text WhatICanDo = new("What I can do", "Co potrafię");

    private static readonly Text UpdateTitle = new("Update a customer's account", "Aktualizuj konto klienta");
    private static readonly Text UpdateExample = new(
        "Company details and billing information. Say: *update Contoso*",
        "Szczegóły firmy i informacje rozliczeniowe. Napisz: *aktualizuj Contoso*");
    private static readonly Text PermissionTitle = new("Purchase permission", "Uprawnienia do zakupu");
    private static readonly Text PermissionExample = new(
        "Let a customer buy its own Azure reservations and savings plans, or stop it (admins). Say: *allow Fabrikam to buy its own products*",
        "Zezwól klientowi na samodzielny zakup rezerwacji i planów oszczędnościowych Azure lub to wyłącz (administratorzy). Napisz: *zezwól Fabrikam na zakupy*");
    private static readonly Text HistoryTitle = new("History", "Historia");
    private static readonly Text HistoryExample = new(
        "What changed on a customer, who did it and when. Say: *history Contoso*",
        "Co zmieniono u klienta, kto i kiedy. Napisz: *historia Contoso*");
    private static readonly Text Anytime = new(
        "Anytime: *help*, *cancel*, *start over*.",
        "W każdej chwili: *pomoc*, *anuluj*, *od nowa*.");

    public static AdaptiveCard Build(WelcomeView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var body = new List<CardElement>
        {
            new TextBlock { Text = Greeting.Format(l, view.DisplayName), Size = TextSize.Large, Weight = TextWeight.Bolder },
            new TextBlock { Text = Intro.In(l), IsSubtle = true },
        };
        if (view.RoleUnknown)
        {
            body.Add(new TextBlock { Text = RoleUnknownLine.In(l), Color = TextColor.Warning, Spacing = Spacing.Medium });
        }
        else
        {
            body.Add(new TextBlock { Text = RoleLine.Format(l, RoleNames.List(view.Roles, l)), Spacing = Spacing.Medium });
        }

        if (view.Roles.Count == 0 && !view.RoleUnknown)
        {
            body.Add(new TextBlock { Text = NoRoleHint.In(l), Color = TextColor.Warning });
        }
        else if (!view.MayView && !view.RoleUnknown)
        {
            body.Add(new TextBlock { Text = NoViewHint.Format(l, RoleNames.List(view.ViewRoles ?? [], l)), Color = TextColor.Warning });
        }

        // Only what the roles allow now: a button that can only end in a refusal is not an offer.
        var facts = new List<Fact>();
        var actions = new List<CardAction>();
        if (view.MayView && view.MayUpdateBilling)
        {
            facts.Add(new Fact(UpdateTitle.In(l), UpdateExample.In(l)));
            actions.Add(CardActions.Submit(UpdateTitle.In(l), CardActions.UpdateAccount, ActionStyle.Positive));
        }

        if (view.MayView && view.MayChangePurchasePermission)
        {
            facts.Add(new Fact(PermissionTitle.In(l), PermissionExample.In(l)));
            actions.Add(CardActions.Submit(PermissionTitle.In(l), CardActions.PurchasePermission));
        }

        if (view.MayView)
        {
            facts.Add(new Fact(HistoryTitle.In(l), HistoryExample.In(l)));
            actions.Add(CardActions.Submit(HistoryTitle.In(l), CardActions.History));
        }

        if (facts.Count > 0)
        {
            body.Add(new TextBlock { Text = WhatICanDo.In(l), Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
            body.Add(new FactSet { Facts = facts });
        }

        body.Add(new TextBlock { Text = Anytime.In(l), IsSubtle = true });
        actions.Add(CardActions.Submit(HelpTitle.In(l), CardActions.Help));

        return new AdaptiveCard
        {
            Body = body,
            Actions = actions,
        };
    }
}
