using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs;

/// <summary>The dialog stack for this turn, and the operations that move it (the SDK's DialogContext).</summary>
public class DialogContext
{
    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state, DialogContext? parent = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(state);
        Dialogs = dialogs;
        Context = turnContext;
        State = state;
        Parent = parent;
    }

    public DialogSet Dialogs { get; }

    public ITurnContext Context { get; }

    public DialogState State { get; }

    /// <summary>The context of the enclosing component dialog, if this stack is a component's inner stack.</summary>
    public DialogContext? Parent { get; }

    /// <summary>Top (active) dialog first.</summary>
    public IList<DialogInstance> Stack => State.DialogStack;

    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>Looks in this set, then in the enclosing ones, so a child of a component can start the app's dialogs.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    public async Task<DialogTurnResult> BeginDialogAsync(
        string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        var dialog = FindDialog(dialogId)
            ?? throw new ArgumentException($"No dialog with id '{dialogId}' is registered.", nameof(dialogId));
        var instance = new DialogInstance { Id = dialog.Id, Version = dialog.Version };
        Stack.Insert(0, instance);
        return await dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    public Task<DialogTurnResult> PromptAsync(
        string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Hands the user's message to the active dialog; <see cref="DialogTurnStatus.Empty"/> when none.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not { } active)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        return await RequireCurrent(active).ContinueDialogAsync(this, cancellationToken);
    }

    /// <summary>Ends the active dialog and resumes the one below it with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken);
        if (ActiveDialog is { } parent)
        {
            return await RequireCurrent(parent).ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken);
        }

        return new DialogTurnResult(DialogTurnStatus.Complete, result);
    }

    /// <summary>Ends every dialog on this stack, top first.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (Stack.Count == 0)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        while (Stack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken);
        }

        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Ends the active dialog and starts another in its place, without resuming the parent (loops, restarts).</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(
        string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken);
        return await BeginDialogAsync(dialogId, options, cancellationToken);
    }

    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is { } active)
        {
            await RequireCurrent(active).RepromptDialogAsync(Context, active, cancellationToken);
        }
    }

    internal static DialogState Validate(DialogState state)
    {
        state.DialogStack ??= [];
        foreach (var instance in state.DialogStack)
        {
            if (instance is null || string.IsNullOrEmpty(instance.Id))
            {
                throw new DialogStateException("A saved dialog stack entry has no dialog id.");
            }

            instance.State ??= new Dictionary<string, object?>();
        }

        return state;
    }

    /// <summary>
    /// The dialog that owns a saved instance, provided this build still has it in the same shape.
    /// Ending or cancelling never needs this check: a vanished dialog can always be popped.
    /// </summary>
    private Dialog RequireCurrent(DialogInstance instance)
    {
        var dialog = FindDialog(instance.Id)
            ?? throw new DialogStateException($"The saved dialog '{instance.Id}' no longer exists.");
        if (!string.Equals(dialog.Version, instance.Version, StringComparison.Ordinal))
        {
            throw new DialogStateException(
                $"The saved dialog '{instance.Id}' was started as version '{instance.Version}', now '{dialog.Version}'.");
        }

        return dialog;
    }

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        if (ActiveDialog is not { } active)
        {
            return;
        }

        // Popped before the dialog hears about it, so whatever it does while ending sees the stack below.
        Stack.RemoveAt(0);
        if (FindDialog(active.Id) is { } dialog)
        {
            await dialog.EndDialogAsync(Context, active, reason, cancellationToken);
        }
    }
}
