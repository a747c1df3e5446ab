using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// The words a <see cref="ConfirmPrompt"/> takes for yes and for no (compared folded: case, accents and a final
/// full stop do not matter), and the hint it adds to a prompt without a card, e.g. "(yes/no)". The words are
/// the app's, in the app's languages: the engine knows none.
/// </summary>
public sealed record ConfirmWords(IReadOnlyCollection<string> Yes, IReadOnlyCollection<string> No, Func<ITurnContext, string?>? Hint = null);

/// <summary>
/// Asks a yes/no question. Recognizes the app's <see cref="ConfirmWords"/> and a card button's submit
/// <c>{"confirm": true|false}</c>.
/// </summary>
public class ConfirmPrompt : Prompt<bool>
{
    /// <summary>The property of <see cref="Activity.Value"/> a card button sets.</summary>
    public const string SubmitProperty = "confirm";

    private readonly HashSet<string> _yes;
    private readonly HashSet<string> _no;
    private readonly Func<ITurnContext, string?>? _hint;

    public ConfirmPrompt(string dialogId, ConfirmWords words, PromptValidator<bool>? validator = null)
        : base(dialogId, validator)
    {
        ArgumentNullException.ThrowIfNull(words);
        _yes = words.Yes.Select(TextFolding.FoldWord).ToHashSet(StringComparer.Ordinal);
        _no = words.No.Select(TextFolding.FoldWord).ToHashSet(StringComparer.Ordinal);
        _hint = words.Hint;
    }

    protected override Task OnPromptAsync(
        ITurnContext turnContext, Activity? prompt, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (prompt is null || _hint?.Invoke(turnContext) is not { Length: > 0 } hint || prompt.Attachments is { Count: > 0 })
        {
            return base.OnPromptAsync(turnContext, prompt, options, isRetry, cancellationToken);
        }

        prompt.Text = $"{prompt.Text} {hint}";
        return base.OnPromptAsync(turnContext, prompt, options, isRetry, cancellationToken);
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

    private static bool? FromSubmit(IActivity activity) => SubmittedValue.Property(activity, SubmitProperty) switch
    {
        JValue { Type: JTokenType.Boolean } flag => flag.Value<bool>(),
        JValue { Type: JTokenType.String } text => bool.TryParse(text.Value<string>(), out var parsed) ? parsed : null,
        _ => null,
    };

    private bool? FromText(string? text)
    {
        var word = TextFolding.FoldWord(text);
        return _yes.Contains(word) ? true : _no.Contains(word) ? false : null;
    }
}
