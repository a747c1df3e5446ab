using Newtonsoft.Json.Linq;

namespace PartnerBot.Tests.Http;

/// <summary>Card presses over HTTP as Teams sends them: Action.Execute, an adaptiveCard/action invoke answered with the replacing card.</summary>
internal static class CardPress
{
    /// <summary>Makes a Teams-shaped activity the press of a button with <paramref name="verb"/> and <paramref name="data"/> (inputs merged in).</summary>
    public static JObject Execute(JObject activity, string verb, JObject? data = null)
    {
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JObject
        {
            ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? [] },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>
    /// The card that replaced the pressed one (the invoke's answer among the expectReplies activities), shaped
    /// like a message with that card, so it reads like any other reply.
    /// </summary>
    public static JObject Replacement(JArray replies)
    {
        var answer = Assert.Single(replies, a => (string?)a["type"] == "invokeResponse");
        // The SDK's InvokeResponse is serialized with its .NET property names (Status, Body).
        var invokeResponse = (JObject)answer["value"]!;
        Assert.Equal(200, (int?)invokeResponse.GetValue("status", StringComparison.OrdinalIgnoreCase));
        var body = invokeResponse.GetValue("body", StringComparison.OrdinalIgnoreCase)!;
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        return new JObject
        {
            ["type"] = "message",
            ["attachments"] = new JArray(new JObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = body["value"] }),
        };
    }

    /// <summary>The replies other than the invoke's answer: what the bot sent as messages.</summary>
    public static List<JToken> Messages(JArray replies) => [.. replies.Where(a => (string?)a["type"] == "message")];

    /// <summary>The verb and data of the card's button titled <paramref name="title"/>.</summary>
    public static (string Verb, JObject Data) Button(JToken message, string title)
    {
        var action = ((JObject)message["attachments"]![0]!["content"]!).Descendants().OfType<JObject>()
            .First(o => (string?)o["type"] == "Action.Execute" && (string?)o["title"] == title);
        return ((string)action["verb"]!, action["data"] as JObject ?? []);
    }

    /// <summary>The form's inputs with their current values, as the client sends them with a form's button.</summary>
    public static JObject Inputs(JToken message) =>
        new(message["attachments"]![0]!["content"]!["body"]!.OfType<JObject>()
            .Where(e => ((string?)e["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .Select(e => new JProperty((string)e["id"]!, (string?)e["value"] ?? string.Empty)));
}
