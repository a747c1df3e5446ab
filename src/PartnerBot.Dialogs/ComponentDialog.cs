using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs;

/// <summary>
/// A dialog made of dialogs: its own dialog set, and an inner stack kept in its instance state. Subclasses
/// override <see cref="OnBeginDialogAsync"/> / <see cref="OnContinueDialogAsync"/> to intercept messages, as
/// the SDK samples' CancelAndHelpDialog does.
/// </summary>
public class ComponentDialog : Dialog
{
    internal const string InnerStateKey = "dialogs";

    public ComponentDialog(string dialogId)
        : base(dialogId)
    {
    }

    /// <summary>The dialog started when the component starts; the first one added unless set.</summary>
    public string? InitialDialogId { get; set; }

    protected DialogSet Dialogs { get; } = new();

    // Version is deliberately just the id (the base default): each inner instance carries its own version
    // and is checked when it is continued or resumed, so a redeploy restarts only the conversations whose
    // active dialogs really changed, not every conversation inside a component that gained a sibling.

    public ComponentDialog AddDialog(Dialog dialog)
    {
        Dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId);

    public override async Task<DialogTurnResult> BeginDialogAsync(
        DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var innerDc = CreateInnerDc(dc, dc.ActiveDialog!);
        var turnResult = await OnBeginDialogAsync(innerDc, options, cancellationToken);
        return await AfterInnerTurnAsync(dc, turnResult, cancellationToken);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(
        DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var innerDc = CreateInnerDc(dc, dc.ActiveDialog!);
        var turnResult = await OnContinueDialogAsync(innerDc, cancellationToken);
        return await AfterInnerTurnAsync(dc, turnResult, cancellationToken);
    }

    /// <summary>
    /// Something the component started on the outer stack ended. The component is a leaf by design, so it
    /// asks its inner active dialog again and keeps waiting, as the SDK does.
    /// </summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(
        DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return EndOfTurn;
    }

    public override async Task RepromptDialogAsync(
        ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var innerDc = new DialogContext(Dialogs, turnContext, InnerState(instance));
        await innerDc.RepromptDialogAsync(cancellationToken);
    }

    public override async Task EndDialogAsync(
        ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (reason == DialogReason.CancelCalled)
        {
            var innerDc = new DialogContext(Dialogs, turnContext, InnerState(instance));
            await innerDc.CancelAllDialogsAsync(cancellationToken);
        }
    }

    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(
        DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var initial = InitialDialogId
            ?? throw new InvalidOperationException($"Component dialog '{Id}' has no dialogs.");
        return innerDc.BeginDialogAsync(initial, options, cancellationToken);
    }

    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.ContinueDialogAsync(cancellationToken);
    }

    /// <summary>The inner stack is done: the component ends with its result and the outer parent resumes.</summary>
    protected virtual Task<DialogTurnResult> EndComponentAsync(
        DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outerDc);
        return outerDc.EndDialogAsync(result, cancellationToken);
    }

    private static DialogState InnerState(DialogInstance instance)
    {
        switch (instance.State.Saved(InnerStateKey))
        {
            case DialogState live:
                return DialogContext.Validate(live);
            case null:
                var fresh = new DialogState();
                instance.State[InnerStateKey] = fresh;
                return fresh;
            case var saved:
                // A storage without type names gives back JSON; convert once and keep the live object.
                var converted = StateConvert.To<DialogState>(saved)
                    ?? throw new DialogStateException("The saved inner stack is empty JSON.");
                instance.State[InnerStateKey] = converted;
                return DialogContext.Validate(converted);
        }
    }

    private DialogContext CreateInnerDc(DialogContext outerDc, DialogInstance instance) =>
        new(Dialogs, outerDc.Context, InnerState(instance), outerDc);

    private async Task<DialogTurnResult> AfterInnerTurnAsync(
        DialogContext outerDc, DialogTurnResult turnResult, CancellationToken cancellationToken) =>
        turnResult.Status == DialogTurnStatus.Waiting
            ? EndOfTurn
            : await EndComponentAsync(outerDc, turnResult.Result, cancellationToken);
}
