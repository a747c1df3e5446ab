using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Cards;
using PartnerBot.Conversations;
using PartnerBot.Localization;

namespace PartnerBot.Bots;

/// <summary>
/// The answer to an Action.Execute press: the card that replaces the pressed one, for the person who pressed it.
/// While the dialogs run, the bot's messages are held back; then the pressed card becomes the step's chosen
/// outcome (<see cref="PressedCard"/>), else the first card the bot sent (the next form, the confirm card, the
/// form again with its errors), else the bot's words on a card without buttons. Whatever else it said follows as
/// messages, as usual.
/// </summary>
internal sealed class CardActionReply
{
    private readonly ITurnContext _turn;
    private readonly List<Activity> _held = [];
    private bool _holding;

    private CardActionReply(ITurnContext turn)
    {
        _turn = turn;
    }

    public static CardActionReply HoldMessages(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var reply = new CardActionReply(turnContext);
        turnContext.OnSendActivities(reply.HoldAsync);
        return reply;
    }

    /// <summary>Starts holding this attempt's messages, forgetting an earlier attempt's (a turn run again after a lost save).</summary>
    public void Begin()
    {
        _held.Clear();
        _holding = true;
        PressedCard.Forget(_turn);
    }

    /// <summary>Decides the replacing card and sends the rest. Called once the dialogs are done.</summary>
    public async Task<AdaptiveCardInvokeResponse> AnswerAsync(CancellationToken cancellationToken)
    {
        JToken? card = PressedCard.Outcome(_turn) is { } outcome ? outcome.ToRaw() : null;
        if (card is null && _held.FindIndex(IsCard) is var first and >= 0)
        {
            // The card as it was written (JSON, or a tree a step changed): it goes out as it is.
            var content = _held[first].Attachments.First(a => a.ContentType == AdaptiveCard.ContentType).Content;
            card = content as JToken ?? CardAttachments.Tree(content);
            _held.RemoveAt(first);
        }

        if (card is null)
        {
            var said = _held.Where(a => !IsCard(a) && !string.IsNullOrWhiteSpace(a.Text)).ToList();
            _held.RemoveAll(said.Contains);
            card = AdaptiveCard.Saying(
                said.Count > 0 ? said.Select(a => a.Text) : [SharedTexts.CancelledNote.In(UiLanguages.FromLocale(_turn.Activity.Locale))]).ToRaw();
        }

        await ReleaseAsync(cancellationToken);
        return Answer(card);
    }

    /// <summary>Sends what was held as ordinary messages (also after a failed turn, so nothing said is lost).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        _holding = false;
        if (_held.Count > 0)
        {
            var rest = _held.ToArray();
            _held.Clear();
            await _turn.SendActivitiesAsync(rest, cancellationToken);
        }
    }

    /// <summary>An invoke answer that replaces the pressed card with <paramref name="card"/> (an Adaptive Card's JSON, as a tree or written).</summary>
    public static AdaptiveCardInvokeResponse Answer(JToken card) => new()
    {
        StatusCode = StatusCodes.Status200OK,
        Type = AdaptiveCard.ContentType,
        Value = card,
    };

    public static JObject Content(AdaptiveCard card) => JObject.Parse(card.ToJson());

    private static bool IsCard(Activity activity) =>
        activity.Attachments?.Any(a => a.ContentType == AdaptiveCard.ContentType && a.Content is not null) == true;

    private async Task<ResourceResponse[]> HoldAsync(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next)
    {
        if (!_holding)
        {
            return await next();
        }

        var messages = activities.Where(a => a.Type == ActivityTypes.Message).ToList();
        _held.AddRange(messages);
        activities.RemoveAll(messages.Contains);
        var sent = activities.Count > 0 ? await next() : [];

        // Held messages get no id from the channel; a step that sends one never reads its id back.
        return [.. sent, .. messages.Select(_ => new ResourceResponse(string.Empty))];
    }
}
