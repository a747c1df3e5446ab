using PartnerBot.Dialogs;
using PartnerBot.Domain.Customers;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>Cards for choosing a customer: one match to confirm, several to choose from.</summary>
public static class CustomerChoiceCards
{
    public const string SearchAgain = "searchAgain";

    /// <summary>The verb of a customer's button on the several-matches card; its data names the customer.</summary>
    public const string Choose = "chooseCustomer";

    public static readonly ButtonChoice SearchAgainChoice = new(SearchAgain, CustomerChoiceTexts.SearchAgainButton, Vocabulary.SearchAgain);

    /// <summary>"Did you mean …?": yes or search again, typed or pressed.</summary>
    public static readonly ConfirmWords YesOrNo = new(Vocabulary.Yes, Vocabulary.No);

    /// <summary>
    /// The answers of the several-matches card: each customer (numbered; its name or domain typed selects it too),
    /// then Search again. A company name is data, so its title is the same in both languages.
    /// </summary>
    public static IReadOnlyList<ButtonChoice> Choices(IReadOnlyList<CustomerMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        return
        [
            .. matches.Select((m, i) =>
            {
                var title = $"{i + 1}. {m.CompanyName} ({m.Domain})";
                return new ButtonChoice(m.CustomerId, Text.Same(title), [m.CompanyName, m.Domain], Verb: Choose);
            }),
            SearchAgainChoice,
        ];
    }

    public static AdaptiveCard ConfirmOne(CustomerMatch match, UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(match);
        return new AdaptiveCard
        {
            Body = [new TextBlock { Text = CustomerChoiceTexts.OneMatch.Format(l, match.CompanyName, match.Domain) }],
            Actions =
            [
                CardActions.Confirm(CustomerChoiceTexts.YesButton.In(l), true, ActionStyle.Positive),
                CardActions.Confirm(CustomerChoiceTexts.NoButton.In(l), false),
            ],
        };
    }

    public static AdaptiveCard ChooseOne(string query, IReadOnlyList<CustomerMatch> matches, UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var body = new List<CardElement>
        {
            new TextBlock { Text = CustomerChoiceTexts.SeveralMatches.Format(l, query), Weight = TextWeight.Bolder },
            new TextBlock { Text = CustomerChoiceTexts.ChooseHint.In(l), IsSubtle = true, Spacing = Spacing.None },
        };
        // Each customer is a selectable container, not a button: a button's title is cut to one line, and
        // "Zakłady Mięsne Kraśnik Sp. z o.o. (zakladymiesne.onmicrosoft.com)" must be read whole to choose.
        foreach (var choice in Choices(matches).Where(c => c != SearchAgainChoice))
        {
            body.Add(new Container
            {
                Style = ContainerStyle.Emphasis,
                Spacing = Spacing.Small,
                SelectAction = choice.ToAction(l),
                Items = [new TextBlock { Text = choice.Title.In(l), Weight = TextWeight.Bolder, Color = TextColor.Accent }],
            });
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = [SearchAgainChoice.ToAction(l)],
        };
    }
}
