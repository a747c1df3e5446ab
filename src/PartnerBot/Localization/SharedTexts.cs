using PartnerBot.Domain.Staff;

namespace PartnerBot.Localization;

/// <summary>
/// What the bot says in every conversation: help, cancel, restarts, refusals, failures, the words of
/// buttons several cards share. Each conversation's own words are in its catalogue beside this one.
/// </summary>
public static class SharedTexts
{
    public static readonly Text Help = new(
        "I can update a customer's billing information (*update Contoso*), switch a customer's permission to buy its own Azure reservations and savings plans (*allow Fabrikam to buy its own products*, admins only) and show what changed (*history Contoso*). Say *cancel* to stop or *start over* to begin again.",
        "Mogę zaktualizować informacje rozliczeniowe klienta (*aktualizuj Contoso*), zmienić uprawnienia klienta do samodzielnego zakupu rezerwacji i planów oszczędnościowych Azure (*zezwól Fabrikam na zakupy*, tylko administratorzy) i pokazać historię zmian (*historia Contoso*). Napisz *anuluj*, aby przerwać, albo *od nowa*, aby zacząć od początku.");

    public static readonly Text Cancelled = new("Cancelled. Nothing was changed.", "Anulowano. Niczego nie zmieniono.");

    public static readonly Text NothingToCancel = new("There's nothing to cancel.", "Nie ma czego anulować.");

    public static readonly Text Hint = new(
        "Sorry, I didn't get that. Try *update Contoso*, *allow Fabrikam to buy its own products*, *history Contoso* or *help*.",
        "Przepraszam, nie zrozumiałem. Spróbuj: *aktualizuj Contoso*, *zezwól Fabrikam na zakupy*, *historia Contoso* albo *pomoc*.");

    public static readonly Text Restarted = new(
        "Sorry, I was updated while we were talking and lost track of where we were. Nothing was changed; let's start again.",
        "Przepraszam, zostałem zaktualizowany w trakcie rozmowy i zgubiłem wątek. Niczego nie zmieniono; zacznijmy od nowa.");

    public static readonly Text StateUnreadable = new(
        "Sorry, I couldn't read where we were in our conversation, so let's start again. Nothing was changed.",
        "Przepraszam, nie udało mi się odczytać, na czym skończyliśmy rozmowę, więc zacznijmy od nowa. Niczego nie zmieniono.");

    public static readonly Text StaleCard = new(
        "That card is no longer active, so nothing was changed. Say *update* and a customer's name to start again.",
        "Ta karta jest już nieaktywna, więc niczego nie zmieniono. Napisz *aktualizuj* i nazwę klienta, aby zacząć od nowa.");

    public static readonly Text WhoAreYou = new(
        "Sorry, I can't tell who you are from this message, so I can't change anything for you.",
        "Przepraszam, z tej wiadomości nie wiem, kim jesteś, więc niczego nie mogę zmienić.");

    public static readonly Text TooManyAttempts = new(
        "Let's stop here; nothing was changed. Say *help* to see what I can do.",
        "Zatrzymajmy się tutaj; niczego nie zmieniono. Napisz *pomoc*, aby zobaczyć, co potrafię.");

    /// <summary>A turn lost its save to another instance several times in a row (ConcurrentTurn).</summary>
    public static readonly Text ConversationChangedMeanwhile = new(
        "Someone else changed this conversation at the same moment, so I did not go on. Please send your last message again.",
        "W tej samej chwili ktoś inny zmienił tę rozmowę, więc nie kontynuowałem. Wyślij proszę ostatnią wiadomość jeszcze raz.");

    /// <summary>A card press delivered again while its first delivery is still being answered (PartnerTeamsBot).</summary>
    public static readonly Text PressInHand = new(
        "I am already working on this press. If the card does not change in a moment, press the button again.",
        "Już obsługuję to kliknięcie. Jeśli karta za chwilę się nie zmieni, kliknij przycisk jeszcze raz.");

    public static readonly Text AlreadySubmitted = new(
        "This change was already submitted; nothing was changed a second time.",
        "Ta zmiana została już przesłana; niczego nie zmieniono drugi raz.");

