using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// Asks a yes/no question. Recognizes English and Polish words (whatever the locale, since people mix them)
/// and a card button's Action.Submit <c>{"confirm": true|false}</c>. The activity's locale picks the hint.
/// </summary>
public class ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null)
    : Prompt<bool>(dialogId, validator)
{
    /// <summary>The property of <see cref="Activity.Value"/> a card button sets.</summary>
    public const string SubmitProperty = "confirm";

    private static readonly HashSet<string> Yes = ["yes", "y", "yeah", "yep", "ok", "okay", "sure", "tak", "t", "jasne", "dobrze"];
    private static readonly HashSet<string> No = ["no", "n", "nope", "nie"];

    /// <summary>Adds " (yes/no)" or " (tak/nie)" to a prompt that has no card attached.</summary>
    public bool AppendHint { get; init; } = true;

    protected override Task OnPromptAsync(
        ITurnContext turnContext, Activity? prompt, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (prompt is null || !AppendHint || prompt.Attachments is { Count: > 0 })
        {
            return base.OnPromptAsync(turnContext, prompt, options, isRetry, cancellationToken);
        }

        var withHint = StateConvert.CopyForSending(prompt);
        withHint.Text = $"{prompt.Text} {(IsPolish(turnContext.Activity) ? "(tak/nie)" : "(yes/no)")}";
        return base.OnPromptAsync(turnContext, withHint, options, isRetry, cancellationToken);
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var answer = FromSubmit(turnContext.Activity) ?? FromText(turnContext.Activity.Text);
        return Task.FromResult(answer is bool confirmed
            ? new PromptRecognizerResult<bool> { Succeeded = true, Value = confirmed }
            : new PromptRecognizerResult<bool>());
    }

    private static bool IsPolish(Activity activity) =>
        activity.Locale?.StartsWith("pl", StringComparison.OrdinalIgnoreCase) == true;

    private static bool? FromSubmit(IActivity activity) => SubmittedValue.Property(activity, SubmitProperty) switch
    {
        JValue { Type: JTokenType.Boolean } flag => flag.Value<bool>(),
        JValue { Type: JTokenType.String } text => bool.TryParse(text.Value<string>(), out var parsed) ? parsed : null,
        _ => null,
    };

    private static bool? FromText(string? text)
    {
        var word = TextFolding.FoldWord(text);
        return Yes.Contains(word) ? true : No.Contains(word) ? false : null;
    }
}
