using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Cards;

namespace PartnerBot.Tests.Support;

/// <summary>
/// One Teams conversation with the real bot through the SDK's TestAdapter: send words or press a card's
/// button as the Teams client would (an Action.Execute invoke with the button's verb and data and the card's
/// inputs, replyToId naming the card), and read back what the bot sent: the card that replaced the pressed one
/// first (the invoke's answer, with the pressed card's id), then its messages.
/// </summary>
internal sealed class TeamsConversation
{
    private readonly RecordingAdapter _adapter;
    private readonly IBot _bot;
    private readonly ConversationAccount _conversation;

    public TeamsConversation(IBot bot, string conversationId = "a:personal", string conversationType = "personal")
    {
        _bot = bot;
        _conversation = new ConversationAccount(
            isGroup: conversationType is "channel" or "groupChat",
            conversationType: conversationType,
            id: conversationId,
            tenantId: TeamsActivities.TenantId);
        _adapter = new RecordingAdapter(Updated, new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            Bot = new ChannelAccount(TeamsActivities.BotId, "PartnerBot"),
            User = new ChannelAccount("29:nobody", "Nobody"),
            Conversation = _conversation,
            Locale = "en-US",
        });
    }

    /// <summary>Cards replaced in place (an Action.Execute press's answer, or UpdateActivity), in order.</summary>
    public List<IActivity> Updated { get; } = [];

    /// <summary>The status of the last invoke's answer (200 when a press was answered with a card).</summary>
    public int? LastInvokeStatus { get; private set; }

    public bool IsGroup => _conversation.IsGroup == true;

    public Task<IReadOnlyList<IMessageActivity>> SendAsync(Activity activity) => SendAsync(activity, _bot.OnTurnAsync);

    /// <summary>
    /// Delivers an activity sent before once more, as Teams does when its answer was slow: with the id its first
    /// delivery had (the test adapter gives every activity it processes a new one).
    /// </summary>
    public Task<IReadOnlyList<IMessageActivity>> DeliverAgainAsync(Activity activity)
    {
        var id = activity.Id ?? throw new InvalidOperationException("The activity was not delivered before.");
        return SendAsync(activity, (turn, cancellationToken) =>
        {
            turn.Activity.Id = id;
            return _bot.OnTurnAsync(turn, cancellationToken);
        });
    }

    private async Task<IReadOnlyList<IMessageActivity>> SendAsync(Activity activity, BotCallbackHandler turn)
    {
        activity.Conversation = _conversation;
        _adapter.InvokeResponses.Clear();
        await _adapter.ProcessActivityAsync(activity, turn, CancellationToken.None);
        var replies = new List<IMessageActivity>();
        LastInvokeStatus = null;
        foreach (var answer in _adapter.InvokeResponses)
        {
            var response = (InvokeResponse)answer.Value;
            LastInvokeStatus = response.Status;
            var body = JObject.FromObject(response.Body);
            if ((int?)body["statusCode"] == 200 && (string?)body["type"] == AdaptiveCard.ContentType)
            {
                // The client shows the returned card in place of the pressed one: the same message, its new card.
                var card = CardAttachments.Tree(body["value"])!;
                var replaced = MessageFactory.Attachment(new Attachment(AdaptiveCard.ContentType, content: card));
                replaced.Id = activity.ReplyToId;

                // A card of words only (no buttons, no facts) is the bot's answer written on the pressed card: its text.
                if (card["actions"] is null && ((JArray)card["body"]!).All(e => (string?)e["type"] == "TextBlock"))
                {
                    replaced.Text = string.Join("\n", card["body"]!.Select(e => (string?)e["text"]));
                }

                Updated.Add(replaced);
                replies.Add(replaced);
            }
            else if ((int?)body["statusCode"] == 200 && (string?)body["type"] == "application/vnd.microsoft.activity.message")
            {
                // A message answer: Teams shows the text and leaves the pressed card as it was.
                replies.Add(MessageFactory.Text((string?)body["value"]));
            }
        }

        while (_adapter.GetNextReply() is { } reply)
        {
            if (reply is IMessageActivity message)
            {
                replies.Add(message);
            }
        }

        return replies;
    }

    public Task<IReadOnlyList<IMessageActivity>> SayAsync(ChannelAccount from, string text, string locale = "en-US")
    {
        var message = TeamsActivities.Message(from, IsGroup ? $"<at>PartnerBot</at> {text}" : text, locale, _conversation.Id, _conversation.ConversationType);
        if (IsGroup)
        {
            message.Entities =
            [
                new Entity("mention")
                {
                    Properties = JObject.FromObject(new { mentioned = new { id = TeamsActivities.BotId, name = "PartnerBot" }, text = "<at>PartnerBot</at>" }),
                },
            ];
        }

        return SendAsync(message);
    }

    /// <summary>
    /// Presses the button titled <paramref name="title"/> on <paramref name="card"/>, with inputs changed as given
    /// (an input changed to "" is emptied, and like every empty input left out of what is sent).
    /// </summary>
    public Task<IReadOnlyList<IMessageActivity>> PressAsync(
        ChannelAccount from, IMessageActivity card, string title, IReadOnlyDictionary<string, string>? inputs = null, string locale = "en-US") =>
        SendAsync(Press(from, card, title, inputs, locale));

    /// <summary>The activity <see cref="PressAsync"/> sends, to send it (again) with <see cref="SendAsync"/>.</summary>
    public Activity Press(
        ChannelAccount from, IMessageActivity card, string title, IReadOnlyDictionary<string, string>? inputs = null, string locale = "en-US")
    {
        var content = CardReader.Content(card);
        var action = CardReader.Actions(content).FirstOrDefault(a => (string?)a["title"] == title)
            ?? throw new InvalidOperationException($"No button \"{title}\" on the card: {string.Join(", ", CardReader.Actions(content).Select(a => (string?)a["title"]))}");
        var value = new JObject();
        if ((string?)action["associatedInputs"] != "none")
        {
            foreach (var input in CardReader.Inputs(content))
            {
                value[(string)input["id"]!] = (string?)input["value"] ?? string.Empty;
            }

            foreach (var (id, typed) in inputs ?? new Dictionary<string, string>())
            {
                if (value[id] is null)
                {
                    throw new InvalidOperationException($"No input \"{id}\" on the card.");
                }

                value[id] = typed;
            }

            // As Teams does: an input left empty is not sent at all.
            foreach (var empty in value.Properties().Where(p => (string?)p.Value == string.Empty).ToList())
            {
                empty.Remove();
            }
        }

        if (action["data"] is JObject data)
        {
            value.Merge(data);
        }

        return (string?)action["type"] == "Action.Execute"
            ? TeamsActivities.Execute(from, (string)action["verb"]!, value, locale, _conversation.Id, _conversation.ConversationType, replyToId: card.Id)
            : TeamsActivities.Submit(from, value, locale, _conversation.Id, _conversation.ConversationType, replyToId: card.Id);
    }

    /// <summary>Records what the bot asks the channel to update in place and how it answers invokes, as the channel would receive them.</summary>
    private sealed class RecordingAdapter(List<IActivity> updated, ConversationReference reference) : TestAdapter(reference)
    {
        public List<Activity> InvokeResponses { get; } = [];

        public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
        {
            InvokeResponses.AddRange(activities.Where(a => a.Type == ActivityTypesEx.InvokeResponse));
            var rest = activities.Where(a => a.Type != ActivityTypesEx.InvokeResponse).ToArray();
            return rest.Length == 0 ? [] : await base.SendActivitiesAsync(turnContext, rest, cancellationToken);
        }

        public override async Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
        {
            updated.Add(activity);
            return await base.UpdateActivityAsync(turnContext, activity, cancellationToken);
        }
    }
}

