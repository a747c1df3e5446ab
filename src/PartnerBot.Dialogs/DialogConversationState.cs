using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PartnerBot.Dialogs;

/// <summary>
/// Conversation state in which everyone in a shared conversation has their own record: in a personal chat
/// the key is the conversation (<c>{channelId}/conversations/{conversationId}</c>); in a group chat or a
/// channel it is the user within it (<c>…/users/{fromId}</c>), so two people in one channel never step on
/// each other's waterfall. In a personal chat the key equals ConversationState's: use this class instead of
/// ConversationState, not beside it on the same storage.
/// </summary>
public class DialogConversationState(IStorage storage) : BotState(storage, ContextServiceKey)
{
    /// <summary>Where BotState caches this state in a turn's TurnState.</summary>
    protected const string ContextServiceKey = nameof(DialogConversationState);

    /// <summary>The bag entry that carries the etag a conversation was read at; empty when it was absent.</summary>
    protected const string ETagEntry = "ETag";

    /// <summary>Teams marks shared conversations with conversationType "channel" or "groupChat"; other channels with isGroup.</summary>
    public static bool IsShared(ConversationAccount? conversation) =>
        conversation is not null
        && (conversation.IsGroup == true
            || string.Equals(conversation.ConversationType, "channel", StringComparison.OrdinalIgnoreCase)
            || string.Equals(conversation.ConversationType, "groupChat", StringComparison.OrdinalIgnoreCase));

    public static string StorageKey(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channelId = activity.ChannelId
            ?? throw new InvalidOperationException("The activity has no channelId.");
        var conversationId = activity.Conversation?.Id
            ?? throw new InvalidOperationException("The activity has no conversation id.");
        var key = $"{channelId}/conversations/{conversationId}";
        if (!IsShared(activity.Conversation))
        {
            return key;
        }

        var userId = activity.From?.Id
            ?? throw new InvalidOperationException("An activity in a shared conversation has no from.id.");
        return $"{key}/users/{userId}";
    }

    /// <summary>
    /// A conversation read as absent is saved as "absent when read" (an empty ETag): when two instances start the
    /// same conversation at once, the second save fails instead of overwriting the first.
    /// </summary>
    public override async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        await base.LoadAsync(turnContext, force, cancellationToken).ConfigureAwait(false);
        if (GetCachedState(turnContext)?.State is { } state && !state.ContainsKey(ETagEntry))
        {
            state[ETagEntry] = string.Empty;
        }
    }

    protected override string GetStorageKey(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return StorageKey(turnContext.Activity);
    }
}
