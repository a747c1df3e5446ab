using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>What the welcome card shows: who the user is to the bot.</summary>
/// <remarks><paramref name="RoleUnknown"/>: the role directory did not answer, so the card says so rather than "no role".</remarks>
public sealed record WelcomeView(string DisplayName, IReadOnlyList<PartnerRole> Roles, UiLanguage Language, bool RoleUnknown = false);

public static class WelcomeCard
{
    private static readonly Text Greeting = new("Hi {0}!", "Cześć, {0}!");
    private static readonly Text Intro = new(
        "I keep your customers' accounts current, right here in Teams.",
        "Pomagam aktualizować konta Twoich klientów bez wychodzenia z Teams.");
    private static readonly Text RoleLine = new("I see you as: **{0}**", "Widzę Cię jako: **{0}**");
    private static readonly Text NoRoleHint = new(
        "You have no Partner Center role I know of, so you can look around but not change anything.",
        "Nie masz znanej mi roli w Partner Center, więc możesz się rozejrzeć, ale niczego nie zmienisz.");
    private static readonly Text RoleUnknownLine = new(
        "I couldn't check your Partner Center role just now; I will check it again before any change.",
        "Nie udało mi się teraz sprawdzić Twojej roli w Partner Center; sprawdzę ją ponownie przed każdą zmianą.");
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

        body.Add(new TextBlock { Text = WhatICanDo.In(l), Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
        body.Add(new FactSet
        {
            Facts =
            [
                new Fact(UpdateTitle.In(l), UpdateExample.In(l)),
                new Fact(PermissionTitle.In(l), PermissionExample.In(l)),
                new Fact(HistoryTitle.In(l), HistoryExample.In(l)),
            ],
        });
        body.Add(new TextBlock { Text = Anytime.In(l), IsSubtle = true });

        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                CardActions.Submit(UpdateTitle.In(l), CardActions.UpdateAccount, ActionStyle.Positive),
                CardActions.Submit(PermissionTitle.In(l), CardActions.PurchasePermission),
                CardActions.Submit(HistoryTitle.In(l), CardActions.History),
            ],
        };
    }
}
