using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using PartnerBot.Bots;
using PartnerBot.Cards;
using PartnerBot.Dialogs;

namespace PartnerBot.Conversations;

/// <summary>
/// The card whose button the user pressed, and the outcome that takes its place, so the outcome is said once
/// and the pressed buttons cannot be pressed again.
/// </summary>
public static class PressedCard
{
    /// <summary>
    /// Shows <paramref name="outcome"/> (a card without buttons) with <paramref name="said"/> on it in place of the
    /// pressed card. An Action.Execute press gets it as its answer. An older card's Action.Submit press gets the
    /// card updated in place where the channel allows it, and otherwise the outcome as a new message.
    /// </summary>
    public static async Task ShowOutcomeAsync(ITurnContext turnContext, AdaptiveCard outcome, string? said, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(outcome);
        var card = said is null ? outcome : outcome.WithText(said);
        if (UniversalAction.Is(turnContext.Activity))
        {
            TurnMemo.Of(turnContext).PressedOutcome = card;
            return;
        }

        if (!await TryUpdateAsync(turnContext, outcome, logger, cancellationToken))
        {
            await turnContext.SendActivityAsync(card.ToActivity(), cancellationToken);
            return;
        }

        if (said is not null)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(said), cancellationToken);
        }
    }

    /// <summary>Forgets the outcome chosen by an earlier run of this turn.</summary>
    public static void Forget(ITurnContext turnContext)
    {
        if (TurnMemo.Find(turnContext) is { } memo)
        {
            memo.PressedOutcome = null;
        }
    }

    /// <summary>The outcome a step chose for the pressed card in this turn, if any.</summary>
    public static AdaptiveCard? Outcome(ITurnContext turnContext) =>
        TurnMemo.Find(turnContext)?.PressedOutcome;

    /// <summary>
    /// Updates the card named by the activity's replyToId. Best effort: where the channel cannot update a sent card
    /// (replies in the HTTP response, a failed call) it says so, and the dialog state already refuses a second press.
    /// </summary>
    private static async Task<bool> TryUpdateAsync(ITurnContext turnContext, AdaptiveCard card, ILogger logger, CancellationToken cancellationToken)
    {
        var pressed = turnContext.Activity.ReplyToId;
        if (string.IsNullOrEmpty(pressed) || turnContext.Activity.DeliveryMode == DeliveryModes.ExpectReplies)
        {
            return false;
        }

        var update = (Activity)card.ToActivity();
        update.Id = pressed;
        update.Conversation = turnContext.Activity.Conversation;
        try
        {
            await turnContext.UpdateActivityAsync(update, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not update card {ActivityId} in place", pressed);
            return false;
        }
    }
}
