using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Search;

namespace PartnerBot.Conversations;

/// <summary>
/// help, cancel, start over (pomoc, anuluj, od nowa): honoured by every dialog, typed or as a card button.
/// After help the dialog asks its question again and goes on where it was.
/// </summary>
public static class Interruptions
{
    private static readonly HashSet<string> HelpWords = ["help", "pomoc", "pomocy", "what can you do", "co potrafisz"];
    private static readonly HashSet<string> CancelWords = ["cancel", "anuluj", "stop", "quit", "przerwij", "koniec", "nevermind", "never mind"];
    private static readonly HashSet<string> StartOverWords = ["start over", "od nowa", "restart", "zacznij od nowa", "reset", "start again", "jeszcze raz od poczatku"];

    public static DialogRunOptions RunOptions(Action<Microsoft.Bot.Builder.ITurnContext, DialogStateException>? onReset = null) => new()
    {
        Interruptions = InterruptAsync,
        ChangedDialogMessage = turn => ConversationTexts.Restarted.In(TurnLanguage.Of(turn)),
        RestartRootAfterChange = true,
        OnStateReset = onReset,
    };

    public static async Task<DialogInterruption> InterruptAsync(DialogContext dc, CancellationToken cancellationToken)
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

        return DialogInterruption.None;
    }
}
