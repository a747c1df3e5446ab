using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Tests.Support;

/// <summary>Teams-shaped activities, as the Teams channel (and the Agents Playground) sends them.</summary>
internal static class TeamsActivities
{
    public const string TenantId = "00000000-0000-0000-0000-0000000000001";
    public const string BotId = "28:partnerbot";

    /// <summary>A TestAdapter that speaks as the Teams channel with the bot id these activities use.</summary>
    public static Microsoft.Bot.Builder.Adapters.TestAdapter Adapter() =>
        new(new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            Bot = new ChannelAccount(BotId, "PartnerBot"),
            User = new ChannelAccount("29:test-user", "Test User"),
            Conversation = new ConversationAccount(false, "personal", "a:personal", tenantId: TenantId),
            Locale = "en-US",
        });

    public static ChannelAccount User(string aadObjectId, string name) =>
        new($"29:{aadObjectId}", name) { AadObjectId = aadObjectId };

    public static Activity Message(ChannelAccount from, string text, string locale = "en-US", string conversationId = "a:personal", string? conversationType = "personal") =>
        Stamp(new Activity(ActivityTypes.Message) { Text = text, From = from, Locale = locale }, conversationId, conversationType);

    public static Activity Submit(ChannelAccount from, object value, string locale = "en-US", string conversationId = "a:personal", string? conversationType = "personal", string? replyToId = null) =>
        Stamp(new Activity(ActivityTypes.Message) { Value = JObject.FromObject(value), From = from, Locale = locale, ReplyToId = replyToId }, conversationId, conversationType);

    /// <summary>An Action.Execute press as Teams sends it: an adaptiveCard/action invoke naming the pressed card.</summary>
    public static Activity Execute(ChannelAccount from, string verb, JObject data, string locale = "en-US", string conversationId = "a:personal", string? conversationType = "personal", string? replyToId = null) =>
        Stamp(new Activity(ActivityTypes.Invoke)
        {
            Name = "adaptiveCard/action",
            Value = new JObject
            {
                ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            },
            From = from,
            Locale = locale,
            ReplyToId = replyToId,
        }, conversationId, conversationType);

    public static Activity BotInstalled(ChannelAccount from, string locale = "en-US") =>
        Stamp(new Activity(ActivityTypes.ConversationUpdate)
        {
            From = from,
            Locale = locale,
            MembersAdded = [new ChannelAccount(BotId, "PartnerBot")],
        }, "a:personal", "personal");

    private static Activity Stamp(Activity activity, string conversationId, string? conversationType)
    {
        activity.Id ??= Guid.NewGuid().ToString("N");
        activity.ChannelId = "msteams";
        activity.ServiceUrl = "https://smba.trafficmanager.net/emea/";
        activity.Recipient = new ChannelAccount(BotId, "PartnerBot");
        activity.Conversation = new ConversationAccount(
            isGroup: conversationType is "channel" or "groupChat",
            conversationType: conversationType,
            id: conversationId,
            tenantId: TenantId);
        activity.ChannelData = JObject.FromObject(new TeamsChannelData { Tenant = new TenantInfo(TenantId) });
        activity.Timestamp = DateTimeOffset.UtcNow;
        return activity;
    }
}
