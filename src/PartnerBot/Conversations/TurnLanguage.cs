using Microsoft.Bot.Builder;
using PartnerBot.Localization;

namespace PartnerBot.Conversations;

internal static class TurnLanguage
{
    /// <summary>The language of this turn, from the activity's locale (Teams sends the client's).</summary>
    public static UiLanguage Of(ITurnContext turnContext) => UiLanguages.FromLocale(turnContext.Activity.Locale);

    /// <summary>
    /// The words handed to the recognizer: a request is a sentence, so a pasted page is cut to its start
    /// rather than searched word by word.
    /// </summary>
    public static string Utterance(string text) => text.Length <= MaxUtteranceLength ? text : text[..MaxUtteranceLength];

    public const int MaxUtteranceLength = 500;

    public static Task SayAsync(this ITurnContext turnContext, Text text, CancellationToken cancellationToken, params object?[] args) =>
        turnContext.SendActivityAsync(
            MessageFactory.Text(args.Length == 0 ? text.In(Of(turnContext)) : text.Format(Of(turnContext), args)),
            cancellationToken);
}
