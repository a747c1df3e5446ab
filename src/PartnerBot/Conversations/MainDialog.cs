using Microsoft.Bot.Builder;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Language;

namespace PartnerBot.Conversations;

/// <summary>Options of the purchase permission conversation: what the utterance or the account card already said.</summary>
public sealed class PurchasePermissionOptions
{
    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? CustomerQuery { get; set; }

    /// <summary>true = allow, false = revoke, null = not said (ask, or show the state).</summary>
    public bool? Allow { get; set; }
}

/// <summary>Options of the history conversation.</summary>
public sealed class HistoryOptions
{
    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? CustomerQuery { get; set; }
}

/// <summary>
/// The root dialog: understands what the user asked (typed words or a card button) and starts the matching
/// conversation; answers greetings, help and unknown utterances itself. Conversations are plugged in as
/// dialogs with well-known ids, so a new one is a dialog added, not a router rewritten.
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    public const string DialogId = nameof(MainDialog);
    public const string PurchasePermissionDialogId = "PurchasePermissionDialog";
    public const string HistoryDialogId = "HistoryDialog";
    private const string StepsId = DialogId + ".steps";

    /// <summary>A recognizer's customer match this strong, with no intent words, is taken as "open this account".</summary>
    private const double BareMentionScore = 0.9;

    private static readonly HashSet<string> StaleCardActions =
    [
        ChangesCards.Confirm, ChangesCards.EditAgain, ChangesCards.Cancel, ChangesCards.ApplyOnTop, ChangesCards.TryAgain,
        BillingFormCard.Review, BillingFormCard.Cancel,
    ];

    private readonly IIntentRecognizer _recognizer;
    private readonly StaffAccess _access;
    private readonly Welcome _welcome;

    public MainDialog(IIntentRecognizer recognizer, StaffAccess access, Welcome welcome, AccountUpdateDialog accountUpdate, IEnumerable<Dialog> conversations)
        : base(DialogId)
    {
        _recognizer = recognizer;
        _access = access;
        _welcome = welcome;
        AddDialog(accountUpdate);
        foreach (var conversation in conversations ?? [])
        {
            AddDialog(conversation);
        }

        AddDialog(new WaterfallDialog(StepsId, [RouteAsync, FollowUpAsync]));
        InitialDialogId = StepsId;
    }

    private async Task<DialogTurnResult> RouteAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var turn = step.Context;
        var submitted = CardSubmit.Value(turn.Activity);
        var action = CardSubmit.Action(turn.Activity);
        if (submitted is not null)
        {
            return action switch
            {
                CardActions.UpdateAccount => await step.BeginDialogAsync(AccountUpdateDialog.DialogId, new AccountUpdateOptions(), cancellationToken),
                CardActions.PurchasePermission => await BeginIfPresentAsync(step, PurchasePermissionDialogId, new PurchasePermissionOptions(), cancellationToken),
                CardActions.History => await BeginIfPresentAsync(step, HistoryDialogId, new HistoryOptions(), cancellationToken),
                CardActions.Help => await EndWithAsync(step, () => HelpAsync(turn, cancellationToken), cancellationToken),
                _ => await EndWithAsync(step, () => turn.SayAsync(ConversationTexts.StaleCard, cancellationToken), cancellationToken),
            };
        }

        var text = turn.Activity.Text?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return await EndWithAsync(step, () => turn.SayAsync(ConversationTexts.Hint, cancellationToken), cancellationToken);
        }

        var recognition = await _recognizer.RecognizeAsync(_access, turn, text, cancellationToken);
        var mention = recognition.CustomerMention;
        switch (recognition.Intent)
        {
            case Intent.UpdateAccount:
                return await step.BeginDialogAsync(AccountUpdateDialog.DialogId, new AccountUpdateOptions { CustomerQuery = mention }, cancellationToken);
            case Intent.AllowPurchases:
            case Intent.RevokePurchases:
            case Intent.AskPurchaseState:
                var allow = recognition.Intent switch
                {
                    Intent.AllowPurchases => true,
                    Intent.RevokePurchases => (bool?)false,
                    _ => null,
                };
                return await BeginIfPresentAsync(step, PurchasePermissionDialogId, new PurchasePermissionOptions { CustomerQuery = mention, Allow = allow }, cancellationToken);
            case Intent.History:
                return await BeginIfPresentAsync(step, HistoryDialogId, new HistoryOptions { CustomerQuery = mention }, cancellationToken);
            case Intent.Help:
                return await EndWithAsync(step, () => HelpAsync(turn, cancellationToken), cancellationToken);
            case Intent.Greeting:
            case Intent.StartOver:
                return await EndWithAsync(step, () => _welcome.SendAsync(turn, cancellationToken), cancellationToken);
            case Intent.Cancel:
                return await EndWithAsync(step, () => turn.SayAsync(ConversationTexts.NothingToCancel, cancellationToken), cancellationToken);
            case Intent.None when recognition.Customers.Count > 0 && recognition.Customers[0].Score >= BareMentionScore:
                // Just a customer's name: the most useful answer is that customer's account.
                return await step.BeginDialogAsync(AccountUpdateDialog.DialogId, new AccountUpdateOptions { CustomerQuery = mention ?? text, ViewOnly = true }, cancellationToken);
            default:
                return await EndWithAsync(step, () => turn.SayAsync(ConversationTexts.Hint, cancellationToken), cancellationToken);
        }
    }

    private async Task<DialogTurnResult> FollowUpAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is AccountFollowUp { Action: AccountCard.ChangePurchasePermission } followUp)
        {
            return await BeginIfPresentAsync(
                step,
                PurchasePermissionDialogId,
                new PurchasePermissionOptions { CustomerId = followUp.CustomerId, CustomerName = followUp.CustomerName },
                cancellationToken);
        }

        return await step.EndDialogAsync(null, cancellationToken);
    }

    private async Task<DialogTurnResult> BeginIfPresentAsync(WaterfallStepContext step, string dialogId, object options, CancellationToken cancellationToken)
    {
        if (FindDialog(dialogId) is null)
        {
            return await EndWithAsync(step, () => step.Context.SayAsync(ConversationTexts.Hint, cancellationToken), cancellationToken);
        }

        return await step.BeginDialogAsync(dialogId, options, cancellationToken);
    }

    private static async Task HelpAsync(ITurnContext turn, CancellationToken cancellationToken) =>
        await turn.SayAsync(ConversationTexts.Help, cancellationToken);

    private static async Task<DialogTurnResult> EndWithAsync(WaterfallStepContext step, Func<Task> reply, CancellationToken cancellationToken)
    {
        await reply();
        return await step.EndDialogAsync(null, cancellationToken);
    }
}
