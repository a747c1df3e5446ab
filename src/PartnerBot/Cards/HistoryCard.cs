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

    private static readonly Text Title = new("History: {0}", "Historia: {0}");
    private static readonly Text Range = new("Changes {0}–{1}, newest first", "Zmiany {0}–{1}, od najnowszych");
    private static readonly Text LastOne = new("Change {0}, the oldest", "Zmiana {0}, najstarsza");
    private static readonly Text Empty = new("No changes recorded for {0} yet.", "Dla klienta {0} nie zapisano jeszcze żadnych zmian.");
    private static readonly Text WhenWho = new("{0} · {1}", "{0} · {1}");
    private static readonly Text EmptyValue = new("(empty)", "(puste)");
    public static readonly Text MoreButton = new("More", "Więcej");
    public static readonly Text DoneButton = new("Done", "Gotowe");

    public static AdaptiveCard Build(HistoryView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var body = new List<CardElement>
        {
            new TextBlock { Text = Title.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder },
        };
        if (view.Entries.Count == 0)
        {
            body.Add(new TextBlock { Text = Empty.Format(l, view.CustomerName), IsSubtle = true });
            return new AdaptiveCard { Body = body };
        }

        // "Changes 1–1" reads oddly: a lone entry on the first page needs no range.
        if (view.Entries.Count > 1 || view.First > 1)
        {
            var range = view.Entries.Count > 1
                ? Range.Format(l, view.First, view.First + view.Entries.Count - 1)
                : LastOne.Format(l, view.First);
            body.Add(new TextBlock { Text = range, IsSubtle = true, Spacing = Spacing.None });
        }

        body.AddRange(view.Entries.Select(e => Entry(e, view)));
        return new AdaptiveCard
        {
            Body = body,
            Actions = view.HasMore
                ? [CardActions.Choice(MoreButton.In(l), More, ActionStyle.Positive), CardActions.Choice(DoneButton.In(l), Done)]
                : null,
        };
    }

    private static Container Entry(AuditEntry entry, HistoryView view)
    {
        var l = view.Language;
        var when = TimeZoneInfo.ConvertTime(entry.At, view.Zone).ToString("g", l.Culture());
        var what = $"{AuditTexts.Action(entry.Action).In(l)}: {AuditTexts.Outcome(entry.Outcome).In(l)}";
        if (AuditTexts.Reason(entry.Reason, l) is { } reason)
        {
            what += $" ({reason})";
        }

        string Show(string? value) => string.IsNullOrEmpty(value) ? EmptyValue.In(l) : value;
        var items = new List<CardElement>
        {
            new TextBlock { Text = WhenWho.Format(l, when, entry.ActorName), Weight = TextWeight.Bolder },
            new TextBlock { Text = what, Color = Color(entry.Outcome), Spacing = Spacing.None },
        };
        if (entry.Changes.Count > 0)
        {
            items.Add(new FactSet
            {
                Facts = entry.Changes
                    .Select(c => new Fact(
                        AuditTexts.FieldName(c.Field, l),
                        $"{Show(AuditTexts.Value(c.Field, c.OldValue, l))} → {Show(AuditTexts.Value(c.Field, c.NewValue, l))}"))
                    .ToList(),
            });
        }

        return new Container { Separator = true, Spacing = Spacing.Medium, Items = items };
    }

    private static TextColor Color(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Applied => TextColor.Good,
        AuditOutcome.Failed => TextColor.Attention,
        _ => TextColor.Warning,
    };
}