/// <summary>Reading the Adaptive Cards the bot sent, as a person would: their text, buttons and inputs.</summary>
internal static class CardReader
{
    public const string CardContentType = AdaptiveCard.ContentType;

    public static JObject Content(IActivity activity)
    {
        var attachment = ((IMessageActivity)activity).Attachments?.SingleOrDefault(a => a.ContentType == AdaptiveCard.ContentType)
            ?? throw new InvalidOperationException("Not a card: " + ((IMessageActivity)activity).Text);
        return CardAttachments.Tree(attachment.Content) ?? throw new InvalidOperationException("The card's content is not a JSON object.");
    }

    public static bool IsCard(IActivity activity) =>
        ((IMessageActivity)activity).Attachments?.Any(a => a.ContentType == AdaptiveCard.ContentType) == true;

    /// <summary>Everything a person reads on the card or in the message: text blocks, facts, labels, input values, button titles.</summary>
    public static string Text(IActivity activity)
    {
        var message = (IMessageActivity)activity;
        if (!IsCard(activity))
        {
            return message.Text ?? string.Empty;
        }

        var content = Content(activity);
        var parts = content.Descendants().OfType<JProperty>()
            .Where(p => p.Name is "text" or "title" or "value" or "label" && p.Value.Type == JTokenType.String)
            .Select(p => (string)p.Value!);
        return string.Join("\n", parts);
    }

    public static IEnumerable<JObject> Actions(JObject content) =>
        content.Descendants().OfType<JObject>().Where(o => ((string?)o["type"])?.StartsWith("Action.", StringComparison.Ordinal) == true);

    public static IEnumerable<JObject> Inputs(JObject content) =>
        content.Descendants().OfType<JObject>().Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true);

    public static string? InputValue(IActivity activity, string id) =>
        (string?)Inputs(Content(activity)).FirstOrDefault(i => (string?)i["id"] == id)?["value"];

    /// <summary>The text shown right after the input <paramref name="id"/>: where the form puts that field's error.</summary>
    public static string? TextAfterInput(IActivity activity, string id)
    {
        var body = (JArray)Content(activity)["body"]!;
        for (var i = 0; i < body.Count - 1; i++)
        {
            if ((string?)body[i]["id"] == id)
            {
                var next = body[i + 1];
                return (string?)next["type"] == "TextBlock" ? (string?)next["text"] : null;
            }
        }

        return null;
    }
}
