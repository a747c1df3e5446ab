using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>What the bot says between cards, shared by every conversation.</summary>
public static class ConversationTexts
{
    public static readonly Text Help = new(
        "I can update a customer's billing information (*update Contoso*), switch a customer's permission to buy its own Azure reservations and savings plans (*allow Fabrikam to buy its own products*, admins only) and show what changed (*history Contoso*). Say *cancel* to stop or *start over* to begin again.",
        "Mogę zaktualizować informacje rozliczeniowe klienta (*aktualizuj Contoso*), zmienić uprawnienia klienta do samodzielnego zakupu rezerwacji i planów oszczędnościowych Azure (*zezwól Fabrikam na zakupy*, tylko administratorzy) i pokazać historię zmian (*historia Contoso*). Napisz *anuluj*, aby przerwać, albo *od nowa*, aby zacząć od początku.");

    public static readonly Text HelpResume = new("Now, where we were:", "Wracając do tego, gdzie skończyliśmy:");

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
}
