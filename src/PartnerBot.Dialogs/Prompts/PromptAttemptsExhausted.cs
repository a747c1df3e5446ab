namespace PartnerBot.Dialogs;

/// <summary>
/// The result of a prompt whose <see cref="PromptOptions.MaxAttempts"/> ran out: the step after the prompt
/// checks <c>stepContext.Result is PromptAttemptsExhausted</c> and decides what to say.
/// </summary>
public sealed record PromptAttemptsExhausted(int Attempts, string? LastText);
