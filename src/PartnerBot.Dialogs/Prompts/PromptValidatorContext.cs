using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs;

/// <summary>What a validator sees of the reply being checked.</summary>
public sealed class PromptValidatorContext<T>
{
    internal PromptValidatorContext(
        ITurnContext context, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
    {
        Context = context;
        Recognized = recognized;
        Options = options;
        AttemptCount = attemptCount;
    }

    public ITurnContext Context { get; }

    public PromptRecognizerResult<T> Recognized { get; }

    public PromptOptions Options { get; }

    /// <summary>1 for the user's first reply to this prompt.</summary>
    public int AttemptCount { get; }

    /// <summary>
    /// Set to send this instead of the options' retry prompt after this failed attempt, e.g. the same form
    /// again with error messages next to the fields and the user's input kept (what it is built from, see
    /// <see cref="PromptMessage.CardSource"/>). A reprompt (after "help") shows it again.
    /// </summary>
    public PromptMessage? RetryPrompt { get; set; }

    /// <summary><see cref="PromptOptions.Validations"/> converted to <typeparamref name="TValidations"/>.</summary>
    public TValidations? GetValidations<TValidations>() => StateConvert.To<TValidations>(Options.Validations);
}
