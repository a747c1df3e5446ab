using System.Text.Json.Serialization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

// What each card a conversation waits on is built from: what a prompt keeps in the dialog state instead of the
// card (issue 13). Each is an IPromptCard registered under its stored name (here for the cards every conversation
// shares, in a conversation's ConversationRoute for its own); the card is built again, in the language of the turn
// that sends it, whenever the prompt is sent (first, after help, after a reply it did not take).

/// <summary>What a prompt card is built with: the turn that sends it, its language, the country rules a form states.</summary>
public sealed record PromptCardContext(ITurnContext Turn, UiLanguage Language, ICountryRulesSource CountryRules);

/// <summary>A record a prompt keeps in dialog state in place of its card, which builds the card when it is sent.</summary>
public interface IPromptCard
{
    ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken);
}

/// <summary>"Did you mean …?" for the one clear match.</summary>
public sealed record CustomerOfferCard : IPromptCard
{
    public ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CustomerChoiceCards.ConfirmOne(PromptCards.Required(Match), context.Language));

    public CustomerMatch? Match { get; init; }
}

/// <summary>Several customers match what was typed: which one?</summary>
public sealed record CustomerChoiceCard : IPromptCard
{
    public ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CustomerChoiceCards.ChooseOne(Query, Matches, context.Language));

    public string Query { get; init; } = string.Empty;

    public IReadOnlyList<CustomerMatch> Matches { get; init; } = [];
}

/// <summary>The account as read, with what the user may do to it.</summary>
public sealed record AccountReviewCard : IPromptCard
{
    public ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AccountCard.Build(PromptCards.Required(Account), PromptCards.Required(May), context.Language));

    public CustomerAccount? Account { get; init; }

    public StaffPermissions? May { get; init; }
}

/// <summary>
/// The billing form: the draft as typed, with its errors, Partner Center's address doubt, and the notes the form
/// shows. Only what the form shows is kept (issue 13): the draft's inputs that are not empty (a missing one is
/// empty, as in a draft), no empty error list, no note that is off. Documents of earlier builds, which kept every
/// field, read the same.
/// </summary>
public sealed record BillingFormSource : IPromptCard
{
    public async ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = await context.CountryRules.GetAsync(Country, cancellationToken);
        return BillingFormCard.Build(new BillingFormView(
            CustomerName, new BillingProfileDraft(Draft), Errors ?? [], rules, Country, context.Language, AddressCheck, SuggestionFilledIn, NothingChanged));
    }

    /// <summary>The source of the form showing <paramref name="draft"/>: its inputs that are not empty.</summary>
    public static Dictionary<BillingProfileField, string> Shown(BillingProfileDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return BillingFormCard.Inputs
            .Where(field => draft[field].Length > 0)
            .ToDictionary(field => field, field => draft[field]);
    }

    public string CustomerName { get; init; } = string.Empty;

    /// <summary>The country of the reviewed address, whose rules the form states.</summary>
    public string Country { get; init; } = string.Empty;

    public Dictionary<BillingProfileField, string> Draft { get; init; } = [];

    /// <summary>The errors beside the fields; null when there are none.</summary>
    public IReadOnlyList<ValidationError>? Errors { get; init; }

    public AddressValidation? AddressCheck { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SuggestionFilledIn { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NothingChanged { get; init; }
}

/// <summary>The billing changes to confirm, named by their change id.</summary>
public sealed record ChangeConfirmCard : IPromptCard
{
    public ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ChangesCards.ConfirmCard(new ChangesView(CustomerName, Changes, context.Language), ChangeId));

    public string CustomerName { get; init; } = string.Empty;

    public IReadOnlyList<FieldChange> Changes { get; init; } = [];

    public string ChangeId { get; init; } = string.Empty;
}

/// <summary>Someone changed the billing profile since it was reviewed: theirs, yours, apply on top or cancel.</summary>
public sealed record ChangeConflictCard : IPromptCard
{
    public ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ChangesCards.ConflictCard(new ChangesView(CustomerName, Theirs, context.Language), Yours, ChangeId));

    public string CustomerName { get; init; } = string.Empty;

    public IReadOnlyList<FieldChange> Theirs { get; init; } = [];

    public IReadOnlyList<FieldChange> Yours { get; init; } = [];

    public string ChangeId { get; init; } = string.Empty;
}

/// <summary>A change that did not go through, with what was said about it: try again (same change id) or cancel.</summary>
public sealed record ChangeRetryCard : IPromptCard
{
    public ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ChangesCards.RetryCard(Message, ChangeId, context.Language));

    public string Message { get; init; } = string.Empty;

    public string ChangeId { get; init; } = string.Empty;
}

/// <summary>Builds the conversations' prompt cards from what their state keeps.</summary>
public sealed class PromptCards(ICountryRulesSource countryRules) : IPromptCardBuilder
{
    /// <summary>Registers every card source under the name it is stored with (see <see cref="ConversationStateRecords"/>).</summary>
    public static DialogStateRecords Register(DialogStateRecords records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .Add<CustomerOfferCard>("card/customer-offer")
            .Add<CustomerChoiceCard>("card/customer-choice")
            .Add<AccountReviewCard>("card/account")
            .Add<BillingFormSource>("card/billing-form")
            .Add<ChangeConfirmCard>("card/change-confirm")
            .Add<ChangeConflictCard>("card/change-conflict")
            .Add<ChangeRetryCard>("card/change-retry");
    }

    public async Task<Activity> BuildAsync(ITurnContext turnContext, object source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var card = source as IPromptCard
            ?? throw new ArgumentException($"No prompt card is built from {source?.GetType().Name ?? "null"}.", nameof(source));
        var built = await card.BuildAsync(new PromptCardContext(turnContext, TurnLanguage.Of(turnContext), countryRules), cancellationToken);
        return (Activity)built.ToActivity();
    }

    /// <summary>
    /// The choices a card's buttons stand for, derived from its source so the state does not keep them: the
    /// several-matches card's from its matches (kept once), the account card's fixed buttons in the turn's language.
    /// </summary>
    public IList<Choice>? ChoicesFor(ITurnContext turnContext, object source) => source switch
    {
        CustomerChoiceCard choice => CustomerChoiceCards.Choices(choice.Matches).ToChoices(TurnLanguage.Of(turnContext)),
        AccountReviewCard => AccountCard.Choices.ToChoices(TurnLanguage.Of(turnContext)),
        _ => null,
    };

    /// <summary>A stored card source's required part, which a document edited by hand could lack.</summary>
    internal static T Required<T>(T? value)
        where T : class =>
        value ?? throw new DialogStateException($"A stored prompt card has no {typeof(T).Name}.");
}
