using PartnerBot.Dialogs;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>
/// One answer a card offers, defined once for both sides: the card's button (its title and the value it sends)
/// and the choice prompt waiting for it (the same value, the title and <see cref="Words"/> when typed). The
/// button's verb is the value itself, or <see cref="Verb"/> with the value as an identifier (a customer's id).
/// </summary>
public sealed record ButtonChoice(string Value, Text Title, IReadOnlyList<string> Words, ActionStyle? Style = null, string? Verb = null)
{
    public CardAction ToAction(UiLanguage language) =>
        Verb is null ? CardActions.Choice(Title.In(language), Value, Style) : CardActions.Choice(Title.In(language), Verb, Value, Style);

    public Choice ToChoice(UiLanguage language) => new(Value, Title.In(language), Words);
}

public static class ButtonChoices
{
    /// <summary>What the choice prompt accepts for a card that shows exactly <paramref name="offered"/>.</summary>
    public static List<Choice> ToChoices(this IEnumerable<ButtonChoice> offered, UiLanguage language) =>
        offered.Select(c => c.ToChoice(language)).ToList();
}
