using PartnerBot.Domain.Audit;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>What a confirm, submitted or conflict card shows: a customer and field changes old → new.</summary>
public sealed record ChangesView(string CustomerName, IReadOnlyList<FieldChange> Changes, UiLanguage Language);

/// <summary>The cards around a billing change: confirm, submitted (the confirm card replaced in place), conflict.</summary>
public static class ChangesCards
{
    public const string Confirm = "confirmChanges";
    public const string EditAgain = "editAgain";
    public const string Cancel = "cancelChanges";
    public const string ApplyOnTop = "applyOnTop";
    public const string TryAgain = "tryAgain";
    public const string ChangeIdKey = "changeId";

    private static readonly Text ConfirmTitle = new("Confirm changes: {0}", "Potwierdź zmiany: {0}");
    private static readonly Text ConfirmHint = new(
        "Only these fields change. Nothing is saved until you select Confirm.",
        "Zmienią się tylko te pola. Nic nie zostanie zapisane, dopóki nie wybierzesz Potwierdź.");
    public static readonly Text ConfirmButton = new("Confirm", "Potwierdź");
    public static readonly Text EditAgainButton = new("Edit again", "Edytuj ponownie");
    public static readonly Text CancelButton = new("Cancel", "Anuluj");
    private static readonly Text SubmittedTitle = new("Submitted: {0}", "Przesłano: {0}");
    private static readonly Text SubmittedBy = new("Submitted by {0} at {1}", "Przesłał(a) {0}, {1}");
    private static readonly Text CancelledTitle = new("Cancelled: {0}", "Anulowano: {0}");
    private static readonly Text CancelledNote = new("Nothing was changed.", "Niczego nie zmieniono.");
    private static readonly Text DoneTitle = new("Billing information updated: {0}", "Zaktualizowano informacje rozliczeniowe: {0}");
    private static readonly Text ConflictTitle = new("Someone else changed {0} meanwhile", "Ktoś inny zmienił w międzyczasie dane {0}");
    private static readonly Text TheirChanges = new("Changed since you opened the account:", "Zmieniono od chwili, gdy otworzyłeś(-aś) konto:");
    private static readonly Text YourChanges = new("Your edits:", "Twoje zmiany:");
    private static readonly Text ConflictHint = new(
        "Nothing of yours was saved. You can apply your edits on top of the new values, or cancel.",
        "Twoje zmiany nie zostały zapisane. Możesz nanieść je na nowe wartości albo anulować.");
    public static readonly Text ApplyOnTopButton = new("Apply my edits on top", "Nanieś moje zmiany");
    public static readonly Text TryAgainButton = new("Try again", "Spróbuj ponownie");
    private static readonly Text Empty = new("(empty)", "(puste)");

    public static AdaptiveCard ConfirmCard(ChangesView view, string changeId)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var id = new Dictionary<string, object> { [ChangeIdKey] = changeId };
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = ConfirmTitle.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock { Text = ConfirmHint.In(l), IsSubtle = true },
                ChangeFacts(view),
            ],
            Actions =
            [
                CardActions.Submit(ConfirmButton.In(l), Confirm, id, ActionStyle.Positive),
                CardActions.Submit(EditAgainButton.In(l), EditAgain, id),
                CardActions.Submit(CancelButton.In(l), Cancel, id),
            ],
        };
    }

    /// <summary>The confirm card after submit: read-only, no buttons, so it cannot be pressed again.</summary>
    public static AdaptiveCard SubmittedCard(ChangesView view, string submittedBy, DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = SubmittedTitle.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder, Color = TextColor.Good },
                new TextBlock { Text = SubmittedBy.Format(l, submittedBy, local.ToString("g", l.Culture())), IsSubtle = true },
                ChangeFacts(view),
            ],
        };
    }

    /// <summary>The confirm card after Cancel: read-only, says nothing changed.</summary>
    public static AdaptiveCard CancelledCard(ChangesView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = CancelledTitle.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock { Text = CancelledNote.In(l), IsSubtle = true },
            ],
        };
    }

    /// <summary>The summary sent after a successful update.</summary>
    public static AdaptiveCard DoneCard(ChangesView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = "✅ " + DoneTitle.Format(l, view.CustomerName), Size = TextSize.Medium, Weight = TextWeight.Bolder, Color = TextColor.Good },
                ChangeFacts(view),
            ],
        };
    }

    public static AdaptiveCard ConflictCard(ChangesView theirs, IReadOnlyList<FieldChange> yours, string changeId)
    {
        ArgumentNullException.ThrowIfNull(theirs);
        var l = theirs.Language;
        var id = new Dictionary<string, object> { [ChangeIdKey] = changeId };
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = ConflictTitle.Format(l, theirs.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder, Color = TextColor.Warning },
                new TextBlock { Text = TheirChanges.In(l), Weight = TextWeight.Bolder },
                ChangeFacts(theirs),
                new TextBlock { Text = YourChanges.In(l), Weight = TextWeight.Bolder },
                ChangeFacts(theirs with { Changes = yours }),
                new TextBlock { Text = ConflictHint.In(l), IsSubtle = true },
            ],
            Actions =
            [
                CardActions.Submit(ApplyOnTopButton.In(l), ApplyOnTop, id, ActionStyle.Positive),
                CardActions.Submit(CancelButton.In(l), Cancel, id),
            ],
        };
    }

    /// <summary>After a backend failure: what happened, and Try again (same change id, so it cannot apply twice) or Cancel.</summary>
    public static AdaptiveCard RetryCard(string message, string changeId, UiLanguage l)
    {
        var id = new Dictionary<string, object> { [ChangeIdKey] = changeId };
        return new AdaptiveCard
        {
            Body = [new TextBlock { Text = message, Color = TextColor.Warning }],
            Actions =
            [
                CardActions.Submit(TryAgainButton.In(l), TryAgain, id, ActionStyle.Positive),
                CardActions.Submit(CancelButton.In(l), Cancel, id),
            ],
        };
    }

    private static FactSet ChangeFacts(ChangesView view)
    {
        var l = view.Language;
        string Show(string? value) => string.IsNullOrEmpty(value) ? Empty.In(l) : value;
        return new FactSet
        {
            Facts = view.Changes
                .Select(c => new Fact(BillingTexts.FieldName(c.Field, l), $"{Show(c.OldValue)} → {Show(c.NewValue)}"))
                .ToList(),
        };
    }
}
