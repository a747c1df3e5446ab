namespace PartnerBot.Localization;

/// <summary>The purchase permission conversation's words: the switch, what it means, confirm, outcome, refusals.</summary>
public static class PurchasePermissionTexts
{
    /// <summary>The purchase permission switch, as Partner Center labels it.</summary>
    public static readonly Text FieldLabel = new("Allow customer to purchase", "Zezwalaj klientowi na zakupy");

    public static readonly Text On = new("On", "Włączone");

    public static readonly Text Off = new("Off", "Wyłączone");

    public static readonly Text Title = new("Purchase permission: {0}", "Uprawnienia do zakupu: {0}");

    public static readonly Text NoPlanState = new("Off (no Azure plan: cannot be switched on)", "Wyłączone (brak planu Azure: nie można włączyć)");

    public static readonly Text WhatItMeans = new("What the switch means", "Co oznacza ten przełącznik");

    public static readonly Text MeansOwners = new(
        "When it is on, the customer's own users (Owners of its Azure subscriptions) may buy Azure reservations and Azure savings plans themselves.",
        "Gdy jest włączony, użytkownicy klienta (właściciele jego subskrypcji Azure) mogą sami kupować rezerwacje i plany oszczędnościowe Azure.");

    public static readonly Text MeansBilled = new(
        "You, the partner, are billed for what they buy and are not notified of it.",
        "Za ich zakupy płaci partner, czyli Ty, i nie dostajesz o nich powiadomienia.");

    public static readonly Text MeansNoExchange = new(
        "The customer cannot exchange, cancel or renew these purchases on its own.",
        "Klient nie może sam wymieniać, anulować ani odnawiać tych zakupów.");

    public static readonly Text MeansAzurePlan = new(
        "It requires an Azure plan bought through you.",
        "Wymaga planu Azure kupionego za Twoim pośrednictwem.");

    public static readonly Text HasNoAzurePlan = new(
        "This customer has no Azure plan bought through you, so purchases cannot be allowed.",
        "Ten klient nie ma planu Azure kupionego za Twoim pośrednictwem, więc nie można mu zezwolić na zakupy.");

    public static readonly Text WhoMay = new(
        "Who can change it: {0}. Your role is checked when you confirm.",
        "Kto może to zmienić: {0}. Twoja rola jest sprawdzana przy potwierdzeniu.");

    public static readonly Text ConfirmAllow = new(
        "Allow {0} to buy its own Azure reservations and savings plans?",
        "Zezwolić klientowi {0} na samodzielny zakup rezerwacji i planów oszczędnościowych Azure?");

    public static readonly Text ConfirmRevoke = new(
        "Turn off purchases for {0}? Its users will no longer be able to buy Azure reservations and savings plans themselves.",
        "Wyłączyć zakupy dla klienta {0}? Jego użytkownicy nie będą już mogli sami kupować rezerwacji i planów oszczędnościowych Azure.");

    public static readonly Text ConfirmHint = new(
        "Nothing changes until you select a button below.",
        "Nic się nie zmieni, dopóki nie wybierzesz przycisku poniżej.");

    public static readonly Text AllowedTitle = new("Purchases allowed: {0}", "Zakupy włączone: {0}");

    public static readonly Text RevokedTitle = new("Purchases turned off: {0}", "Zakupy wyłączone: {0}");

    // No "nothing was changed": an answer lost on the way back may follow a switch that was applied. Trying
    // again is safe because the switch carries the same operation id and is applied once at most.
    public static readonly Text RetryMessage = new(
        "I couldn't confirm the switch of purchase permission for {0}: the system of record did not answer. Select *Try again*: the switch is applied once at most.",
        "Nie udało się potwierdzić przełączenia uprawnień do zakupu dla klienta {0}: system źródłowy nie odpowiedział. Wybierz *Spróbuj ponownie*: zmiana zostanie zastosowana najwyżej raz.");

    public static readonly Text AllowButton = new("Allow purchases", "Zezwól na zakupy");

    public static readonly Text RevokeButton = new("Turn off purchases", "Wyłącz zakupy");

    public static readonly Text UseButtons = new(
        "Choose *Allow purchases*, *Turn off purchases* or *Done*.",
        "Wybierz *Zezwól na zakupy*, *Wyłącz zakupy* albo *Gotowe*.");

    public static readonly Text Closing = new("OK, nothing was changed.", "OK, niczego nie zmieniono.");

    public static readonly Text AlreadyAllowed = new(
        "Purchases are already allowed for {0}, so nothing was changed.",
        "Zakupy dla klienta {0} są już włączone, więc niczego nie zmieniono.");

    public static readonly Text AlreadyOff = new(
        "Purchases are already off for {0}, so nothing was changed.",
        "Zakupy dla klienta {0} są już wyłączone, więc niczego nie zmieniono.");

    public static readonly Text AppliedAllow = new(
        "Done: {0} may now buy its own Azure reservations and savings plans. They are billed to you.",
        "Gotowe: klient {0} może teraz sam kupować rezerwacje i plany oszczędnościowe Azure. Płacisz za nie Ty.");

    public static readonly Text AppliedRevoke = new(
        "Done: {0} can no longer buy its own Azure reservations and savings plans.",
        "Gotowe: klient {0} nie może już sam kupować rezerwacji i planów oszczędnościowych Azure.");

    public static readonly Text RefusedToChange = new(
        "You can't change purchase permission: {0}. It can be done by: {1}. Nothing was changed.",
        "Nie możesz zmienić uprawnień do zakupu: {0}. Mogą to zrobić: {1}. Niczego nie zmieniono.");

    public static readonly Text NoAzurePlanRefusal = new(
        "{0} has no Azure plan bought through you, so it can't be allowed to buy its own products. Nothing was changed.",
        "Klient {0} nie ma planu Azure kupionego za Twoim pośrednictwem, więc nie można mu zezwolić na samodzielne zakupy. Niczego nie zmieniono.");
}
