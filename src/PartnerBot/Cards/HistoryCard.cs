using PartnerBot.Domain.Audit;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>
/// One page of a customer's history, newest first. <see cref="First"/> is the 1-based number of the page's
/// first entry; <see cref="HasMore"/> offers the next page.
/// </summary>
public sealed record HistoryView(
    string CustomerName, IReadOnlyList<AuditEntry> Entries, int First, bool HasMore, TimeZoneInfo Zone, UiLanguage Language);

/// <summary>The history card: when, who, what, old → new and how it ended, in the user's language and time.</summary>
public static class HistoryCard
{
    public const string More = "moreHistory";
    public const string Done = "done";

    /// <summary>The answers of a page that has a next one.</summary>
    public static readonly IReadOnlyList<ButtonChoice> Choices =
    [
        new(More, HistoryTexts.MoreButton, Vocabulary.MoreHistory, ActionStyle.Positive),
        new(Done, SharedTexts.DoneButton, Vocabulary.Done),
    ];

    public static AdaptiveCard Build(HistoryView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var body = new List<CardElement>
        {
            new TextBlock { Text = HistoryTexts.Title.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder },
        };
        if (view.Entries.Count == 0)
        {
            body.Add(new TextBlock { Text = HistoryTexts.NoChanges.Format(l, view.CustomerName), IsSubtle = true });
            return new AdaptiveCard { Body = body };
        }

        // "Changes 1–1" reads oddly: a lone entry on the first page needs no range.
        if (view.Entries.Count > 1 || view.First > 1)
        {
            var range = view.Entries.Count > 1
                ? HistoryTexts.Range.Format(l, view.First, view.First + view.Entries.Count - 1)
                : HistoryTexts.LastOne.Format(l, view.First);
            body.Add(new TextBlock { Text = range, IsSubtle = true, Spacing = Spacing.None });
        }

        body.AddRange(view.Entries.Select(e => Entry(e, view)));
        return new AdaptiveCard
        {
            Body = body,
            Actions = view.HasMore
                ? [.. Choices.Select(c => c.ToAction(l))]
                : null,
        };
    }

    private static Container Entry(AuditEntry entry, HistoryView view)
    {
        var l = view.Language;
        var when = TimeZoneInfo.ConvertTime(entry.At, view.Zone).ToString("g", l.Culture());
        var what = $"{HistoryTexts.Action(entry.Action).In(l)}: {HistoryTexts.Outcome(entry.Outcome).In(l)}";
        if (HistoryTexts.Reason(entry.Reason, l) is { } reason)
        {
            what += $" ({reason})";
        }

        string Show(string? value) => string.IsNullOrEmpty(value) ? SharedTexts.Empty.In(l) : value;
        var items = new List<CardElement>
        {
            new TextBlock { Text = HistoryTexts.WhenWho.Format(l, when, entry.ActorName), Weight = TextWeight.Bolder },
            new TextBlock { Text = what, Color = Color(entry.Outcome), Spacing = Spacing.None },
        };
        if (entry.Changes.Count > 0)
        {
            items.Add(new FactSet
            {
                Facts = entry.Changes
                    .Select(c => new Fact(
                        HistoryTexts.FieldName(c.Field, l),
                        $"{Show(HistoryTexts.Value(c.Field, c.OldValue, l))} → {Show(HistoryTexts.Value(c.Field, c.NewValue, l))}"))
                    .ToList(),
            });
        }

        return new Container { Separator = true, Spacing = Spacing.Medium, Items = items };
    }

    /// <summary>Default text for a change that was made; red for one that was not (refused, conflict, failed). No green or yellow: unreadable on one theme or the other.</summary>
    private static TextColor? Color(AuditOutcome outcome) => outcome == AuditOutcome.Applied ? null : TextColor.Attention;
}
