using Microsoft.Bot.Builder;
using PartnerBot.Domain.Language;

namespace PartnerBot.Conversations;

/// <summary>
/// Recognizes a turn's words once: the interruption hook and the main dialog may both ask in one turn
/// (a new request typed mid-dialog), and each recognition runs a customer search.
/// </summary>
internal static class TurnRecognition
{
    private const string Key = "PartnerBot.Recognition";

    public static async Task<Recognition> RecognizeAsync(
        this IIntentRecognizer recognizer, ITurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        var utterance = TurnLanguage.Utterance(text.Trim());
        if (turnContext.TurnState.Get<Cached>(Key) is { } cached && cached.Utterance == utterance)
        {
            return cached.Result;
        }

        var recognition = await recognizer.RecognizeAsync(utterance, cancellationToken);
        turnContext.TurnState.Set(Key, new Cached(utterance, recognition));
        return recognition;
    }

    private sealed record Cached(string Utterance, Recognition Result);
}
