using Microsoft.Bot.Builder;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Language;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>How the history conversation starts: the customer named or chosen, and how many entries the pages before this one showed.</summary>
public sealed class HistoryOptions
{
    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? CustomerQuery { get; set; }

    public int Skip { get; set; }
}

/// <summary>A page of a customer's history that has a next page.</summary>
public sealed record HistoryPageCard : IPromptCard
{
    public string CustomerName { get; init; } = string.Empty;

    public IReadOnlyList<AuditEntry> Entries { get; init; } = [];

    public int First { get; init; } = 1;

    public bool HasMore { get; init; }

    public ValueTask<AdaptiveCard> BuildAsync(PromptCardContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(HistoryCard.Build(
            new HistoryView(CustomerName, Entries, First, HasMore, TurnClock.ZoneOf(context.Turn), context.Language)));
    }
}

/// <summary>
/// A customer's recorded changes, refusals, conflicts and failures, newest first, a page at a time.
/// The audit trail names staff and what they did, so it is shown to the roles that may view accounts.
/// </summary>
public sealed class HistoryDialog : ComponentDialog
{
    public const string DialogId = "HistoryDialog";

    /// <summary>"history Contoso", "what changed on Contoso", or the welcome card's button.</summary>
    public static readonly ConversationRoute Route = new(
        DialogId,
        [Intent.History],
        new ConversationButton(CardActions.History, Intent.History),
        start => new HistoryOptions { CustomerQuery = start.CustomerQuery, CustomerId = start.CustomerId, CustomerName = start.CustomerName },
        records => records.Add<HistoryOptions>("history/options").Add<HistoryPageCard>("card/history-page"));

    /// <summary>Entries per card: enough to see the last few changes without scrolling through a long card.</summary>
    public const int PageSize = 5;

    private const string StepsId = DialogId + ".steps";
    private const string MorePrompt = "historyMore";
    private const string RunKey = "run";

    private readonly ICustomerDirectory _directory;
    private readonly IAuditLog _audit;
    private readonly StaffAccess _access;

    public HistoryDialog(ICustomerDirectory directory, IAuditLog audit, StaffAccess access, CustomerChoiceDialog customerChoice)
        : base(DialogId)
    {
        _directory = directory;
        _audit = audit;
        _access = access;
        AddDialog(customerChoice);
        AddDialog(new ChoicePrompt(MorePrompt));
        AddDialog(new WaterfallDialog(StepsId, [ChooseAsync, ShowAsync, NextPageAsync]));
        InitialDialogId = StepsId;
    }

    private async Task<DialogTurnResult> ChooseAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var run = step.GetOptions<HistoryOptions>() ?? new HistoryOptions();
        step.Values[RunKey] = run;

        // Checked before asking which customer, so a person who may not look is told at once.
        if (await _access.CheckAsync(step.Context, PartnerAction.ViewAccount, cancellationToken) is null)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        return await CustomerChoiceDialog.ChooseAsync(step, run.CustomerId, run.CustomerName, run.CustomerQuery, cancellationToken);
    }

    private async Task<DialogTurnResult> ShowAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not ChosenCustomer chosen)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var run = step.GetValue<HistoryOptions>(RunKey)!;

        // Checked again when the trail is read (every page): a role removed mid-conversation counts.
        if (await _access.ReadAsync(step.Context, cancellationToken) is not { } read)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var name = chosen.CompanyName;
        if (string.IsNullOrEmpty(name))
        {
            name = (await _directory.GetAccountAsync(read, chosen.CustomerId, cancellationToken))?.Billing.CompanyName ?? chosen.CustomerId;
        }

        // One entry more than a page tells whether there is a next page without counting them all.
        var entries = await _audit.ListForCustomerAsync(read, chosen.CustomerId, run.Skip, PageSize + 1, cancellationToken);
        var hasMore = entries.Count > PageSize;
        var l = TurnLanguage.Of(step.Context);
        if (!hasMore)
        {
            var card = HistoryCard.Build(new HistoryView(name, [.. entries], run.Skip + 1, false, TurnClock.ZoneOf(step.Context), l));
            await step.Context.SendActivityAsync(card.ToActivity(), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        step.Values[RunKey] = new HistoryOptions { CustomerId = chosen.CustomerId, CustomerName = name, Skip = run.Skip };
        return await step.PromptAsync(
            MorePrompt,
            new PromptOptions
            {
                Prompt = PromptMessage.FromCard(new HistoryPageCard { CustomerName = name, Entries = [.. entries.Take(PageSize)], First = run.Skip + 1, HasMore = true }),
                RetryPrompt = PromptMessage.FromText(HistoryTexts.UseButtons.In(l)),
                Choices = HistoryCard.Choices.ToChoices(l),
                MaxAttempts = 3,
            },
            cancellationToken);
    }

    private static async Task<DialogTurnResult> NextPageAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var run = step.GetValue<HistoryOptions>(RunKey)!;
        if (step.Result is FoundChoice { Value: HistoryCard.More })
        {
            return await step.ReplaceDialogAsync(
                StepsId,
                new HistoryOptions { CustomerId = run.CustomerId, CustomerName = run.CustomerName, Skip = run.Skip + PageSize },
                cancellationToken);
        }

        return await step.EndDialogAsync(null, cancellationToken);
    }
}
