using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using PartnerBot.Conversations;
using PartnerBot.Dialogs;

namespace PartnerBot.Bots;

/// <summary>
/// The Teams-facing bot: welcomes people, strips @mentions and hands every message to the dialogs.
/// Dialog state is saved only when a turn completes, so a failed turn leaves the conversation where it was.
/// </summary>
public sealed class PartnerTeamsBot(
    DialogConversationState conversationState,
    MainDialog mainDialog,
    Welcome welcome,
    Interruptions interruptions,
    ILogger<PartnerTeamsBot> logger) : TeamsActivityHandler
{
    private readonly IStatePropertyAccessor<DialogState> _dialogState = conversationState.CreateProperty<DialogState>(nameof(DialogState));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
    }

    /// <summary>
    /// Welcome once, when the bot itself joins (install / first contact), not whenever someone joins a team.
    /// The Teams base handler would fetch every added member from the connector first; the bot needs none
    /// of that, and it would fail for replies delivered in the HTTP response (expectReplies).
    /// </summary>
    protected override async Task OnConversationUpdateActivityAsync(
        ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var botId = turnContext.Activity.Recipient?.Id;
        if (turnContext.Activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            await welcome.SendAsync(turnContext, cancellationToken);
        }
    }

    /// <summary>
    /// The reason and the reference of a document put aside, never the state's content (it holds billing
    /// details); an unreadable document's exception is left out for the same reason.
    /// </summary>
    private void LogStateReset(ITurnContext turn, DialogStateException reset)
    {
        if (reset.StateUnreadable)
        {
            logger.LogWarning(
                "Unreadable dialog state reset. CorrelationId={CorrelationId} Problem={Problem} ActivityId={ActivityId} Conversation={ConversationId}",
                reset.Reference,
                reset.Message,
                turn.Activity.Id,
                turn.Activity.Conversation?.Id);
        }
        else
        {
            logger.LogWarning(reset, "Dialog state reset in conversation {ConversationId}", turn.Activity.Conversation?.Id);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        // In channels and group chats the text starts with "<at>PartnerBot</at>"; the dialogs want the words only.
        turnContext.Activity.RemoveRecipientMention();
        await mainDialog.RunAsync(
            turnContext,
            _dialogState,
            interruptions.RunOptions(LogStateReset),
            cancellationToken);
    }
}
