using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema.Teams;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Bots;

/// <summary>Who sent this activity, as Teams tells it: from.aadObjectId and channelData.tenant.id.</summary>
public static class TurnIdentity
{
    /// <summary>
    /// The sender as a <see cref="PartnerUser"/>; null when the activity does not say who sent it
    /// (a malformed activity gets a polite refusal, not a guess).
    /// </summary>
    public static PartnerUser? Sender(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var from = turnContext.Activity.From;
        if (from is null)
        {
            return null;
        }

        // Outside Teams (e.g. a plain Bot Framework client) there is no AAD object id; the channel's
        // user id is the only identity and will match no staff record, which is the safe outcome.
        var id = string.IsNullOrWhiteSpace(from.AadObjectId) ? from.Id : from.AadObjectId;
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return new PartnerUser(id, TenantId(turnContext), string.IsNullOrWhiteSpace(from.Name) ? id : from.Name);
    }

    public static string? TenantId(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);

        // Read once per turn: the tenant guard, the staff check and the audit each ask, and every reading converts
        // the whole channel data to TeamsChannelData with a serializer made for it (issue 13).
        var memo = TurnMemo.Of(turnContext);
        if (!memo.TenantRead)
        {
            memo.TenantId = ReadTenantId(turnContext);
            memo.TenantRead = true;
        }

        return memo.TenantId;
    }

    private static string? ReadTenantId(ITurnContext turnContext)
    {
        TeamsChannelData? channelData = null;
        try
        {
            channelData = turnContext.Activity.GetChannelData<TeamsChannelData>();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Channel data that is not Teams-shaped is treated as absent.
        }

        return channelData?.Tenant?.Id ?? turnContext.Activity.Conversation?.TenantId;
    }

    /// <summary>Channels and group chats: the bot was @mentioned and each user keeps their own dialog.</summary>
    public static bool IsGroupConversation(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversation = turnContext.Activity.Conversation;
        return conversation is not null
            && (conversation.IsGroup == true
                || string.Equals(conversation.ConversationType, "channel", StringComparison.OrdinalIgnoreCase)
                || string.Equals(conversation.ConversationType, "groupChat", StringComparison.OrdinalIgnoreCase));
    }
}