    /// <summary>The role directory (Entra ID) did not answer at submit: never allowed on a guess.</summary>
    public static readonly Text RoleUnverified = new(
        "I couldn't verify your role, so nothing was changed. Please try again in a moment.",
        "Nie udało mi się sprawdzić Twojej roli, więc niczego nie zmieniono. Spróbuj ponownie za chwilę.");

    /// <summary>The role directory did not answer before a read.</summary>
    public static readonly Text RoleUnverifiedToView = new(
        "I couldn't verify your role, so I can't show this now. Please try again in a moment.",
        "Nie udało mi się sprawdzić Twojej roli, więc nie mogę teraz tego pokazać. Spróbuj ponownie za chwilę.");

    public static readonly Text Gone = new(
        "That customer no longer exists, so nothing was changed.",
        "Ten klient już nie istnieje, więc niczego nie zmieniono.");

    /// <summary>Over the per-user submit limit ({0} a minute): nothing was written, the edits are kept.</summary>
    public static readonly Text SlowDown = new(
        "Slow down, please: you can submit at most {0} changes a minute. Nothing was written this time; wait a moment and select *Try again*.",
        "Zwolnij, proszę: możesz przesłać najwyżej {0} zmian na minutę. Tym razem niczego nie zapisano; odczekaj chwilę i wybierz *Spróbuj ponownie*.");

    /// <summary>A write that could not get the database's lock in time: nothing was written, the dialog keeps its place.</summary>
    public static readonly Text StoreBusy = new(
        "The database is busy, please try again. Nothing was changed and what you entered is kept: select *Try again* or *Cancel*.",
        "Baza danych jest zajęta, spróbuj ponownie. Niczego nie zmieniono, a to, co wpisano, jest zachowane: wybierz *Spróbuj ponownie* albo *Anuluj*.");

    public static readonly Text UseTheCard = new(
        "Please use the card above (or say *cancel*).",
        "Skorzystaj z karty powyżej (albo napisz *anuluj*).");

    public static readonly Text NotYourCard = new(
        "This card belongs to {0}: only they can use its buttons. To work on a customer yourself, mention PartnerBot.",
        "Ta karta należy do: {0}. Tylko ta osoba może używać jej przycisków. Aby samemu zająć się klientem, oznacz PartnerBota.");

    public static readonly Text ChangedSinceOpened = new(
        "Changed since you opened it: these are the current values.",
        "Zmienione od czasu otwarcia: to są aktualne wartości.");

    public static readonly Text ChangedSinceFormOpened = new(
        "Changed since you opened this form: someone saved other billing information meanwhile. If you go on, I will show you their changes beside yours before anything is saved.",
        "Zmienione od otwarcia tego formularza: ktoś w międzyczasie zapisał inne informacje rozliczeniowe. Jeśli przejdziesz dalej, przed zapisaniem pokażę Ci tamte zmiany obok Twoich.");

    public static readonly Text SomeoneElse = new("someone else", "kogoś innego");

    public static readonly Text OutOfDateCard = new(
        "That card is out of date. Please use the latest one.",
        "Ta karta jest nieaktualna. Użyj najnowszej.");

    /// <summary>A turn failed ({0} the correlation id).</summary>
    /// <remarks>
    /// It must not say "nothing was changed": a turn can fail after its change was applied and recorded.
    /// Trying again is safe either way (a confirmed change carries its operation id and applies once at most).
    /// </remarks>
    public static readonly Text Apology = new(
        "Sorry, something went wrong on my side. Reference: {0}. You can try again (a change you confirmed is applied once at most), or say *start over*.",
        "Przepraszam, coś poszło nie tak po mojej stronie. Identyfikator: {0}. Spróbuj ponownie (potwierdzona zmiana zostanie zastosowana najwyżej raz) albo napisz *od nowa*.");

    public static readonly Text StoreBusyTurn = new(
        "The database is busy, please try again. Reference: {0}.",
        "Baza danych jest zajęta, spróbuj ponownie. Identyfikator: {0}.");

    public static readonly Text CustomerListLoading = new(
        "I'm still loading the customer list after a restart, so I can't look customers up yet. Please try again in a moment. Reference: {0}.",
        "Wciąż wczytuję listę klientów po ponownym uruchomieniu, więc nie mogę jeszcze wyszukać klienta. Spróbuj ponownie za chwilę. Identyfikator: {0}.");

