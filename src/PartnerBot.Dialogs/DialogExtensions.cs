using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs;

/// <summary>Runs a root dialog for one turn, as the SDK's DialogExtensions.RunAsync does, plus interruptions and polite restarts.</summary>
public static class DialogExtensions
{
    /// <summary>
    /// Continues the active dialog, or begins <paramref name="dialog"/> when none is active. While a dialog is
    /// active, a message goes to <see cref="DialogRunOptions.Interruptions"/> first. Saved state that no longer
    /// fits (see <see cref="DialogStateException"/>) is cleared with a polite message instead of an exception.
    /// State is not saved here: the bot saves its <see cref="BotState"/> at the end of the turn, as with the SDK.
    /// </summary>
    public static async Task<DialogTurnResult> RunAsync(
        this Dialog dialog,
        ITurnContext turnContext,
        IStatePropertyAccessor<DialogState> accessor,
        DialogRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(accessor);
        options ??= new DialogRunOptions();
        if (options.PromptCards is { } cards)
        {
            PromptMessage.Builders.AddOrUpdate(turnContext.TurnState, cards);
        }

        var dialogSet = new DialogSet(accessor).Add(dialog);
        try
        {
            var dc = await dialogSet.CreateContextAsync(turnContext, cancellationToken);
            return await RunTurnAsync(dialog, dc, options, cancellationToken);
        }
        catch (DialogStateException ex)
        {
            options.OnStateReset?.Invoke(turnContext, ex);
            var fresh = new DialogState();
            await accessor.SetAsync(turnContext, fresh, cancellationToken);
            var say = ex.StateUnreadable ? options.UnreadableStateMessage ?? options.ChangedDialogMessage : options.ChangedDialogMessage;
            if (say(turnContext) is { Length: > 0 } message)
            {
                await turnContext.SendActivityAsync(MessageFactory.Text(message), cancellationToken);
            }

            if (!options.RestartRootAfterChange)
            {
                return new DialogTurnResult(DialogTurnStatus.Cancelled);
            }

            // A fresh dialog cannot meet stale state, so this begin runs outside the catch's reach on purpose.
            var dc = new DialogContext(dialogSet, turnContext, fresh);
            return await dc.BeginDialogAsync(dialog.Id, null, cancellationToken);
        }
    }

    private static async Task<DialogTurnResult> RunTurnAsync(
        Dialog root, DialogContext dc, DialogRunOptions options, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is not null && options.Interruptions is { } interruptions
            && UniversalAction.IsUserReply(dc.Context.Activity))
        {
            switch (await interruptions(dc, cancellationToken))
            {
                case DialogInterruption.Handled:
                    await dc.RepromptDialogAsync(cancellationToken);
                    return Dialog.EndOfTurn;
                case DialogInterruption.EndTurn:
                    return Dialog.EndOfTurn;
                case DialogInterruption.CancelAll:
                    return await dc.CancelAllDialogsAsync(cancellationToken);
                case DialogInterruption.StartOver:
                    await dc.CancelAllDialogsAsync(cancellationToken);
                    return await dc.BeginDialogAsync(root.Id, null, cancellationToken);
                case DialogInterruption.None:
                default:
                    break;
            }
        }

        var result = await dc.ContinueDialogAsync(cancellationToken);
        return result.Status == DialogTurnStatus.Empty
            ? await dc.BeginDialogAsync(root.Id, null, cancellationToken)
            : result;
    }
}
