using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// Asks to pick one of <see cref="PromptOptions.Choices"/>. Recognizes a card button's <c>{"choice": "value"}</c>
/// or an Action.Execute whose verb is a choice's value, a typed value, title or synonym (ignoring case and
/// accents), or the 1-based number.
/// </summary>
public class ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null)
    : Prompt<FoundChoice>(dialogId, validator)
{
    /// <summary>The property of <see cref="Activity.Value"/> a card button sets.</summary>
    public const string SubmitProperty = "choice";

    /// <summary>
    /// When the prompt has no card attached, a numbered list of the choices is added to its text so that
    /// answering with a number makes sense. Turn off when the prompt text lists them itself.
    /// </summary>
    public bool AppendChoiceList { get; init; } = true;

    protected override Task OnPromptAsync(
        ITurnContext turnContext, Activity? prompt, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (prompt is null || !AppendChoiceList || ChoicesOf(turnContext, options) is not { Count: > 0 } choices
            || prompt.Attachments is { Count: > 0 })
        {
            return base.OnPromptAsync(turnContext, prompt, options, isRetry, cancellationToken);
        }

        var text = new StringBuilder(prompt.Text);
        text.Append("\n\n");
        for (var i = 0; i < choices.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {choices[i].Title ?? choices[i].Value}\n");
        }

        prompt.Text = text.ToString().TrimEnd('\n');
        return base.OnPromptAsync(turnContext, prompt, options, isRetry, cancellationToken);
    }

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var choices = ChoicesOf(turnContext, options);
        var found = FromSubmit(turnContext.Activity, choices) ?? FromText(turnContext.Activity.Text, choices);
        return Task.FromResult(found is null
            ? new PromptRecognizerResult<FoundChoice>()
            : new PromptRecognizerResult<FoundChoice> { Succeeded = true, Value = found });
    }

    /// <summary>The options' own choices, else those the app derives from the prompt's card source (see <see cref="IPromptCardBuilder.ChoicesFor"/>).</summary>
    private static IList<Choice> ChoicesOf(ITurnContext turnContext, PromptOptions options) =>
        options.Choices ?? options.Prompt?.ChoicesFor(turnContext) ?? [];

    private static FoundChoice? FromSubmit(IActivity activity, IList<Choice> choices)
    {
        if ((SubmittedValue.Property(activity, SubmitProperty) ?? SubmittedValue.Property(activity, UniversalAction.VerbProperty))
            is not JValue { Value: not null } submitted)
        {
            return null;
        }

        // Buttons carry the exact value, but a card built by hand may differ in case; never match loosely here.
        var value = submitted.ToString(CultureInfo.InvariantCulture);
        var index = IndexOf(choices, c => string.Equals(c.Value, value, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : new FoundChoice(choices[index].Value, index);
    }

    private static FoundChoice? FromText(string? text, IList<Choice> choices)
    {
        var typed = TextFolding.FoldWord(text);
        if (typed.Length == 0)
        {
            return null;
        }

        var index = IndexOf(choices, c => Names(c).Any(name => TextFolding.FoldWord(name) == typed));
        if (index < 0
            && int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= choices.Count)
        {
            index = number - 1;
        }

        return index < 0 ? null : new FoundChoice(choices[index].Value, index);
    }

    private static IEnumerable<string> Names(Choice choice)
    {
        yield return choice.Value;
        if (choice.Title is not null)
        {
            yield return choice.Title;
        }

        foreach (var synonym in choice.Synonyms ?? [])
        {
            yield return synonym;
        }
    }

    private static int IndexOf(IList<Choice> choices, Func<Choice, bool> match)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            if (match(choices[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
