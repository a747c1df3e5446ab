namespace PartnerBot.Localization;

/// <summary>The welcome card: who the user is to the bot and what they can do.</summary>
public static class WelcomeTexts
{
    public static readonly Text Greeting = new("Hi {0}!", "Cześć, {0}!");

    public static readonly Text Intro = new(
        "I keep your customers' accounts current, right here in Teams.",
        "Pomagam aktualizować konta Twoich klientów bez wychodzenia z Teams.");

    public static readonly Text RoleLine = new("I see you as: **{0}**", "Widzę Cię jako: **{0}**");

    public static readonly Text NoRoleHint = new(
        "You have no Partner Center role I know of, so I can't show you customers' accounts or change them. Ask your Partner Center admin for a role.",
        "Nie masz znanej mi roli w Partner Center, więc nie mogę pokazać Ci kont klientów ani ich zmienić. Poproś administratora Partner Center o rolę.");

    public static readonly Text NoViewHint = new(
        "Your role doesn't let you see customers' accounts here. Accounts can be seen by: {0}.",
        "Twoja rola nie pozwala przeglądać tu kont klientów. Konta mogą przeglądać: {0}.");

    public static readonly Text RoleUnknownLine = new(
        "I couldn't check your Partner Center role just now; I will check it again before any change.",
        "Nie udało mi się teraz sprawdzić Twojej roli w Partner Center; sprawdzę ją ponownie przed każdą zmianą.");

    public static readonly Text RoleInPersonalChat = new(
        "Each of you can use me here; your own Partner Center role and what it lets you do, I tell you in a personal chat with me.",
        "Każdy z Was może tu ze mnie korzystać; Twoją rolę w Partner Center i to, na co Ci pozwala, podam Ci w czacie prywatnym ze mną.");

    public static readonly Text HelpTitle = new("Help", "Pomoc");

    public static readonly Text WhatICanDo = new("What I can do", "Co potrafię");

    public static readonly Text UpdateTitle = new("Update a customer's account", "Aktualizuj konto klienta");

    public static readonly Text UpdateExample = new(
        "Company details and billing information. Say: *update Contoso*",
        "Szczegóły firmy i informacje rozliczeniowe. Napisz: *aktualizuj Contoso*");

    public static readonly Text PermissionTitle = new("Purchase permission", "Uprawnienia do zakupu");

    public static readonly Text PermissionExample = new(
        "Let a customer buy its own Azure reservations and savings plans, or stop it (admins). Say: *allow Fabrikam to buy its own products*",
        "Zezwól klientowi na samodzielny zakup rezerwacji i planów oszczędnościowych Azure lub to wyłącz (administratorzy). Napisz: *zezwól Fabrikam na zakupy*");

    public static readonly Text HistoryTitle = new("History", "Historia");

    public static readonly Text HistoryExample = new(
        "What changed on a customer, who did it and when. Say: *history Contoso*",
        "Co zmieniono u klienta, kto i kiedy. Napisz: *historia Contoso*");

    public static readonly Text Anytime = new(
        "Anytime: *help*, *cancel*, *start over*.",
        "W każdej chwili: *pomoc*, *anuluj*, *od nowa*.");
}
