using System.Runtime.CompilerServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PartnerBot.Dialogs;

/// <summary>
/// What a prompt sends, as its state keeps it: a text, or what a card is built from (a record registered in
/// <see cref="DialogStateRecords"/>) that the app's <see cref="IPromptCardBuilder"/> builds into the card each
/// time it is sent. The card itself is not kept: it is several times larger than what it shows, and every turn
/// reads and writes the whole state (issue 13).
/// </summary>
public sealed class PromptMessage
{
    /// <summary>
    /// Where <see cref="DialogExtensions.RunAsync"/> puts <see cref="DialogRunOptions.PromptCards"/> for the turn: beside
    /// the turn's TurnState, keyed by it, rather than in it, since the SDK's TurnState hashes every key with a
    /// culture-aware comparer (an ICU sort key per lookup, issue 13). An entry goes when its TurnState does.
    /// </summary>
    internal static readonly ConditionalWeakTable<TurnContextStateCollection, IPromptCardBuilder> Builders = [];

    /// <summary>A plain text message.</summary>
    public string? Text { get; init; }

    /// <summary>What the card is built from: a record the app registered in <see cref="DialogStateRecords"/>.</summary>
    public object? CardSource { get; init; }

    /// <summary>A whole activity, kept in full: for what no builder makes (tests, one-off cards). Prefer <see cref="CardSource"/>.</summary>
    public Activity? Activity { get; init; }

    public static PromptMessage FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new PromptMessage { Text = text };
    }

    public static PromptMessage FromCard(object source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new PromptMessage { CardSource = source };
    }

    public static PromptMessage FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new PromptMessage { Activity = activity };
    }

    /// <summary>A new activity to send: sending stamps conversation fields on it, which must not reach saved state.</summary>
    internal async Task<Activity> ToActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (CardSource is { } source)
        {
            var builder = (Builders.TryGetValue(turnContext.TurnState, out var found) ? found : null)
                ?? throw new InvalidOperationException(
                    $"A prompt card ({source.GetType().Name}) needs DialogRunOptions.PromptCards to build it.");
            return await builder.BuildAsync(turnContext, source, cancellationToken);
        }

        if (Activity is { } activity)
        {
            return StateConvert.CopyForSending(activity);
        }

        return (Activity)MessageFactory.Text(Text ?? string.Empty);
    }

    /// <summary>The choices the card built from <see cref="CardSource"/> answers, from the app's builder; null when it says none.</summary>
    internal IList<Choice>? ChoicesFor(ITurnContext turnContext) =>
        CardSource is { } source && Builders.TryGetValue(turnContext.TurnState, out var builder)
            ? builder.ChoicesFor(turnContext, source)
            : null;
}

/// <summary>
/// Builds the card a prompt sends from what its <see cref="PromptMessage.CardSource"/> keeps, when the prompt is
/// first sent and whenever it is sent again (after help, or a reply it did not take). The app registers one in
/// <see cref="DialogRunOptions.PromptCards"/>; the engine knows none of the app's cards.
/// </summary>
public interface IPromptCardBuilder
{
    /// <exception cref="ArgumentException">A source of a kind this builder does not build: a bug.</exception>
    Task<Activity> BuildAsync(ITurnContext turnContext, object source, CancellationToken cancellationToken);

    /// <summary>
    /// What a <see cref="ChoicePrompt"/> accepts for the card built from <paramref name="source"/>, when its options keep
    /// no <see cref="PromptOptions.Choices"/>: derived from the same source each turn instead of stored beside it (a
    /// list of customers kept once, not again as choices with their synonyms). Null when the source has no choices.
    /// </summary>
    IList<Choice>? ChoicesFor(ITurnContext turnContext, object source) => null;
}
