using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Conversations;

// What each card a conversation waits on is built from: what a prompt keeps in the dialog state instead of the
// card (issue 13). Each is registered in ConversationStateRecords; the card is built again, in the language of the
// turn that sends it, whenever the prompt is sent (first, after help, after a reply it did not take).

/// <summary>"Did you mean …?" for the one clear match.</summary>
public sealed record CustomerOfferCard
{
    public CustomerMatch? Match { get; init; }
}

/// <summary>Several customers match what was typed: which one?</summary>
public sealed record CustomerChoiceCard
{
    public string Query { get; init; } = string.Empty;

    public IReadOnlyList<CustomerMatch> Matches { get; init; } = [];
}

/// <summary>The account as read, with what the user may do to it.</summary>
public sealed record AccountReviewCard
{
    public CustomerAccount? Account { get; init; }

    public StaffPermissions? May { get; init; }
}

/// <summary>The billing form: the draft as typed, with its errors, Partner Center's address doubt, and the notes the form shows.</summary>
public sealed record BillingFormSource
{
    public string CustomerName { get; init; } = string.Empty;

    /// <summary>The country of the reviewed address, whose rules the form states.</summary>
    public string Country { get; init; } = string.Empty;

    public Dictionary<BillingProfileField, string> Draft { get; init; } = [];

    public IReadOnlyList<ValidationError> Errors { get; init; } = [];

    public AddressValidation? AddressCheck { get; init; }

    public bool SuggestionFilledIn { get; init; }

    public bool NothingChanged { get; init; }
}

/// <summary>The billing changes to confirm, named by their change id.</summary>
public sealed record ChangeConfirmCard
{
    public string CustomerName { get; init; } = string.Empty;

    public IReadOnlyList<FieldChange> Changes { get; init; } = [];

    public string ChangeId { get; init; } = string.Empty;
}

/// <summary>Someone changed the billing profile since it was reviewed: theirs, yours, apply on top or cancel.</summary>
public sealed record ChangeConflictCard
{
    public string CustomerName { get; init; } = string.Empty;

    public IReadOnlyList<FieldChange> Theirs { get; init; } = [];

    public IReadOnlyList<FieldChange> Yours { get; init; } = [];

    public string ChangeId { get; init; } = string.Empty;
}

/// <summary>A change that did not go through, with what was said about it: try again (same change id) or cancel.</summary>
public sealed record ChangeRetryCard
{
    public string Message { get; init; } = string.Empty;

    public string ChangeId { get; init; } = string.Empty;
}

/// <summary>A customer's purchase permission and, for someone who may, the switch that would change it.</summary>
public sealed record PurchaseStateCard
{
    public string CustomerName { get; init; } = string.Empty;

    public bool IsAllowed { get; init; }

    public bool HasAzurePlan { get; init; }

    public IReadOnlyList<PartnerRole> AllowedRoles { get; init; } = [];

    public bool MayChange { get; init; }

    /// <summary>Set on the confirm card: the switch asked for, and the change id that names it.</summary>
    public bool? Allow { get; init; }

    public string? ChangeId { get; init; }
}

/// <summary>A page of a customer's history that has a next page.</summary>
public sealed record HistoryPageCard
{
    public string CustomerName { get; init; } = string.Empty;

    public IReadOnlyList<AuditEntry> Entries { get; init; } = [];

    public int First { get; init; } = 1;

    public bool HasMore { get; init; }
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
            .Add<ChangeRetryCard>("card/change-retry")
            .Add<PurchaseStateCard>("card/purchase-state")
            .Add<HistoryPageCard>("card/history-page");
    }

    public async Task<Activity> BuildAsync(ITurnContext turnContext, object source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var l = TurnLanguage.Of(turnContext);
        var card = source switch
        {
            CustomerOfferCard offer => CustomerChoiceCards.ConfirmOne(Required(offer.Match), l),
            CustomerChoiceCard choice => CustomerChoiceCards.ChooseOne(choice.Query, choice.Matches, l),
            AccountReviewCard account => AccountCard.Build(Required(account.Account), Required(account.May), l),
            BillingFormSource form => BillingFormCard.Build(new BillingFormView(
                form.CustomerName,
                new BillingProfileDraft(form.Draft),
                form.Errors,
                await countryRules.GetAsync(form.Country, cancellationToken),
                form.Country,
                l,
                form.AddressCheck,
                form.SuggestionFilledIn,
                form.NothingChanged)),
            ChangeConfirmCard confirm => ChangesCards.ConfirmCard(new ChangesView(confirm.CustomerName, confirm.Changes, l), confirm.ChangeId),
            ChangeConflictCard conflict => ChangesCards.ConflictCard(new ChangesView(conflict.CustomerName, conflict.Theirs, l), conflict.Yours, conflict.ChangeId),
            ChangeRetryCard retry => ChangesCards.RetryCard(retry.Message, retry.ChangeId, l),
            PurchaseStateCard { Allow: bool allow, ChangeId: { } changeId } purchase => PurchasePermissionCards.ConfirmCard(View(purchase, l), allow, changeId),
            PurchaseStateCard purchase => PurchasePermissionCards.StateCard(View(purchase, l)),
            HistoryPageCard page => HistoryCard.Build(new HistoryView(
                page.CustomerName, page.Entries, page.First, page.HasMore, TurnClock.ZoneOf(turnContext), l)),
            _ => throw new ArgumentException($"No prompt card is built from {source?.GetType().Name ?? "null"}.", nameof(source)),
        };
        return (Activity)card.ToActivity();
    }

    /// <summary>The several-matches card's choices come from its matches, so the state keeps the matches once.</summary>
    public IList<Choice>? ChoicesFor(ITurnContext turnContext, object source) =>
        source is CustomerChoiceCard choice ? CustomerChoiceCards.Choices(choice.Matches).ToChoices(TurnLanguage.Of(turnContext)) : null;

    private static PurchasePermissionView View(PurchaseStateCard card, Localization.UiLanguage l) =>
        new(card.CustomerName, card.IsAllowed, card.HasAzurePlan, card.AllowedRoles, l, card.MayChange);

    private static T Required<T>(T? value)
        where T : class =>
        value ?? throw new DialogStateException($"A stored prompt card has no {typeof(T).Name}.");
}
