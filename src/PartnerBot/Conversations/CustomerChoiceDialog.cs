using Microsoft.Bot.Builder;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>What to search for first; null asks the user.</summary>
public sealed class CustomerChoiceOptions
{
    public string? Query { get; set; }

    /// <summary>Set when the previous search found nothing, so the question says so.</summary>
    public string? NoMatchFor { get; set; }
}

/// <summary>The customer the user chose; the dialog's result (null when they gave up).</summary>
public sealed record ChosenCustomer(string CustomerId, string CompanyName);

/// <summary>
/// Chooses a customer: from the utterance's mention, else asked. An exact name or domain is chosen at once,
/// one fuzzy match is offered for a yes/no, several as a choice card with "search again", none as "no
/// customer matches" and a retry. The result
/// is always one of the customers offered in this dialog: the choice prompt accepts nothing else.
/// </summary>
public sealed class CustomerChoiceDialog : ComponentDialog
{
    public const string DialogId = nameof(CustomerChoiceDialog);
    private const string StepsId = DialogId + ".steps";
    private const string AskPrompt = "customerQuery";
    private const string ConfirmPrompt = "customerConfirm";
    private const string ChoosePrompt = "customerChoose";
    private const string OfferedKey = "offered";
    private const int MaxTries = 3;

    private readonly ICustomerDirectory _directory;
    private readonly StaffAccess _access;

    public CustomerChoiceDialog(ICustomerDirectory directory, StaffAccess access)
        : base(DialogId)
    {
        _directory = directory;
        _access = access;
        AddDialog(new TextPrompt(AskPrompt));
        AddDialog(new ConfirmPrompt(ConfirmPrompt, CustomerChoiceCards.YesOrNo));
        AddDialog(new ChoicePrompt(ChoosePrompt));
        AddDialog(new WaterfallDialog(StepsId, [AskAsync, SearchAsync, ChosenAsync]));
        InitialDialogId = StepsId;
    }

    /// <summary>
    /// Begins the choice from <paramref name="query"/>, or hands a customer that is already known (the account
    /// card's "change purchase permission") straight to the next step as a <see cref="ChosenCustomer"/>.
    /// </summary>
    public static async Task<DialogTurnResult> ChooseAsync(
        WaterfallStepContext step, string? customerId, string? customerName, string? query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!string.IsNullOrEmpty(customerId))
        {
            return await step.NextAsync(new ChosenCustomer(customerId, customerName ?? string.Empty), cancellationToken);
        }

        return await step.BeginDialogAsync(DialogId, new CustomerChoiceOptions { Query = query }, cancellationToken);
    }

    private static async Task<DialogTurnResult> AskAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var options = step.GetOptions<CustomerChoiceOptions>() ?? new CustomerChoiceOptions();
        if (!string.IsNullOrWhiteSpace(options.Query))
        {
            return await step.NextAsync(options.Query, cancellationToken);
        }

        var l = TurnLanguage.Of(step.Context);
        var question = options.NoMatchFor is null ? CustomerChoiceTexts.Which.In(l) : CustomerChoiceTexts.NoMatch.Format(l, options.NoMatchFor);
        return await step.PromptAsync(
            AskPrompt,
            new PromptOptions { Prompt = PromptMessage.FromText(question), MaxAttempts = MaxTries },
            cancellationToken);
    }

    private async Task<DialogTurnResult> SearchAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is PromptAttemptsExhausted or not string)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var query = ((string)step.Result).Trim();
        var l = TurnLanguage.Of(step.Context);
        // Checked at every search, not once per conversation: customer names are account data.
        if (await _access.ReadAsync(step.Context, cancellationToken) is not { } read)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var matches = await _directory.SearchAsync(read, query, SearchDecision.DefaultMaxChoices * 2, cancellationToken);
        switch (SearchDecision.Decide(matches))
        {
            case CustomerSearchOutcome.Exact exact:
                return await step.EndDialogAsync(new ChosenCustomer(exact.Match.CustomerId, exact.Match.CompanyName), cancellationToken);
            case CustomerSearchOutcome.ClearMatch clear:
                // The offered customers are the card's source itself: the state keeps them once (the same record
                // in the waterfall's values and the prompt's card is stored once and referred to).
                var offer = new CustomerOfferCard { Match = clear.Match };
                step.Values[OfferedKey] = offer;
                return await step.PromptAsync(
                    ConfirmPrompt,
                    new PromptOptions
                    {
                        Prompt = PromptMessage.FromCard(offer),
                        RetryPrompt = PromptMessage.FromText(CustomerChoiceTexts.YesOrNo.In(l)),
                        MaxAttempts = MaxTries,
                    },
                    cancellationToken);
            case CustomerSearchOutcome.Choose choose:
                var choice = new CustomerChoiceCard { Query = query, Matches = choose.Matches };
                step.Values[OfferedKey] = choice;
                return await step.PromptAsync(
                    ChoosePrompt,
                    new PromptOptions
                    {
                        // No Choices: PromptCards derives them from the card's matches at each reply (issue 13).
                        Prompt = PromptMessage.FromCard(choice),
                        RetryPrompt = PromptMessage.FromText(CustomerChoiceTexts.PickFromCard.In(l)),
                        MaxAttempts = MaxTries,
                    },
                    cancellationToken);
            default:
                return await step.ReplaceDialogAsync(StepsId, new CustomerChoiceOptions { NoMatchFor = query }, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> ChosenAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var offered = Offered(step.Values.TryGetValue(OfferedKey, out var kept) ? kept : null);
        switch (step.Result)
        {
            case true:
                return await step.EndDialogAsync(offered.FirstOrDefault(), cancellationToken);
            case false:
            case FoundChoice { Value: CustomerChoiceCards.SearchAgain }:
                return await step.ReplaceDialogAsync(StepsId, new CustomerChoiceOptions(), cancellationToken);
            case FoundChoice found:
                return await step.EndDialogAsync(offered.FirstOrDefault(c => c.CustomerId == found.Value), cancellationToken);
            default:
                await step.Context.SayAsync(SharedTexts.TooManyAttempts, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
        }
    }

    /// <summary>The customers offered, from the card source kept (or the list an earlier build kept).</summary>
    private static List<ChosenCustomer> Offered(object? kept) => kept switch
    {
        CustomerOfferCard { Match: { } match } => [new(match.CustomerId, match.CompanyName)],
        CustomerChoiceCard choice => [.. choice.Matches.Select(m => new ChosenCustomer(m.CustomerId, m.CompanyName))],
        List<ChosenCustomer> list => list,
        _ => [],
    };
}
