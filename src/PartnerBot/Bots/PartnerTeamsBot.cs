using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PartnerBot.Conversations;
using PartnerBot.Data;
using PartnerBot.Data.Activities;
using PartnerBot.Data.BotState;
using PartnerBot.Dialogs;
using PartnerBot.Localization;
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
    IActivityLedger activityLedger,
    CustomerSearchExtension customerSearch,
    SharedCardViews sharedViews,
    ILogger<PartnerTeamsBot> logger) : TeamsActivityHandler
{
    /// <summary>How long a taken activity blocks a re-delivery while its turn runs (a dead instance's claim then lapses).</summary>
    public static readonly TimeSpan InFlightFor = TimeSpan.FromMinutes(2);

    /// <summary>How long a handled activity is remembered; Teams re-delivers within seconds.</summary>
    public static readonly TimeSpan HandledFor = TimeSpan.FromHours(1);

    private readonly IStatePropertyAccessor<DialogState> _dialogState = conversationState.CreateProperty<DialogState>(nameof(DialogState));

    /// <summary>How long a re-delivered card press waits for the first delivery's answer before saying it is in hand.</summary>
    public static readonly TimeSpan RetriedPressWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RetriedPressPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A message or a card press is taken in the shared activity ledger first: a re-delivery (Teams retries a slow
    /// turn), on this instance or another, gets no second effect. A re-delivered message gets no second answer; a
    /// re-delivered press must be answered (Teams shows an invoke without an answer as an error), so it gets the
    /// answer the first delivery gave, kept in the ledger. The turn then runs with optimistic concurrency on the
    /// dialog state (<see cref="ConcurrentTurn"/>). A failed turn gives the activity back, so a re-delivery may run
    /// it: the failed turn saved nothing. Where the store allows, the entry is done in the state save's transaction,
    /// so a turn whose state was saved is never run again, even if sending its replies failed afterwards.
    /// </summary>
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var press = UniversalAction.Is(activity);
        var ledgerKey = (activity.Type == ActivityTypes.Message || press) && activity.Id is { Length: > 0 } && activity.Conversation?.Id is { Length: > 0 }
            ? $"{activity.ChannelId}/{activity.Conversation.Id}"
            : null;
        if (ledgerKey is not null)
        {
            bool taken;
            try
            {
                // Where the store allows, the conversation's state and the sender's staff record are read in the take's
                // round trip (ConcurrentTurn's first read then takes the state, the steps' role checks the record): two
                // round trips less per turn.
                taken = activityLedger is IStateReadingActivityLedger reading && ConversationStateKey(activity) is { } stateKey
                    ? await reading.TryTakeAsync(
                        ledgerKey, activity.Id, InFlightFor, StateReadAhead.Begin(stateKey, TurnIdentity.Sender(turnContext)?.AadObjectId), cancellationToken)
                    : await activityLedger.TryTakeAsync(ledgerKey, activity.Id, InFlightFor, cancellationToken);
            }
            catch (TimeoutException busy)
            {
                // A store busy for a moment must not cost the user their turn: the turn runs unrecorded and meets the
                // same store at its first write, which answers "busy, try again" with the edits kept. Without the
                // entry a re-delivery could be answered twice, but a change still applies once (its operation id).
                logger.LogWarning(busy, "The activity ledger was busy; activity {ActivityId} runs without it", activity.Id);
                taken = true;
                ledgerKey = null;
            }

            if (!taken)
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Activity {ActivityId} in {ConversationId} was already taken; not run again", activity.Id, activity.Conversation!.Id);
                }

                if (press)
                {
                    await AnswerRetriedPressAsync(turnContext, ledgerKey!, cancellationToken);
                }

                return;
            }
        }

        if (press)
        {
            TurnMemo.Of(turnContext).CardActionReply = CardActionReply.HoldMessages(turnContext);
        }

        // After the press's answer is held and before ConcurrentTurn holds the replies, so the stamps are saved.
        if (SharedCardViews.Applies(turnContext))
        {
            sharedViews.StampMessages(turnContext);
        }

        // The entry is done in the state save's own transaction where the store allows (one write less per turn).
        var completion = ledgerKey is null ? null : new LedgerCompletion(ledgerKey, activity.Id, HandledFor);
        try
        {
            await new ConcurrentTurn(conversationState, logger, completion).RunAsync(turnContext, (turn, ct) => base.OnTurnAsync(turn, ct), cancellationToken);
        }
        catch
        {
            // Unless the state was saved, with the entry done, before the turn failed (sending its replies).
            if (ledgerKey is not null && completion?.Recorded != true)
            {
                await SettleAsync(() => activityLedger.ReleaseAsync(ledgerKey, activity.Id, CancellationToken.None), activity.Id);
            }

            throw;
        }

        if (ledgerKey is not null && completion?.Recorded != true)
        {
            // The invoke response the press was answered with (ConcurrentTurn sent it once the state was saved).
            var answer = press && turnContext.TurnState.Get<Activity>(BotAdapter.InvokeResponseKey)?.Value is InvokeResponse answered
                ? LedgerAnswer.Write(answered)
                : null;
            await SettleAsync(() => activityLedger.CompleteAsync(ledgerKey, activity.Id, HandledFor, answer, CancellationToken.None), activity.Id);
        }
    }

    /// <summary>
    /// Answers a press delivered again with the first delivery's answer: the same card replaces the pressed one, and
    /// nothing runs twice. A first delivery still running is waited for a little; if it has not answered by then
    /// (or its answer was not kept), the press is answered with a sentence saying it is in hand.
    /// </summary>
    private async Task AnswerRetriedPressAsync(ITurnContext turnContext, string ledgerKey, CancellationToken cancellationToken)
    {
        var activityId = turnContext.Activity.Id;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        InvokeResponse? answer = null;
        while (true)
        {
            LedgerEntry? entry;
            try
            {
                entry = await activityLedger.FindAsync(ledgerKey, activityId, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or StoreUnavailableException or System.Data.Common.DbException)
            {
                logger.LogWarning(ex, "Could not read the answer of activity {ActivityId} from the activity ledger", activityId);
                break;
            }

            if (entry is { Done: true, Answer: { } kept })
            {
                answer = JsonConvert.DeserializeObject<InvokeResponse>(kept);
                break;
            }

            if (entry is { Done: true } || entry is null || waited.Elapsed >= RetriedPressWait)
            {
                break;
            }

            await Task.Delay(RetriedPressPoll, cancellationToken);
        }

        answer ??= new InvokeResponse
        {
            Status = StatusCodes.Status200OK,
            Body = new AdaptiveCardInvokeResponse
            {
                StatusCode = StatusCodes.Status200OK,
                Type = "application/vnd.microsoft.activity.message",
                Value = SharedTexts.PressInHand.In(UiLanguages.FromLocale(turnContext.Activity.Locale)),
            },
        };
        await turnContext.SendActivityAsync(new Activity { Type = ActivityTypesEx.InvokeResponse, Value = answer }, cancellationToken);
    }

    /// <summary>The key the turn's conversation state is read under; null when the activity lacks what it needs (the read then fails the turn as before).</summary>
    private static string? ConversationStateKey(IActivity activity)
    {
        try
        {
            return DialogConversationState.StorageKey(activity);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records how a turn ended in the ledger without letting the ledger speak for the turn: the user already has
    /// its answer (or its error). If the record fails, the in-flight entry lapses after <see cref="InFlightFor"/>.
    /// </summary>
    private async Task SettleAsync(Func<Task> settle, string activityId)
    {
        try
        {
            await settle();
        }
        catch (Exception ex) when (ex is TimeoutException or StoreUnavailableException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not record the end of activity {ActivityId} in the activity ledger", activityId);
        }
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
    /// The Teams base class casts an invoke's value to the shape its name promises and throws on any other shape,
    /// which would fail the turn with the apology; an invoke that is not shaped like its name is the sender's
    /// mistake: 400. An <c>adaptiveCard/action</c> that is not an Action.Execute is answered 400 by the base class.
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
            // A well-formed press (nearly every one) goes straight to the handler: the base class would first copy the
            // whole value, card data included, into an AdaptiveCardInvokeValue that OnAdaptiveCardInvokeAsync never
            // reads (issue 13: 0.8% of the CPU). Anything else still gets the base class's own answers.
            if (turnContext.Activity.Name == AdaptiveCardAction && turnContext.Activity.Value is JObject value && WellFormedPress(value) is { } press)
            {
                return CreateInvokeResponse(await OnAdaptiveCardInvokeAsync(turnContext, press, cancellationToken));
            }

            return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return new InvokeResponse { Status = StatusCodes.Status400BadRequest };
        }
    }

    private const string AdaptiveCardAction = "adaptiveCard/action";

    /// <summary>
    /// The press an <c>adaptiveCard/action</c> value states, when the SDK's conversion would certainly accept it as an
    /// Action.Execute: an <c>action</c> object whose type is exactly that text, its id and verb texts (or null), no
    /// authentication or state, and no property the SDK's reader could take for another member (a name differing in
    /// case) or for its own metadata (a name starting with '$', anywhere in the value). Null otherwise: the base class
    /// then converts the value and answers a malformed one as it always has. The card data is not copied.
    /// </summary>
    private static AdaptiveCardInvokeValue? WellFormedPress(JObject value)
    {
        JObject? action = null;
        foreach (var property in value.Properties())
        {
            if (property.Name == "action" && property.Value is JObject stated)
            {
                action = stated;
            }
            else if (IsMemberName(property.Name, "action", "authentication", "state") || property.Name.StartsWith('$') || HasMetadataName(property.Value))
            {
                return null;
            }
        }

        if (action is null)
        {
            return null;
        }

        string? type = null, id = null, verb = null;
        JToken? data = null;
        foreach (var property in action.Properties())
        {
            switch (property.Name)
            {
                case "type" when property.Value.Type == JTokenType.String:
                    type = (string?)property.Value;
                    break;
                case "id" when property.Value.Type is JTokenType.String or JTokenType.Null:
                    id = (string?)property.Value;
                    break;
                case "verb" when property.Value.Type is JTokenType.String or JTokenType.Null:
                    verb = (string?)property.Value;
                    break;
                case "data":
                    if (HasMetadataName(property.Value))
                    {
                        return null;
                    }

                    data = property.Value;
                    break;
                default:
                    if (IsMemberName(property.Name, "type", "id", "verb", "data") || property.Name.StartsWith('$') || HasMetadataName(property.Value))
                    {
                        return null;
                    }

                    break;
            }
        }

        return type == "Action.Execute"
            ? new AdaptiveCardInvokeValue { Action = new AdaptiveCardInvokeAction { Type = type, Id = id, Verb = verb, Data = data } }
            : null;
    }

    private static bool IsMemberName(string name, params ReadOnlySpan<string> members)
    {
        foreach (var member in members)
        {
            if (string.Equals(name, member, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when an object inside <paramref name="token"/> has a property named like Newtonsoft's metadata ($ref, $type, …).</summary>
    private static bool HasMetadataName(JToken token)
    {
        switch (token)
        {
            case JObject json:
                foreach (var property in json.Properties())
                {
                    if (property.Name.StartsWith('$') || HasMetadataName(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JArray list:
                foreach (var item in list)
                {
                    if (HasMetadataName(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
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
        await RunDialogsAsync(turnContext, cancellationToken);
    }

    /// <summary>
    /// A card button (Action.Execute) pressed: the dialogs take it as the user's reply, and the answer is the card
    /// that replaces the pressed one (<see cref="CardActionReply"/>), well inside Teams' invoke time limit.
    /// </summary>
    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        // A refresh, a colleague's press, or a press of a card the conversation no longer waits for: answered here.
        if (await sharedViews.AnswerBeforeDialogsAsync(turnContext, cancellationToken) is { } answered)
        {
            return answered;
        }

        // Registered before the turn ran (OnTurnAsync), so it sees the replies before ConcurrentTurn holds them
        // until the state is saved; begun again on every attempt ConcurrentTurn makes.
        var reply = TurnMemo.Find(turnContext)?.CardActionReply ?? CardActionReply.HoldMessages(turnContext);
        reply.Begin();
        try
        {
            await RunDialogsAsync(turnContext, cancellationToken);
        }
        catch
        {
            // What was said before the failure still reaches the user; the turn error handler answers the press.
            await reply.ReleaseAsync(cancellationToken);
            throw;
        }

        var answer = await reply.AnswerAsync(cancellationToken);
        await sharedViews.RememberAnswerAsync(turnContext, answer, cancellationToken);
        return answer;
    }

    private Task<DialogTurnResult> RunDialogsAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        mainDialog.RunAsync(turnContext, _dialogState, interruptions.RunOptions(LogStateReset), cancellationToken);

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
