using Newtonsoft.Json.Linq;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

/// <summary>
/// The confirmation mechanism shared by the conversations that change an account: a confirm (or retry)
/// card carries its change id, and only a button of the card the dialog sent last counts. An older card's
/// press, or a replayed activity, is answered and never obeyed.
/// </summary>
public static class ChangeCardPress
{
    /// <summary>A <see cref="CardFormPrompt"/> validator; the prompt's <c>Validations</c> is the expected change id.</summary>
    public static Task<bool> ValidateAsync(PromptValidatorContext<JObject> prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (!prompt.Recognized.Succeeded || prompt.Recognized.Value is not { } submitted)
        {
            return Task.FromResult(false);
        }

        if (CardSubmit.Read(submitted, ChangesCards.ChangeIdKey) == prompt.GetValidations<string>())
        {
            return Task.FromResult(true);
        }

        prompt.RetryPrompt = PromptMessage.FromText(SharedTexts.OutOfDateCard.In(TurnLanguage.Of(prompt.Context)));
        return Task.FromResult(false);
    }

    /// <summary>
    /// Sends a change card (confirm, conflict, try again), built from <paramref name="card"/> (one of the
    /// <see cref="PromptCards"/> sources), and waits for a press of this card's buttons.
    /// </summary>
    public static Task<DialogTurnResult> PromptAsync(
        DialogContext dc, string promptId, object card, string changeId, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(card);
        return dc.PromptAsync(
            promptId,
            new PromptOptions
            {
                Prompt = PromptMessage.FromCard(card),
                RetryPrompt = PromptMessage.FromText(SharedTexts.UseTheCard.In(TurnLanguage.Of(dc.Context))),
                Validations = changeId,
                MaxAttempts = maxAttempts,
            },
            cancellationToken);
    }
}
