using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>
/// What the purchase permission cards show: a customer, its switch, whether it has an Azure plan, and the
/// roles the policy lets change it.
/// </summary>
public sealed record PurchasePermissionView(
    string CustomerName, bool IsAllowed, bool HasAzurePlan, IReadOnlyList<PartnerRole> AllowedRoles, UiLanguage Language);

/// <summary>
/// The cards of the purchase permission conversation: the state with what the switch means, the confirm
/// card (which names the change old → new), and the confirm card as it reads after submit.
/// </summary>
public static class PurchasePermissionCards
{
    /// <summary>Choice values of the state card's buttons (typed words do the same: see the dialog).</summary>
    public const string Allow = "allowPurchases";
    public const string Revoke = "revokePurchases";
    public const string Done = "done";

    private static readonly Text Title = new("Purchase permission: {0}", "Uprawnienia do zakupu: {0}");
    private static readonly Text NoPlanState = new("Off (no Azure plan: cannot be switched on)", "Wyłączone (brak planu Azure: nie można włączyć)");
    private static readonly Text WhatItMeans = new("What the switch means", "Co oznacza ten przełącznik");
    private static readonly Text MeansOwners = new(
        "When it is on, the customer's own users (Owners of its Azure subscriptions) may buy Azure reservations and Azure savings plans themselves.",
        "Gdy jest włączony, użytkownicy klienta (właściciele jego subskrypcji Azure) mogą sami kupować rezerwacje i plany oszczędnościowe Azure.");
    private static readonly Text MeansBilled = new(
        "You, the partner, are billed for what they buy and are not notified of it.",
        "Za ich zakupy płaci partner, czyli Ty, i nie dostajesz o nich powiadomienia.");
    private static readonly Text MeansNoExchange = new(
        "The customer cannot exchange, cancel or renew these purchases on its own.",
        "Klient nie może sam wymieniać, anulować ani odnawiać tych zakupów.");
    private static readonly Text MeansAzurePlan = new(
        "It requires an Azure plan bought through you.",
        "Wymaga planu Azure kupionego za Twoim pośrednictwem.");
    private static readonly Text HasNoAzurePlan = new(
        "This customer has no Azure plan bought through you, so purchases cannot be allowed.",
        "Ten klient nie ma planu Azure kupionego za Twoim pośrednictwem, więc nie można mu zezwolić na zakupy.");
    private static readonly Text WhoMay = new(
        "Who can change it: {0}. Your role is checked when you confirm.",
        "Kto może to zmienić: {0}. Twoja rola jest sprawdzana przy potwierdzeniu.");
    private static readonly Text ConfirmAllow = new(
        "Allow {0} to buy its own Azure reservations and savings plans?",
        "Zezwolić klientowi {0} na samodzielny zakup rezerwacji i planów oszczędnościowych Azure?");
    private static readonly Text ConfirmRevoke = new(
        "Turn off purchases for {0}? Its users will no longer be able to buy Azure reservations and savings plans themselves.",
        "Wyłączyć zakupy dla klienta {0}? Jego użytkownicy nie będą już mogli sami kupować rezerwacji i planów oszczędnościowych Azure.");
    private static readonly Text ConfirmHint = new(
        "Nothing changes until you select a button below.",
        "Nic się nie zmieni, dopóki nie wybierzesz przycisku poniżej.");
    private static readonly Text AllowedTitle = new("Purchases allowed: {0}", "Zakupy włączone: {0}");
    private static readonly Text RevokedTitle = new("Purchases turned off: {0}", "Zakupy wyłączone: {0}");
    private static readonly Text SubmittedBy = new("Submitted by {0} at {1}", "Przesłał(a) {0}, {1}");
    // No "nothing was changed": an answer lost on the way back may follow a switch that was applied. Trying
    // again is safe because the switch carries the same operation id and is applied once at most.
    private static readonly Text Retry = new(
        "I couldn't confirm the switch of purchase permission for {0}: the system of record did not answer. Select *Try again*: the switch is applied once at most.",
        "Nie udało się potwierdzić przełączenia uprawnień do zakupu dla klienta {0}: system źródłowy nie odpowiedział. Wybierz *Spróbuj ponownie*: zmiana zostanie zastosowana najwyżej raz.");

