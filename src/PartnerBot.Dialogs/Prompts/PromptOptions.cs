namespace PartnerBot.Dialogs;

/// <summary>What a prompt asks with. Saved in the prompt's state, so keep it serializable.</summary>
public sealed class PromptOptions
{
    public PromptMessage? Prompt { get; set; }

    /// <summary>Sent after input that was not recognized or not valid; the prompt itself when not set.</summary>
    public PromptMessage? RetryPrompt { get; set; }

    /// <summary>What a choice prompt accepts; when null, what the app's builder derives from the prompt's card source.</summary>
    public IList<Choice>? Choices { get; set; }

    /// <summary>Anything a validator needs (limits, the current values of a form); read it with <see cref="PromptValidatorContext{T}.GetValidations{TValidations}"/>.</summary>
    public object? Validations { get; set; }

    /// <summary>How many replies the user gets; after the last failed one the prompt ends with <see cref="PromptAttemptsExhausted"/>.</summary>
    public int? MaxAttempts { get; set; }
}
