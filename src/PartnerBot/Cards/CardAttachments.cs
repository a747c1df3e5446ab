using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Cards;

/// <summary>The SDK boundary: the Bot Framework serializes attachments with Newtonsoft, so the card becomes a JObject here.</summary>
public static class CardAttachments
{
    public static Attachment ToAttachment(this AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new Attachment
        {
            ContentType = AdaptiveCard.ContentType,
            Content = JObject.Parse(card.ToJson()),
        };
    }

    public static IMessageActivity ToActivity(this AdaptiveCard card)
    {
        var activity = MessageFactory.Attachment(card.ToAttachment());
        return activity;
    }
}
