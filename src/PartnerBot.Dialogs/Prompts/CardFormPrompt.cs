using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// Sends a form (the prompt activity, an Adaptive Card built by the caller) and waits for its press (an Action.Execute,
/// or an older card's Action.Submit).
/// The result is the submitted JSON object. Typed text is not a submit: the validator sees it unrecognized
/// and the retry prompt goes out (a validator can replace it with the form and its error messages).
/// </summary>
public class CardFormPrompt(string dialogId, PromptValidator<JObject>? validator = null)
    : Prompt<JObject>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<JObject>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var submitted = SubmittedValue.Read(turnContext.Activity);
        return Task.FromResult(submitted is null
            ? new PromptRecognizerResult<JObject>()
            : new PromptRecognizerResult<JObject> { Succeeded = true, Value = submitted });
    }
}
