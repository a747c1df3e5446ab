namespace PartnerBot.Dialogs;

/// <summary>Decides whether a reply is acceptable. It is called for every reply, recognized or not.</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);
