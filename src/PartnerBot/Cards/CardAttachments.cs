using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Cards;

/// <summary>
/// The SDK boundary: the Bot Framework serializes activities with Newtonsoft. A card goes out as the JSON it was
/// written to, in a <see cref="JRaw"/>, which Newtonsoft copies as it is: parsing that JSON into a JObject only to
/// write it out again was most of a card's cost per turn (issue 13). Whoever must read or change a sent card gets its
/// tree with <see cref="Tree"/>.
/// </summary>
public static class CardAttachments
{
    public static Attachment ToAttachment(this AdaptiveCard card) => new()
    {
        ContentType = AdaptiveCard.ContentType,
        Content = card.ToRaw(),
    };

    public static IMessageActivity ToActivity(this AdaptiveCard card)
    {
        var activity = MessageFactory.Attachment(card.ToAttachment());
        return activity;
    }

    /// <summary>The card as the JSON an attachment or an invoke answer carries.</summary>
    public static JRaw ToRaw(this AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JRaw(card.ToJson());
    }

    /// <summary>
    /// The tree of a card's JSON as an attachment or an invoke answer carries it: the same JObject when it is one, a
    /// new one read from written JSON; null when the content is no JSON object.
    /// </summary>
    public static JObject? Tree(object? content) => content switch
    {
        null => null,
        JObject tree => tree,
        JRaw { Value: string json } => JToken.Parse(json) as JObject,
        JToken => null,
        _ => JToken.FromObject(content) as JObject,
    };
}
