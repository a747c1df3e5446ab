using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PartnerBot.Dialogs;

/// <summary>
/// Asks, recognizes the reply, validates it, and either ends with the value or retries, up to
/// <see cref="PromptOptions.MaxAttempts"/>. Persists its options, the attempt count and any validator retry.
/// </summary>
public abstract class Prompt<T> : Dialog
{
    private const string OptionsKey = "options";
    private const string AttemptCountKey = "attemptCount";
    private const string ValidatorRetryKey = "validatorRetry";

    private readonly PromptValidator<T>? _validator;

    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId)
    {
        _validator = validator;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(
        DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var promptOptions = options as PromptOptions
            ?? throw new ArgumentException($"Prompt '{Id}' must be started with PromptOptions.", nameof(options));
        var state = dc.ActiveDialog!.State;
        state[OptionsKey] = promptOptions;
        state[AttemptCountKey] = 0;
        await SendAsync(dc.Context, promptOptions.Prompt, promptOptions, false, cancellationToken);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(
        DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (!UniversalAction.IsUserReply(dc.Context.Activity))
        {
            return EndOfTurn;
        }

        var state = dc.ActiveDialog!.State;
        var options = ReadOptions(state);
        var attempt = StateConvert.To<int>(state.Saved(AttemptCountKey)) + 1;
        state[AttemptCountKey] = attempt;

        var recognized = await OnRecognizeAsync(dc.Context, options, cancellationToken);
        var validation = new PromptValidatorContext<T>(dc.Context, recognized, options, attempt);
        var accepted = _validator is null || await _validator(validation, cancellationToken);

        // Never end with something unrecognized, whatever a validator says: the next step relies on a value.
        if (accepted && recognized.Succeeded)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);
        }

        if (options.MaxAttempts is int max && attempt >= max)
        {
            return await dc.EndDialogAsync(new PromptAttemptsExhausted(attempt, dc.Context.Activity.Text), cancellationToken);
        }

        if (validation.RetryPrompt is null)
        {
            state.Remove(ValidatorRetryKey);
        }
        else
        {
            state[ValidatorRetryKey] = validation.RetryPrompt;
        }

        await SendAsync(dc.Context, validation.RetryPrompt ?? options.RetryPrompt ?? options.Prompt, options, true, cancellationToken);
        return EndOfTurn;
    }

    /// <summary>Something the prompt started ended; prompts start nothing, so it just asks again.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(
        DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return EndOfTurn;
    }

    /// <summary>Shows again what the user last needed: the validator's retry (a form with its errors) or the prompt.</summary>
    public override async Task RepromptDialogAsync(
        ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var options = ReadOptions(instance.State);
        var validatorRetry = StateConvert.To<PromptMessage>(instance.State.Saved(ValidatorRetryKey));
        await SendAsync(turnContext, validatorRetry ?? options.Prompt, options, false, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="prompt"/>, a new activity each time (a card built again from what the state keeps);
    /// subclasses may add to it (a list of choices, a yes/no hint).
    /// </summary>
    protected virtual async Task OnPromptAsync(
        ITurnContext turnContext, Activity? prompt, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (prompt is not null)
        {
            await turnContext.SendActivityAsync(prompt, cancellationToken);
        }
    }

    private async Task SendAsync(
        ITurnContext turnContext, PromptMessage? message, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        var prompt = message is null ? null : await message.ToActivityAsync(turnContext, cancellationToken);
        await OnPromptAsync(turnContext, prompt, options, isRetry, cancellationToken);
    }

    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken);

    private static PromptOptions ReadOptions(IDictionary<string, object?> state) =>
        StateConvert.To<PromptOptions>(state.Saved(OptionsKey))
            ?? throw new DialogStateException("The saved prompt has no options.");
}
