using PartnerBot.Domain.Customers;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>Cards for choosing a customer: one match to confirm, several to choose from.</summary>
public static class CustomerChoiceCards
{
    public const string SearchAgain = "searchAgain";
    public const string Yes = "yes";
    public const string No = "no";

    private static readonly Text OneMatch = new("Did you mean **{0}** ({1})?", "Czy chodzi o **{0}** ({1})?");
    private static readonly Text SeveralMatches = new(
        "Several customers match \"{0}\". Which one?",
        "Do „{0}” pasuje kilku klientów. Którego wybierasz?");
    private static readonly Text ChooseHint = new(
        "Select one, or type its number.",
        "Wybierz jednego albo wpisz jego numer.");
    public static readonly Text YesButton = new("Yes", "Tak");
    public static readonly Text NoButton = new("No, search again", "Nie, szukaj ponownie");
    public static readonly Text SearchAgainButton = new("Search again", "Szukaj ponownie");

    public static AdaptiveCard ConfirmOne(CustomerMatch match, UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(match);
        return new AdaptiveCard
        {
            Body = [new TextBlock { Text = OneMatch.Format(l, match.CompanyName, match.Domain) }],
            Actions =
            [
                CardActions.Choice(YesButton.In(l), Yes, ActionStyle.Positive),
                CardActions.Choice(NoButton.In(l), No),
            ],
        };
    }

    public static AdaptiveCard ChooseOne(string query, IReadOnlyList<CustomerMatch> matches, UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var body = new List<CardElement>
        {
            new TextBlock { Text = SeveralMatches.Format(l, query), Weight = TextWeight.Bolder },
            new TextBlock { Text = ChooseHint.In(l), IsSubtle = true, Spacing = Spacing.None },
        };
        var buttons = matches
            .Select((m, i) => (CardAction)CardActions.Choice($"{i + 1}. {m.CompanyName} ({m.Domain})", m.CustomerId))
            .ToList();
        body.Add(new ActionSet { Actions = buttons });
        return new AdaptiveCard
        {
            Body = body,
            Actions = [CardActions.Choice(SearchAgainButton.In(l), SearchAgain)],
        };
    }
}
