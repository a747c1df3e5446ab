using Microsoft.Bot.Builder;
using PartnerBot.Bots;
using PartnerBot.Domain.Language;

namespace PartnerBot.Conversations;

/// <summary>
/// Recognizes a turn's words once: the interruption hook and the main dialog may both ask in one turn
/// (a new request typed mid-dialog), and each recognition runs a customer search.
/// </summary>
internal static class TurnRecognition
{
    /// <summary>
    /// Recognizes with the sender's read key, looked up now: customers are searched only for a person who
    /// may view accounts, so an utterance never turns into a customer name for anyone else.
    /// </summary>
    public static async Task<Recognition> RecognizeAsync(
        this IIntentRecognizer recognizer, StaffAccess access, ITurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        var utterance = TurnLanguage.Utterance(text.Trim());
        var memo = TurnMemo.Of(turnContext);
        if (memo.Recognized is { } cached && cached.Utterance == utterance)
        {
            return cached.Result;
        }

        var read = (await access.PeekAsync(turnContext, Domain.Staff.PartnerAction.ViewAccount, cancellationToken))?.Read;
        var recognition = await recognizer.RecognizeAsync(utterance, read, cancellationToken);
        memo.Recognized = (utterance, recognition);
        return recognition;
    }
}
