using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>
/// Where a change stands in <see cref="ChangeConfirmation{TChange}"/>: the card the conversation waits on, named by
/// <see cref="ChangeId"/>, which is also the write's idempotency key. Each kind is kept under its own record name
/// (see <see cref="ConversationStateRecords"/>), so the name says which step a stored conversation is in.
/// </summary>
public abstract record ChangeStep
{
    public string ChangeId { get; init; } = string.Empty;

    /// <summary>The confirm card was sent: Confirm submits, Cancel ends, Edit again goes back to the write's form.</summary>
    public sealed record Confirming : ChangeStep;

    /// <summary>The write did not go through and the recovery card was sent (try again, or apply on top after a stale etag).</summary>
    public sealed record Recovering : ChangeStep
    {
        public RecoveryReason Reason { get; init; }
    }
}

/// <summary>Why a change is being recovered; a stale etag is recovered as a new change, everything else as the same one.</summary>
public enum RecoveryReason
{
    Failed,
    RateLimited,
    RoleUnverified,
    StaleEtag,
}

/// <summary>How a write ended, in the terms <see cref="ChangeConfirmation{TChange}"/> acts on.</summary>
public abstract record ChangeOutcome
{
    /// <summary>
    /// Written: <paramref name="Card"/> (no buttons) replaces the pressed card with <paramref name="Said"/> on it, and the
    /// conversation ends with <paramref name="Result"/>. <paramref name="Replayed"/>: the store had this change id already.
    /// </summary>
    public sealed record Applied(AdaptiveCard Card, string? Said, object? Result, bool Replayed = false) : ChangeOutcome;

    /// <summary>Nothing written and nothing to try again: said, and the conversation ends.</summary>
    public sealed record Ended(Text Said, object?[] Args) : ChangeOutcome;

    /// <summary>The role checked at submit may not do this: <paramref name="Refusal"/> names the roles held and the roles that may.</summary>
    public sealed record Refused(Text Refusal, IReadOnlyList<PartnerRole> Held, IReadOnlyList<PartnerRole> Allowed) : ChangeOutcome;

    /// <summary>Nothing written; the same change may be tried again (the recovery card says <paramref name="Message"/> or the reason's words).</summary>
    public sealed record Retry(RecoveryReason Reason, string? Message = null) : ChangeOutcome;

    /// <summary>The backend failed: Partner Center's own words when it gave any, else the store is busy, else <paramref name="Otherwise"/>.</summary>
    public sealed record Failed(Exception? Error, bool Busy, string Otherwise) : ChangeOutcome;

    /// <summary>
    /// Someone changed the account since the review (a stale etag): <paramref name="Rebased"/> is this change on top of
    /// theirs, and <paramref name="Card"/> builds the card that shows both for a change id.
    /// </summary>
    public sealed record Conflict(object Rebased, Func<string, object> Card) : ChangeOutcome;

    /// <summary>Back to the write's own form with <paramref name="Form"/> (a value the system of record refused).</summary>
    public sealed record Reopen(object Form) : ChangeOutcome;

    public static Ended Say(Text said, params object?[] args) => new(said, args);
}

/// <summary>What <see cref="ChangeConfirmation{TChange}"/> ends with when the user goes back to the write's form.</summary>
public sealed record ReopenForm(object Form);

/// <summary>
/// What a write conversation supplies to <see cref="ChangeConfirmation{TChange}"/>: the cards that show its change
/// (a view model) and the service call that applies it. <typeparamref name="TChange"/> is kept in dialog state.
/// </summary>
public interface IChangeWrite<TChange>
    where TChange : class
{
    /// <summary>The customer the change is to, as the user saw it.</summary>
    string CustomerName(TChange change);

    /// <summary>
    /// What the confirm card for <paramref name="changeId"/> is built from (a <see cref="PromptCards"/> source), or the
    /// <see cref="ChangeOutcome.Ended"/> that says why there is nothing to confirm (a change rebased onto an equal one).
    /// </summary>
    object ConfirmCard(ITurnContext turnContext, TChange change, string changeId);

    /// <summary>The form to go back to after Edit again, or null where the write has no form (the press then cancels).</summary>
    object? EditAgain(TChange change);

    /// <summary>The write, through its service (role checked now, the submit limit, the etag, the audit row).</summary>
    Task<ChangeOutcome> SubmitAsync(ITurnContext turnContext, PartnerUser actor, TChange change, string changeId, CancellationToken cancellationToken);
}