    public static readonly Text AllowButton = new("Allow purchases", "Zezwól na zakupy");
    public static readonly Text RevokeButton = new("Turn off purchases", "Wyłącz zakupy");
    public static readonly Text DoneButton = new("Done", "Gotowe");
    /// <summary>The state and what it means, with the one switch that changes it and Done: the answer to "can Contoso buy?".</summary>
    public static AdaptiveCard StateCard(PurchasePermissionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var toggle = view.IsAllowed
            ? CardActions.Choice(RevokeButton.In(l), Revoke, ActionStyle.Destructive)
            : CardActions.Choice(AllowButton.In(l), Allow, ActionStyle.Positive);
        return new AdaptiveCard
        {
            Body = [.. Header(view), .. Meaning(view)],
            Actions = [toggle, CardActions.Choice(DoneButton.In(l), Done)],
        };
    }

    /// <summary>Asks to confirm switching to <paramref name="allow"/>; the buttons carry the change id so an old card cannot confirm a new change.</summary>
    public static AdaptiveCard ConfirmCard(PurchasePermissionView view, bool allow, string changeId)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var id = new Dictionary<string, object> { [ChangesCards.ChangeIdKey] = changeId };
        var question = allow ? ConfirmAllow : ConfirmRevoke;
        return new AdaptiveCard
        {
            Body =
            [
                .. Header(view),
                new TextBlock { Text = question.Format(l, view.CustomerName), Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
                new FactSet { Facts = [new Fact(AuditTexts.PurchasePermissionField.In(l), $"{State(view)} → {(allow ? AuditTexts.Allowed : AuditTexts.NotAllowed).In(l)}")] },
                .. Meaning(view),
                new TextBlock { Text = ConfirmHint.In(l), IsSubtle = true, Size = TextSize.Small },
            ],
            Actions =
            [
                CardActions.Submit(
                    (allow ? AllowButton : RevokeButton).In(l),
                    ChangesCards.Confirm,
                    id,
                    allow ? ActionStyle.Positive : ActionStyle.Destructive),
                CardActions.Submit(ChangesCards.CancelButton.In(l), ChangesCards.Cancel, id),
            ],
        };
    }

    /// <summary>The confirm card after the switch was applied: no buttons, so it cannot be pressed again.</summary>
    public static AdaptiveCard SubmittedCard(PurchasePermissionView view, bool allowed, string submittedBy, DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock
                {
                    Text = (allowed ? AllowedTitle : RevokedTitle).Format(l, view.CustomerName),
                    Size = TextSize.Large,
                    Weight = TextWeight.Bolder,
                    Color = TextColor.Good,
                },
                new TextBlock { Text = SubmittedBy.Format(l, submittedBy, local.ToString("g", l.Culture())), IsSubtle = true },
                new FactSet { Facts = [new Fact(AuditTexts.PurchasePermissionField.In(l), (allowed ? AuditTexts.Allowed : AuditTexts.NotAllowed).In(l))] },
            ],
        };
    }

    /// <summary>After a backend failure: try the same change again (same change id, so it cannot apply twice) or cancel.</summary>
    public static AdaptiveCard RetryCard(string customerName, string changeId, UiLanguage l) =>
        ChangesCards.RetryCard(Retry.Format(l, customerName), changeId, l);

    private static string State(PurchasePermissionView view) =>
        view.IsAllowed ? AuditTexts.Allowed.In(view.Language)
        : view.HasAzurePlan ? AuditTexts.NotAllowed.In(view.Language)
        : NoPlanState.In(view.Language);

    private static IEnumerable<CardElement> Header(PurchasePermissionView view)
    {
        var l = view.Language;
        yield return new TextBlock { Text = Title.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder };
        yield return new FactSet { Facts = [new Fact(AuditTexts.PurchasePermissionField.In(l), State(view))] };
        if (!view.HasAzurePlan && !view.IsAllowed)
        {
            yield return new TextBlock { Text = HasNoAzurePlan.In(l), Color = TextColor.Warning };
        }
    }

    private static IEnumerable<CardElement> Meaning(PurchasePermissionView view)
    {
        var l = view.Language;
        yield return new TextBlock { Text = WhatItMeans.In(l), Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium };
        foreach (var line in new[] { MeansOwners, MeansBilled, MeansNoExchange, MeansAzurePlan })
        {
            yield return new TextBlock { Text = "• " + line.In(l), Spacing = Spacing.Small };
        }

        yield return new TextBlock { Text = WhoMay.Format(l, RoleNames.List(view.AllowedRoles, l)), IsSubtle = true, Size = TextSize.Small };
    }
}
