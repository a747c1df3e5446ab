using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs;

/// <summary>Asks for free text; any non-blank message is recognized (trimmed).</summary>
public class TextPrompt(string dialogId, PromptValidator<string>? validator = null)
    : Prompt<string>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text;
        var result = string.IsNullOrWhiteSpace(text)
            ? new PromptRecognizerResult<string>()
            : new PromptRecognizerResult<string> { Succeeded = true, Value = text.Trim() };
        return Task.FromResult(result);
    }
}
