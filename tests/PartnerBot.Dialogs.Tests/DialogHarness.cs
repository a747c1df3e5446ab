using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs.Tests;

/// <summary>
/// A bot that does what a real one does each turn: load state, run the root dialog, save state. The state
/// object is new every turn, so everything a dialog keeps really goes through the storage and back.
/// </summary>
internal sealed class DialogHarness
{
    public const string StateProperty = "DialogState";

    public DialogHarness(Dialog root, IStorage? storage = null, ConversationReference? conversation = null)
    {
        Root = root;
        Storage = storage ?? new MemoryStorage();
        Adapter = new TestAdapter(conversation ?? PersonalChat());
    }

    public Dialog Root { get; set; }

    public IStorage Storage { get; }

    public TestAdapter Adapter { get; }

    public DialogRunOptions Options { get; set; } = new();

    public List<DialogTurnResult> Results { get; } = [];

    public DialogTurnResult LastResult => Results[^1];

    public static ConversationReference PersonalChat(string conversationId = "a:personal-1") => new()
    {
        ChannelId = "msteams",
        ServiceUrl = "https://smba.example/",
        User = new ChannelAccount("29:user-1", "User One"),
        Bot = new ChannelAccount("28:bot", "Bot"),
        Conversation = new ConversationAccount(conversationType: "personal", id: conversationId),
    };

    public static ConversationReference SharedChat(string conversationType, bool? isGroup, string conversationId = "19:shared") => new()
    {
        ChannelId = "msteams",
        ServiceUrl = "https://smba.example/",
        User = new ChannelAccount("29:user-1", "User One"),
        Bot = new ChannelAccount("28:bot", "Bot"),
        Conversation = new ConversationAccount(isGroup: isGroup, conversationType: conversationType, id: conversationId),
    };

    /// <summary>A storage chosen by name, so theories can prove both serializer behaviours.</summary>
    public static IStorage CreateStorage(string kind) => kind switch
    {
        "memory" => new MemoryStorage(),
        "plain-json" => new PlainJsonStorage(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static Activity Message(string text, string? userId = null, string? locale = null) => new(ActivityTypes.Message)
    {
        Text = text,
        From = userId is null ? null : new ChannelAccount(userId, userId),
        Locale = locale,
    };

    /// <summary>What Teams sends for an Adaptive Card Action.Submit: empty text, the data as a JObject.</summary>
    public static Activity Submit(string json, string? userId = null) => new(ActivityTypes.Message)
    {
        Value = JObject.Parse(json),
        From = userId is null ? null : new ChannelAccount(userId, userId),
    };

    /// <summary>What Teams sends for an Adaptive Card Action.Execute: an adaptiveCard/action invoke with the verb and data.</summary>
    public static Activity Execute(string verb, string dataJson = "{}", string type = "Action.Execute") => new(ActivityTypes.Invoke)
    {
        Name = "adaptiveCard/action",
        Value = new JObject
        {
            ["action"] = new JObject { ["type"] = type, ["verb"] = verb, ["data"] = JObject.Parse(dataJson) },
            ["trigger"] = "manual",
        },
    };

    public TestFlow Flow() => new(Adapter, TurnAsync);

    /// <summary>The dialog stack as saved, read through a fresh state object (null when nothing is saved).</summary>
    public async Task<DialogState?> SavedStateAsync(Activity activityLike)
    {
        var key = DialogConversationState.StorageKey(activityLike);
        var items = await Storage.ReadAsync([key]);
        if (!items.TryGetValue(key, out var record))
        {
            return null;
        }

        var property = record is JObject json
            ? json[StateProperty]
            : ((IDictionary<string, object>)record).TryGetValue(StateProperty, out var value) ? JToken.FromObject(value) : null;
        return property?.ToObject<DialogState>();
    }

    /// <summary>An activity carrying only what the storage key needs, for <see cref="SavedStateAsync"/>.</summary>
    public Activity KeyOf(string? userId = null) => new()
    {
        ChannelId = Adapter.Conversation.ChannelId,
        Conversation = Adapter.Conversation.Conversation,
        From = new ChannelAccount(userId ?? Adapter.Conversation.User.Id),
    };

    private async Task TurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var state = new DialogConversationState(Storage);
        var accessor = state.CreateProperty<DialogState>(StateProperty);
        Results.Add(await Root.RunAsync(turnContext, accessor, Options, cancellationToken));
        await state.SaveChangesAsync(turnContext, false, cancellationToken);
    }
}

internal static class TestFlowExtensions
{
    /// <summary>
    /// No reply is left once the turn has ended. TestFlow's AssertNoReply polls for 3 s instead; here each Send
    /// completes with its turn, so whatever the turn said is already queued when this step runs.
    /// </summary>
    public static TestFlow AssertNoReplyAfterTheTurn(this TestFlow flow, TestAdapter adapter)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(adapter);
        return new TestFlow(
            flow.StartTestAsync().ContinueWith(
                turn =>
                {
                    turn.GetAwaiter().GetResult();
                    Assert.Null(adapter.GetNextReply());
                },
                TaskScheduler.Default),
            flow);
    }
}
