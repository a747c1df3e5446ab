using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;
using PartnerBot.Cards;

namespace PartnerBot.Conversations;

internal static class CardUpdates
{
    /// <summary>
    /// Replaces the card whose button was pressed (the activity's replyToId) with <paramref name="card"/>, so its
    /// buttons cannot be pressed again. Best effort: where the channel cannot update a sent card (replies in
    /// the HTTP response, a failed call), the turn goes on; the dialog state already refuses a second press.
    /// </summary>
    public static async Task ReplacePressedCardAsync(ITurnContext turnContext, AdaptiveCard card, ILogger logger, CancellationToken cancellationToken)
    {
        var pressed = turnContext.Activity.ReplyToId;
        if (string.IsNullOrEmpty(pressed) || turnContext.Activity.DeliveryMode == Microsoft.Bot.Schema.DeliveryModes.ExpectReplies)
        {
            return;
        }

        var update = (Microsoft.Bot.Schema.Activity)card.ToActivity();
        update.Id = pressed;
        update.Conversation = turnContext.Activity.Conversation;
        try
        {
            await turnContext.UpdateActivityAsync(update, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not update card {ActivityId} in place", pressed);
        }
    }
}
