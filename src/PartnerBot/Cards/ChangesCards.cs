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

    public static AdaptiveCard ConfirmCard(ChangesView view, string changeId)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var id = new Dictionary<string, object> { [ChangeIdKey] = changeId };
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = SharedTexts.ConfirmTitle.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock { Text = SharedTexts.ConfirmHint.In(l), IsSubtle = true },
                ChangeFacts(view),
            ],
            Actions =
            [
                CardActions.Execute(SharedTexts.ConfirmButton.In(l), Confirm, id, ActionStyle.Positive),
                CardActions.Execute(SharedTexts.EditAgainButton.In(l), EditAgain, id),
                CardActions.Execute(SharedTexts.CancelButton.In(l), Cancel, id),
            ],
        };
    }

    /// <summary>The confirm card after submit, the one place the success is said: no buttons, so it cannot be pressed again.</summary>
    public static AdaptiveCard SubmittedCard(ChangesView view, string submittedBy, DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = "✅ " + SharedTexts.DoneTitle.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock { Text = SharedTexts.SubmittedBy.Format(l, submittedBy, local.ToString("g", l.Culture())), IsSubtle = true },
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
                new TextBlock { Text = SharedTexts.CancelledTitle.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder },
                new TextBlock { Text = SharedTexts.CancelledNote.In(l), IsSubtle = true },
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
                new TextBlock { Text = SharedTexts.ConflictTitle.Format(l, theirs.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder, Color = TextColor.Attention },
                new TextBlock { Text = SharedTexts.TheirChanges.In(l), Weight = TextWeight.Bolder },
                ChangeFacts(theirs),
                new TextBlock { Text = SharedTexts.YourChanges.In(l), Weight = TextWeight.Bolder },
                ChangeFacts(theirs with { Changes = yours }),
                new TextBlock { Text = SharedTexts.ConflictHint.In(l), IsSubtle = true },
            ],
            Actions =
            [
                CardActions.Execute(SharedTexts.ApplyOnTopButton.In(l), ApplyOnTop, id, ActionStyle.Positive),
                CardActions.Execute(SharedTexts.CancelButton.In(l), Cancel, id),
            ],
        };
    }

    /// <summary>After a backend failure: what happened, and Try again (same change id, so it cannot apply twice) or Cancel.</summary>
    public static AdaptiveCard RetryCard(string message, string changeId, UiLanguage l)
    {
        var id = new Dictionary<string, object> { [ChangeIdKey] = changeId };
        return new AdaptiveCard
        {
            Body = [new TextBlock { Text = message, Color = TextColor.Attention, Weight = TextWeight.Bolder }],
            Actions =
            [
                CardActions.Execute(SharedTexts.TryAgainButton.In(l), TryAgain, id, ActionStyle.Positive),
                CardActions.Execute(SharedTexts.CancelButton.In(l), Cancel, id),
            ],
        };
    }

    private static FactSet ChangeFacts(ChangesView view)
    {
        var l = view.Language;
        string Show(string? value) => string.IsNullOrEmpty(value) ? SharedTexts.Empty.In(l) : value;
        return new FactSet
        {
            Facts = view.Changes
                .Select(c => new Fact(BillingTexts.FieldName(c.Field, l), $"{Show(BillingTexts.Value(c.Field, c.OldValue, l))} → {Show(BillingTexts.Value(c.Field, c.NewValue, l))}"))
                .ToList(),
        };
    }
}