/// <summary>
/// Confirm → submit → outcome for every write: sends the confirm card, takes a press of the card it sent last (an
/// older card's press, or a replayed activity, is answered and never obeyed), submits as the person pressing,
/// replaces the pressed card with the outcome, or offers to recover (try again with the same change id, or apply
/// on top of someone else's change as a new one). The write conversation adds it with <see cref="AddTo"/> and
/// starts it with its change; it ends with the write's result, <see cref="ReopenForm"/>, or null.
/// </summary>
public sealed class ChangeConfirmation<TChange> : Dialog
    where TChange : class
{
    private const string ChangeKey = "change";
    private const string StepKey = "step";

    /// <summary>What a typed yes means: the first button of whichever change card is waiting (a card sending it means no more).</summary>
    private const string TypedYes = "typedYes";

    private readonly string _promptId;
    private readonly IChangeWrite<TChange> _write;
    private readonly SubmitRateLimiter _limiter;
    private readonly ILogger _logger;
    private readonly int _maxAttempts;

    public ChangeConfirmation(string dialogId, IChangeWrite<TChange> write, SubmitRateLimiter limiter, ILogger logger, int maxAttempts)
        : base(dialogId)
    {
        _promptId = dialogId + "Card";
        _write = write;
        _limiter = limiter;
        _logger = logger;
        _maxAttempts = maxAttempts;
    }

    /// <summary>Adds this component and the prompt that waits for its cards' presses to <paramref name="conversation"/>.</summary>
    public void AddTo(ComponentDialog conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        conversation.AddDialog(this);
        conversation.AddDialog(new CardFormPrompt(_promptId, ValidatePressAsync));
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var change = options as TChange ?? throw new DialogStateException($"{Id} started without its change.");
        dc.ActiveDialog!.State[ChangeKey] = change;
        return ConfirmAsync(dc, change, cancellationToken);
    }

    /// <summary>A press of the card the component sent last (the prompt checked its change id).</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(
        DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = dc.ActiveDialog!.State;
        var change = state.TryGetValue(ChangeKey, out var kept) && kept is TChange c ? c : throw new DialogStateException($"{Id} has no change kept.");
        var step = state.TryGetValue(StepKey, out var at) && at is ChangeStep s ? s : throw new DialogStateException($"{Id} has no step kept.");
        if (result is not JObject pressed)
        {
            await dc.Context.SayAsync(SharedTexts.TooManyAttempts, cancellationToken);
            return await dc.EndDialogAsync(null, cancellationToken);
        }

        switch (step, CardSubmit.Meaning(pressed))
        {
            // A retry card carries this change's id: when the turn that sent it could not save the dialog (a busy
            // database), the dialog is still confirming, and "Try again" means confirm this change.
            case (ChangeStep.Confirming, ChangesCards.Confirm or ChangesCards.TryAgain or TypedYes):
            // The confirm card of the change the retry card offers again: the same change, the same id.
            case (ChangeStep.Recovering { Reason: not RecoveryReason.StaleEtag }, ChangesCards.TryAgain or ChangesCards.Confirm or TypedYes):
                return await SubmitAsync(dc, change, step.ChangeId, cancellationToken);
            case (ChangeStep.Confirming, ChangesCards.EditAgain) when _write.EditAgain(change) is { } form:
                return await dc.EndDialogAsync(new ReopenForm(form), cancellationToken);
            case (ChangeStep.Confirming, _):
                var cancelled = ChangesCards.CancelledCard(new ChangesView(_write.CustomerName(change), [], TurnLanguage.Of(dc.Context)));
                await PressedCard.ShowOutcomeAsync(dc.Context, cancelled, null, _logger, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            case (ChangeStep.Recovering { Reason: RecoveryReason.StaleEtag }, ChangesCards.ApplyOnTop or TypedYes):
                return await ConfirmAsync(dc, change, cancellationToken);
            default:
                await dc.Context.SayAsync(SharedTexts.Cancelled, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
        }
    }

    /// <summary>
    /// Only a button of the card sent last counts: its change id is the step's, the prompt's validations. Typing works where the
    /// buttons do: yes is the card's first button (confirm, try again, apply on top), no is its Cancel.
    /// </summary>
    private static Task<bool> ValidatePressAsync(PromptValidatorContext<JObject> prompt, CancellationToken cancellationToken)
    {
        if (!prompt.Recognized.Succeeded && Typed(prompt.Context.Activity.Text) is { } meaning)
        {
            prompt.Recognized.Value = new JObject { [CardActions.Key] = meaning, [ChangesCards.ChangeIdKey] = prompt.GetValidations<ChangeStep>()?.ChangeId };
            prompt.Recognized.Succeeded = true;
        }

        if (!prompt.Recognized.Succeeded || prompt.Recognized.Value is not { } submitted)
        {
            return Task.FromResult(false);
        }

        if (CardSubmit.Read(submitted, ChangesCards.ChangeIdKey) is { } pressed && pressed == prompt.GetValidations<ChangeStep>()?.ChangeId)
        {
            return Task.FromResult(true);
        }

        prompt.RetryPrompt = PromptMessage.FromText(SharedTexts.OutOfDateCard.In(TurnLanguage.Of(prompt.Context)));
        return Task.FromResult(false);
    }

    /// <summary>What a typed yes or no means on a change card, or null for anything else (the prompt asks for the card).</summary>
    private static string? Typed(string? text)
    {
        var word = Domain.Search.TextFold.Fold(text);
        return word.Length == 0 ? null
            : Vocabulary.Yes.Contains(word) ? TypedYes
            : Vocabulary.No.Contains(word) ? ChangesCards.Cancel
            : null;
    }

    /// <summary>A new change id, and the confirm card that carries it.</summary>
    private async Task<DialogTurnResult> ConfirmAsync(DialogContext dc, TChange change, CancellationToken cancellationToken)
    {
        var step = new ChangeStep.Confirming { ChangeId = Guid.NewGuid().ToString("N") };
        dc.ActiveDialog!.State[StepKey] = step;
        var card = _write.ConfirmCard(dc.Context, change, step.ChangeId);
        if (card is ChangeOutcome.Ended nothing)
        {
            await dc.Context.SayAsync(nothing.Said, cancellationToken, nothing.Args);
            return await dc.EndDialogAsync(null, cancellationToken);
        }

        return await PromptAsync(dc, card, step, cancellationToken);
    }

    private async Task<DialogTurnResult> SubmitAsync(DialogContext dc, TChange change, string changeId, CancellationToken cancellationToken)
    {
        // The user is taken from this turn, and the service looks their role up now: not what the conversation began with.
        var actor = TurnIdentity.Sender(dc.Context);
        if (actor is null)
        {
            await dc.Context.SayAsync(SharedTexts.WhoAreYou, cancellationToken);
            return await dc.EndDialogAsync(null, cancellationToken);
        }

        var l = TurnLanguage.Of(dc.Context);
        switch (await _write.SubmitAsync(dc.Context, actor, change, changeId, cancellationToken))
        {
            case ChangeOutcome.Applied applied when !applied.Replayed || ConcurrentTurn.AppliedEarlierInThisTurn(dc.Context, changeId):
                ConcurrentTurn.RecordApplied(dc.Context, changeId);
                await PressedCard.ShowOutcomeAsync(dc.Context, applied.Card, applied.Said, _logger, cancellationToken);
                return await dc.EndDialogAsync(applied.Result, cancellationToken);
            case ChangeOutcome.Applied:
                await dc.Context.SayAsync(SharedTexts.AlreadySubmitted, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            case ChangeOutcome.Ended ended:
                await dc.Context.SayAsync(ended.Said, cancellationToken, ended.Args);
                return await dc.EndDialogAsync(null, cancellationToken);
            case ChangeOutcome.Refused refused:
                await dc.Context.SayAsync(refused.Refusal, cancellationToken, StaffAccess.Held(refused.Held, l), RoleNames.List(refused.Allowed, l));
                return await dc.EndDialogAsync(null, cancellationToken);
            case ChangeOutcome.Retry retry:
                var message = retry.Message ?? (retry.Reason == RecoveryReason.RateLimited
                    ? SharedTexts.SlowDown.Format(l, _limiter.PerMinute)
                    : SharedTexts.RoleUnverified.In(l));
                return await RecoverAsync(dc, retry.Reason, changeId, new ChangeRetryCard { Message = message, ChangeId = changeId }, cancellationToken);
            case ChangeOutcome.Failed failed:
                var said = PartnerCenterAnswers.AtSubmit(failed.Error, l, _logger) ?? (failed.Busy ? SharedTexts.StoreBusy.In(l) : failed.Otherwise);
                return await RecoverAsync(dc, RecoveryReason.Failed, changeId, new ChangeRetryCard { Message = said, ChangeId = changeId }, cancellationToken);
            case ChangeOutcome.Conflict conflict:
                // Theirs is kept and the change goes on top of it as a new change, with a new id.
                dc.ActiveDialog!.State[ChangeKey] = (TChange)conflict.Rebased;
                var rebasedId = Guid.NewGuid().ToString("N");
                return await RecoverAsync(dc, RecoveryReason.StaleEtag, rebasedId, conflict.Card(rebasedId), cancellationToken);
            case ChangeOutcome.Reopen reopen:
                return await dc.EndDialogAsync(new ReopenForm(reopen.Form), cancellationToken);
            default:
                await dc.Context.SayAsync(SharedTexts.Gone, cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
        }
    }

    private Task<DialogTurnResult> RecoverAsync(DialogContext dc, RecoveryReason reason, string changeId, object card, CancellationToken cancellationToken)
    {
        var step = new ChangeStep.Recovering { Reason = reason, ChangeId = changeId };
        dc.ActiveDialog!.State[StepKey] = step;
        return PromptAsync(dc, card, step, cancellationToken);
    }

    /// <summary>
    /// Sends a card built from <paramref name="card"/> (a <see cref="PromptCards"/> source) and waits for a press of its
    /// buttons. The prompt validates against <paramref name="step"/> itself, which the state then keeps once.
    /// </summary>
    private Task<DialogTurnResult> PromptAsync(DialogContext dc, object card, ChangeStep step, CancellationToken cancellationToken) =>
        dc.PromptAsync(
            _promptId,
            new PromptOptions
            {
                Prompt = PromptMessage.FromCard(card),
                RetryPrompt = PromptMessage.FromText(SharedTexts.UseTheCard.In(TurnLanguage.Of(dc.Context))),
                Validations = step,
                MaxAttempts = _maxAttempts,
            },
            cancellationToken);
}