    public static readonly Text StoreUnavailable = new(
        "I can't save anything right now: the database is not available. Reference: {0}. Please try again later.",
        "Nie mogę teraz niczego zapisać: baza danych jest niedostępna. Identyfikator: {0}. Spróbuj ponownie później.");

    // Partner Center could not answer a turn: the domain's words, never the API's.
    public static readonly Text PartnerCenterUnavailable = new(
        "Partner Center is not answering right now, so I could not finish this step. Nothing was changed. Reference: {0}. Please try again in a minute.",
        "Partner Center nie odpowiada w tej chwili, więc nie mogłem dokończyć tego kroku. Niczego nie zmieniono. Identyfikator: {0}. Spróbuj ponownie za minutę.");

    public static readonly Text PartnerCenterThrottled = new(
        "Partner Center asked me to slow down. Nothing was changed. Reference: {0}. Please try again in a minute.",
        "Partner Center poprosił o zwolnienie tempa. Niczego nie zmieniono. Identyfikator: {0}. Spróbuj ponownie za minutę.");

    public static readonly Text PartnerCenterAccessRefused = new(
        "I can't reach Partner Center with PartnerBot's own account right now (its sign-in needs an administrator). Nothing was changed. Please tell your administrator, with reference {0}.",
        "Nie mogę teraz połączyć się z Partner Center kontem PartnerBota (jego logowanie wymaga działania administratora). Niczego nie zmieniono. Przekaż to administratorowi, podając identyfikator {0}.");

    public static readonly Text ChangeKeptTryAgain = new(
        "Your change is kept: select *Try again* once this is fixed, or *Cancel*.",
        "Twoja zmiana jest zachowana: wybierz *Spróbuj ponownie*, gdy problem zostanie usunięty, albo *Anuluj*.");

    public static readonly Text PartnerCenterNoRelationship = new(
        "Partner Center says we have no relationship with this customer, so I can't show or change it. Reference: {0}.",
        "Partner Center podaje, że nie mamy relacji z tym klientem, więc nie mogę go pokazać ani zmienić. Identyfikator: {0}.");

    public static readonly Text PartnerCenterNotFound = new(
        "Partner Center no longer knows this customer. Reference: {0}. Say *start over* to search again.",
        "Partner Center nie zna już tego klienta. Identyfikator: {0}. Napisz *od nowa*, aby wyszukać ponownie.");

    public static readonly Text YourRole = new("your role is {0}", "Twoja rola to {0}");

    public static readonly Text NoPartnerRole = new("you have no Partner Center role", "nie masz żadnej roli w Partner Center");

    public static readonly Text CannotView = new(
        "You can't see customers' accounts: {0}. Accounts can be seen by: {1}.",
        "Nie możesz przeglądać kont klientów: {0}. Konta mogą przeglądać: {1}.");

    public static readonly Text CannotUpdateBilling = new(
        "You can't change billing information: {0}. It can be changed by: {1}.",
        "Nie możesz zmieniać informacji rozliczeniowych: {0}. Mogą je zmieniać: {1}.");

    public static readonly Text CannotChangePurchasePermission = new(
        "You can't change purchase permission: {0}. It can be changed by: {1}.",
        "Nie możesz zmieniać uprawnień do zakupu: {0}. Mogą je zmieniać: {1}.");

    public static readonly Text NoRole = new("no role", "brak roli");

    public static readonly Text DoneButton = new("Done", "Gotowe");

    public static readonly Text CancelButton = new("Cancel", "Anuluj");

    public static readonly Text TryAgainButton = new("Try again", "Spróbuj ponownie");

    public static readonly Text Empty = new("(empty)", "(puste)");

    public static readonly Text None = new("(none)", "(brak)");

    public static readonly Text SubmittedBy = new("Submitted by {0} at {1}", "Przesłał(a) {0}, {1}");

    /// <summary>Role names as Partner Center itself shows them, so users recognize them.</summary>
    public static readonly IReadOnlyDictionary<PartnerRole, Text> Roles = new Dictionary<PartnerRole, Text>
    {
        [PartnerRole.GlobalAdmin] = new("Global admin", "Administrator globalny"),
        [PartnerRole.AdminAgent] = new("Admin agent", "Agent administracyjny"),
        [PartnerRole.SalesAgent] = new("Sales agent", "Agent sprzedaży"),
        [PartnerRole.HelpdeskAgent] = new("Helpdesk agent", "Agent pomocy technicznej"),
        [PartnerRole.BillingAdmin] = new("Billing admin", "Administrator rozliczeń"),
    };

