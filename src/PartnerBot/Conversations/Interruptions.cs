using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Language;
using PartnerBot.Domain.Search;

namespace PartnerBot.Conversations;

/// <summary>
/// help, cancel, start over (pomoc, anuluj, od nowa): honoured by every dialog, typed or as a card button.
/// After help the dialog asks its question again and goes on where it was. A new request that names a
/// customer ("history Contoso" while a form waits) starts that request instead of a "use the card" reply.
/// </summary>
public sealed class Interruptions(IIntentRecognizer recognizer, StaffAccess access)
{
    private static readonly HashSet<Intent> NewRequests =
        [Intent.UpdateAccount, Intent.AllowPurchases, Intent.RevokePurchases, Intent.AskPurchaseState, Intent.History];

    private static readonly HashSet<string> HelpWords = ["help", "pomoc", "pomocy", "what can you do", "co potrafisz"];
    private static readonly HashSet<string> CancelWords = ["cancel", "anuluj", "stop", "quit", "przerwij", "koniec", "nevermind", "never mind"];
    private static readonly HashSet<string> StartOverWords = ["start over", "od nowa", "restart", "zacznij od nowa", "reset", "start again", "jeszcze raz od poczatku"];

    public DialogRunOptions RunOptions(Action<Microsoft.Bot.Builder.ITurnContext, DialogStateException>? onReset = null) => new()
    {
        Interruptions = InterruptAsync,
        ChangedDialogMessage = turn => ConversationTexts.Restarted.In(TurnLanguage.Of(turn)),
        UnreadableStateMessage = turn => ConversationTexts.StateUnreadable.In(TurnLanguage.Of(turn)),
        RestartRootAfterChange = true,
        OnStateReset = onReset,
    };

    public async Task<DialogInterruption> InterruptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        var action = CardSubmit.Action(turn.Activity);
        var words = TextFold.Fold(turn.Activity.Text ?? string.Empty).Trim().TrimEnd('.', '!');

        if (action == CardActions.Help || HelpWords.Contains(words))
        {
            await turn.SayAsync(ConversationTexts.Help, cancellationToken);
            return DialogInterruption.Handled;
        }

        if (action == CardActions.Cancel || CancelWords.Contains(words))
        {
            await turn.SayAsync(ConversationTexts.Cancelled, cancellationToken);
            return DialogInterruption.CancelAll;
        }

        if (action == CardActions.StartOver || StartOverWords.Contains(words))
        {
            await turn.SayAsync(ConversationTexts.Cancelled, cancellationToken);
            return DialogInterruption.StartOver;
        }

        // Only typed words can be a new request; a card submit belongs to the dialog that sent the card.
        if (action is null && words.Length > 0 && CardSubmit.Value(turn.Activity) is null)
        {
            var recognition = await recognizer.RecognizeAsync(access, turn, turn.Activity.Text!, cancellationToken);
            if (NewRequests.Contains(recognition.Intent) && recognition.Customers.Count > 0)
            {
                return DialogInterruption.StartOver;
            }
        }

        return DialogInterruption.None;
    }
}
