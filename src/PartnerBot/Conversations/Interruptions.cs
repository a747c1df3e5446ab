using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Language;
using PartnerBot.Domain.Search;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>
/// help, cancel, start over (pomoc, anuluj, od nowa): honoured by every dialog, typed or as a card button.
/// After help the dialog asks its question again and goes on where it was. A new request that names a
/// customer ("history Contoso" while a form waits) starts that request instead of a "use the card" reply.
/// </summary>
public sealed class Interruptions(IIntentRecognizer recognizer, StaffAccess access, IEnumerable<RegisteredConversation> conversations, PromptCards promptCards)
{
    /// <summary>The requests that start a conversation; a bare customer name (<see cref="Intent.None"/>) is not one mid-dialog.</summary>
    private readonly HashSet<Intent> _newRequests = [.. conversations.SelectMany(c => c.Route.Intents).Where(i => i != Intent.None)];


    public DialogRunOptions RunOptions(Action<Microsoft.Bot.Builder.ITurnContext, DialogStateException>? onReset = null) => new()
    {
        Interruptions = InterruptAsync,
        PromptCards = promptCards,
        ChangedDialogMessage = turn => SharedTexts.Restarted.In(TurnLanguage.Of(turn)),
        UnreadableStateMessage = turn => SharedTexts.StateUnreadable.In(TurnLanguage.Of(turn)),
        RestartRootAfterChange = true,
        OnStateReset = onReset,
    };

    public async Task<DialogInterruption> InterruptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        var action = CardSubmit.Action(turn.Activity);
        var words = TextFold.Fold(turn.Activity.Text ?? string.Empty).Trim().TrimEnd('.', '!');

        if (action == CardActions.Help || Vocabulary.Help.Contains(words))
        {
            await turn.SayAsync(SharedTexts.Help, cancellationToken);
            return DialogInterruption.Handled;
        }

        if (action == CardActions.Cancel || Vocabulary.Cancel.Contains(words))
        {
            await turn.SayAsync(SharedTexts.Cancelled, cancellationToken);
            return DialogInterruption.CancelAll;
        }

        if (action == CardActions.StartOver || Vocabulary.StartOver.Contains(words))
        {
            await turn.SayAsync(SharedTexts.Cancelled, cancellationToken);
            return DialogInterruption.StartOver;
        }

        // The customer summary card sits in a channel for anyone to press: it is a new request, never an answer
        // to the presser's running conversation (which may be about another customer).
        if (CustomerCardPress.Is(turn.Activity))
        {
            return DialogInterruption.StartOver;
        }

        // Only typed words can be a new request; a card submit belongs to the dialog that sent the card.
        if (action is null && words.Length > 0 && !CardSubmit.Sent(turn.Activity))
        {
            var recognition = await recognizer.RecognizeAsync(access, turn, turn.Activity.Text!, cancellationToken);
            if (_newRequests.Contains(recognition.Intent) && recognition.Customers.Count > 0)
            {
                return DialogInterruption.StartOver;
            }
        }

        return DialogInterruption.None;
    }
}