    /// <summary>Country names for the countries whose rules PartnerBot knows; other codes show as the code.</summary>
    public static readonly IReadOnlyDictionary<string, Text> Countries = new Dictionary<string, Text>(StringComparer.OrdinalIgnoreCase)
    {
        ["PL"] = new("Poland", "Polska"),
        ["DE"] = new("Germany", "Niemcy"),
        ["GB"] = new("United Kingdom", "Wielka Brytania"),
        ["US"] = new("United States", "Stany Zjednoczone"),
        ["FR"] = new("France", "Francja"),
        ["CA"] = new("Canada", "Kanada"),
        ["ES"] = new("Spain", "Hiszpania"),
        ["IT"] = new("Italy", "Włochy"),
        ["NL"] = new("Netherlands", "Holandia"),
        ["IN"] = new("India", "Indie"),
        ["BR"] = new("Brazil", "Brazylia"),
        ["CZ"] = new("Czechia", "Czechy"),
        ["AT"] = new("Austria", "Austria"),
        ["IE"] = new("Ireland", "Irlandia"),
        ["UA"] = new("Ukraine", "Ukraina"),
        ["CH"] = new("Switzerland", "Szwajcaria"),
        ["TR"] = new("Türkiye", "Turcja"),
    };

    /// <summary>
    /// Language names (ISO 639-1) for the languages the countries' rules offer, written as they begin a value
    /// ("Polski (Polska)"); other codes show as the code (<see cref="Cultures"/>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Text> Languages = new Dictionary<string, Text>(StringComparer.OrdinalIgnoreCase)
    {
        ["pl"] = new("Polish", "Polski"),
        ["en"] = new("English", "Angielski"),
        ["de"] = new("German", "Niemiecki"),
        ["fr"] = new("French", "Francuski"),
        ["es"] = new("Spanish", "Hiszpański"),
        ["ca"] = new("Catalan", "Kataloński"),
        ["it"] = new("Italian", "Włoski"),
        ["nl"] = new("Dutch", "Niderlandzki"),
        ["pt"] = new("Portuguese", "Portugalski"),
        ["cs"] = new("Czech", "Czeski"),
        ["uk"] = new("Ukrainian", "Ukraiński"),
        ["tr"] = new("Turkish", "Turecki"),
        ["hi"] = new("Hindi", "Hindi"),
    };

    public static readonly Text ConfirmTitle = new("Confirm changes: {0}", "Potwierdź zmiany: {0}");

    public static readonly Text ConfirmHint = new(
        "Only these fields change. Nothing is saved until you select Confirm.",
        "Zmienią się tylko te pola. Nic nie zostanie zapisane, dopóki nie wybierzesz Potwierdź.");

    public static readonly Text ConfirmButton = new("Confirm", "Potwierdź");

    public static readonly Text EditAgainButton = new("Edit again", "Edytuj ponownie");


    public static readonly Text CancelledTitle = new("Cancelled: {0}", "Anulowano: {0}");

    public static readonly Text CancelledNote = new("Nothing was changed.", "Niczego nie zmieniono.");

    public static readonly Text DoneTitle = new("Billing information updated: {0}", "Zaktualizowano informacje rozliczeniowe: {0}");

    public static readonly Text ConflictTitle = new("Someone else changed {0} meanwhile", "Ktoś inny zmienił w międzyczasie dane {0}");

    public static readonly Text TheirChanges = new("Changed since you opened the account:", "Zmieniono od chwili, gdy otworzyłeś(-aś) konto:");

    public static readonly Text YourChanges = new("Your edits:", "Twoje zmiany:");

    public static readonly Text ConflictHint = new(
        "Nothing of yours was saved. You can apply your edits on top of the new values, or cancel.",
        "Twoje zmiany nie zostały zapisane. Możesz nanieść je na nowe wartości albo anulować.");

    public static readonly Text ApplyOnTopButton = new("Apply my edits on top", "Nanieś moje zmiany");

    public static readonly Text OtherTenantRefused = new(
        "Sorry, this bot serves only its partner organization's own staff.",
        "Przepraszam, ten bot obsługuje wyłącznie pracowników swojej organizacji partnerskiej.");
}
