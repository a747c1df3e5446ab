using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using PartnerBot.Conversations;
using PartnerBot.Dialogs;
using PartnerBot.MessageExtension;

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
    CustomerSearchExtension customerSearch,
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
        if (turnContext.Activity.MembersAdded?.Any(m => m?.Id == botId) == true)
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

    /// <summary>
    /// PartnerBot's cards submit messages (Action.Submit), never invokes. The Teams base class casts an
    /// invoke's value to the shape its name promises and throws on any other shape, which would fail the turn
    /// with the apology; an invoke that is not shaped like its name is the sender's mistake: 400.
    /// </summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Value is not Newtonsoft.Json.Linq.JObject)
        {
            return new InvokeResponse { Status = StatusCodes.Status400BadRequest };
        }

        try
        {
            return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return new InvokeResponse { Status = StatusCodes.Status400BadRequest };
        }
    }

    /// <summary>The compose box's customer search (composeExtension/query).</summary>
    protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(
        ITurnContext<IInvokeActivity> turnContext, MessagingExtensionQuery query, CancellationToken cancellationToken) =>
        customerSearch.QueryAsync(turnContext, query, cancellationToken);

    /// <summary>A result picked in the compose box (composeExtension/selectItem): the card to insert.</summary>
    protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionSelectItemAsync(
        ITurnContext<IInvokeActivity> turnContext, JObject query, CancellationToken cancellationToken) =>
        customerSearch.SelectItemAsync(turnContext, query, cancellationToken);

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        // In channels and group chats the text starts with "<at>PartnerBot</at>"; the dialogs want the words only.
        RemoveBotMention(turnContext.Activity);
        await mainDialog.RunAsync(
            turnContext,
            _dialogState,
            interruptions.RunOptions(LogStateReset),
            cancellationToken);
    }

    /// <summary>
    /// The SDK's RemoveRecipientMention, tolerant of what a sender may put in entities: a null entity, a
    /// mention without "mentioned" or without text throws there and would fail the turn with the apology.
    /// </summary>
    private static void RemoveBotMention(IMessageActivity activity)
    {
        var botId = activity.Recipient?.Id;
        if (string.IsNullOrEmpty(activity.Text) || string.IsNullOrEmpty(botId) || activity.Entities is null)
        {
            return;
        }

        foreach (var entity in activity.Entities)
        {
            if (!string.Equals(entity?.Type, "mention", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            Mention? mention;
            try
            {
                mention = entity!.GetAs<Mention>();
            }
            catch (Newtonsoft.Json.JsonException)
            {
                continue;
            }

            if (mention?.Mentioned?.Id != botId)
            {
                continue;
            }

            var text = string.IsNullOrEmpty(mention.Text) && !string.IsNullOrEmpty(mention.Mentioned.Name)
                ? $"<at>{mention.Mentioned.Name}</at>"
                : mention.Text;
            if (!string.IsNullOrEmpty(text))
            {
                activity.Text = activity.Text.Replace(text, string.Empty, StringComparison.Ordinal).Trim();
            }
        }
    }
}
