using Microsoft.Bot.Builder;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Language;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>
/// The root dialog: understands what the user asked (typed words or a welcome card button) and starts the
/// conversation registered for it (<see cref="ConversationRoute"/>); answers greetings, help and unknown
/// utterances itself. A conversation may end by asking for another (<see cref="ConversationFollowUp"/>).
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    public const string DialogId = nameof(MainDialog);
    private const string StepsId = DialogId + ".steps";

    /// <summary>
    /// A recognizer's customer match this strong, with no intent words, is taken as "open this account":
    /// every typed word was found in the name, with at most one typo each (0.75 × 0.965 × 0.85 ≈ 0.615 at
    /// the least), so "krasnik" alone (one of three name words, about 0.87) opens Zakłady Mięsne Kraśnik,
    /// while a word that only resembles a name with two typos is not taken for one.
    /// </summary>
    private const double BareMentionScore = 0.6;

    private readonly IIntentRecognizer _recognizer;
    private readonly StaffAccess _access;
    private readonly Welcome _welcome;
    private readonly IReadOnlyList<RegisteredConversation> _conversations;

    public MainDialog(IIntentRecognizer recognizer, StaffAccess access, Welcome welcome, IEnumerable<RegisteredConversation> conversations)
        : base(DialogId)
    {
        _recognizer = recognizer;
        _access = access;
        _welcome = welcome;
        _conversations = [.. conversations ?? []];
        foreach (var conversation in _conversations)
        {
            AddDialog(conversation.Dialog);
        }

        AddDialog(new WaterfallDialog(StepsId, [RouteAsync, FollowUpAsync]));
        InitialDialogId = StepsId;
    }

    private async Task<DialogTurnResult> RouteAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var turn = step.Context;
        if (CardSubmit.Sent(turn.Activity))
        {
            var action = CardSubmit.Action(turn.Activity);
            if (action == CardActions.Help)
            {
                return await EndWithAsync(step, () => turn.SayAsync(SharedTexts.Help, cancellationToken), cancellationToken);
            }

            if (CustomerCardPress.Start(turn.Activity) is { } customerCard && _conversations.For(customerCard.Intent) is { } onCustomer)
            {
                return await StartAsync(step, onCustomer, customerCard, cancellationToken);
            }

            return _conversations.ForVerb(action) is { } pressed
                ? await StartAsync(step, pressed, new ConversationStart(pressed.Route.Button!.Intent), cancellationToken)
                : await EndWithAsync(step, () => turn.SayAsync(SharedTexts.StaleCard, cancellationToken), cancellationToken);
        }

        var text = turn.Activity.Text?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return await EndWithAsync(step, () => turn.SayAsync(SharedTexts.Hint, cancellationToken), cancellationToken);
        }

        var recognition = await _recognizer.RecognizeAsync(_access, turn, text, cancellationToken);
        switch (recognition.Intent)
        {
            case Intent.Help:
                return await EndWithAsync(step, () => turn.SayAsync(SharedTexts.Help, cancellationToken), cancellationToken);
            case Intent.Greeting:
            case Intent.StartOver:
                return await EndWithAsync(step, () => _welcome.SendAsync(turn, cancellationToken), cancellationToken);
            case Intent.Cancel:
                return await EndWithAsync(step, () => turn.SayAsync(SharedTexts.NothingToCancel, cancellationToken), cancellationToken);
            case Intent.None when recognition.Customers.Count > 0 && recognition.Customers[0].Score >= BareMentionScore:
                // Just a customer's name: the conversation registered for Intent.None opens that customer.
                var named = new ConversationStart(Intent.None, recognition.CustomerMention ?? text);
                return _conversations.For(Intent.None) is { } opens
                    ? await StartAsync(step, opens, named, cancellationToken)
                    : await EndWithAsync(step, () => turn.SayAsync(SharedTexts.Hint, cancellationToken), cancellationToken);
            case Intent.None:
                return await EndWithAsync(step, () => turn.SayAsync(SharedTexts.Hint, cancellationToken), cancellationToken);
            default:
                return _conversations.For(recognition.Intent) is { } asked
                    ? await StartAsync(step, asked, new ConversationStart(recognition.Intent, recognition.CustomerMention), cancellationToken)
                    : await EndWithAsync(step, () => turn.SayAsync(SharedTexts.Hint, cancellationToken), cancellationToken);
        }
    }

    private async Task<DialogTurnResult> FollowUpAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is ConversationFollowUp followUp && _conversations.For(followUp.Start.Intent) is { } next)
        {
            return await StartAsync(step, next, followUp.Start, cancellationToken);
        }

        return await step.EndDialogAsync(null, cancellationToken);
    }

    private static Task<DialogTurnResult> StartAsync(
        WaterfallStepContext step, RegisteredConversation conversation, ConversationStart start, CancellationToken cancellationToken) =>
        step.BeginDialogAsync(conversation.Route.DialogId, conversation.Route.Options(start), cancellationToken);

    private static async Task<DialogTurnResult> EndWithAsync(WaterfallStepContext step, Func<Task> reply, CancellationToken cancellationToken)
    {
        await reply();
        return await step.EndDialogAsync(null, cancellationToken);
    }
}

/// <summary>A conversation's result that asks the main dialog to start another (for the same customer, say).</summary>
public sealed record ConversationFollowUp(ConversationStart Start);
