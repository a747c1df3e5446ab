using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PartnerBot.Testing;

namespace PartnerBot.PartnerCenter.Tests;

/// <summary>
/// The real host as a child process with Directory:Provider=PartnerCenter, PartnerCenter:Authority and
/// PartnerCenter:BaseUrl on a stateful Partner Center stand-in over HTTPS on 127.0.0.1 (its test CA trusted through
/// SSL_CERT_FILE alone, proxies closed), driven over HTTP as Teams drives it: messages, and button presses as
/// adaptiveCard/action invokes answered with the replacing card. This is how the issue is checked.
/// </summary>
public sealed class PartnerCenterBotProcessTests : IAsyncLifetime
{
    // The playground's tenant and people, as the demo staff table knows them: Alex a Sales agent, Megan an Admin agent.
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";
    private const string Alex = "00000000-0000-0000-0000-0000000000020";
    private const string Megan = "00000000-0000-0000-0000-0000000000021";

    private PartnerCenterFake _partnerCenter = null!;
    private string _zuraw = null!;
    private string _northwind = null!;

    public async Task InitializeAsync()
    {
        _partnerCenter = await PartnerCenterFake.StartAsync();
        _zuraw = _partnerCenter.AddCustomer("Przedsiębiorstwo Handlowe Żuraw Sp. z o.o.", "zuraw.onmicrosoft.com");
        _northwind = _partnerCenter.AddCustomer("Northwind Traders", "northwind.onmicrosoft.com");
    }

    public async Task DisposeAsync() => await _partnerCenter.DisposeAsync();

    [Fact]
    public async Task A_customer_only_Partner_Center_knows_is_found_with_a_typo_its_billing_profile_updated_with_its_etag_and_its_purchase_permission_switched()
    {
        // A cold child process on a shared 2-core machine: its first TLS handshakes, token and JIT may take longer than
        // the production attempt timeout (4 s); the flow is under test here, the timeouts have their own tests.
        var settings = _partnerCenter.Settings.ToDictionary();
        settings["PartnerCenter:AttemptTimeout"] = "00:00:20";
        settings["PartnerCenter:RequestTimeout"] = "00:00:30";
        await using var bot = await BotProcess.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };
        var etagRead = _partnerCenter.Billing(_zuraw)["attributes"]!["etag"]!.GetValue<string>();

        // A sales agent, in English: found with a typo and without the Polish letters, through the mirror.
        var offer = Assert.Single(await PostAsync(http, Message(Alex, "Alex Wilber", "en-US", "update przedsiebiorstwo handlowe zurw")));
        Assert.Contains("Przedsiębiorstwo Handlowe Żuraw Sp. z o.o.", Texts(offer), StringComparison.Ordinal);
        var account = Assert.Single(await PostAsync(http, Press(offer, "Yes", Alex, "Alex Wilber", "en-US")));
        Assert.Contains("zuraw.onmicrosoft.com", Texts(account), StringComparison.Ordinal);
        var form = Assert.Single(await PostAsync(http, Press(account, "Edit billing information", Alex, "Alex Wilber", "en-US")));
        var confirm = Assert.Single(await PostAsync(http, Press(
            form, "Review changes", Alex, "Alex Wilber", "en-US", new Dictionary<string, string> { ["billing.Email"] = "ksiegowosc@zuraw.pl" })));
        Assert.Contains("faktury@zuraw.pl → ksiegowosc@zuraw.pl", Texts(confirm), StringComparison.Ordinal);
        var updated = Assert.Single(await PostAsync(http, Press(confirm, "Confirm", Alex, "Alex Wilber", "en-US")));

        Assert.Contains("Billing information updated", Texts(updated), StringComparison.Ordinal);
        Assert.Equal("ksiegowosc@zuraw.pl", _partnerCenter.Billing(_zuraw)["email"]!.GetValue<string>());
        // The stand-in refuses a PUT (400/2055) unless both If-Match and the body's attributes.etag are the etag read.
        Assert.Contains($"PUT /v1/customers/{_zuraw}/profiles/billing \"{etagRead}\"", _partnerCenter.Requests);
        Assert.NotEqual(etagRead, _partnerCenter.Billing(_zuraw)["attributes"]!["etag"]!.GetValue<string>());

        // An admin agent, in Polish: purchase permission on, as a self-serve policy.
        var question = Assert.Single(await PostAsync(http, Message(Megan, "Megan Bowen", "pl-PL", "zezwól northwind na samodzielne zakupy")));
        var allowed = Assert.Single(await PostAsync(http, Press(question, "Zezwól na zakupy", Megan, "Megan Bowen", "pl-PL")));

        Assert.Contains("Gotowe: klient Northwind Traders może teraz sam kupować", Texts(allowed), StringComparison.Ordinal);
        Assert.True(_partnerCenter.HasPolicy(_northwind));
        Assert.Contains("POST /v1/SelfServePolicy", _partnerCenter.Requests);

        // Nothing secret in the bot's log: no client secret, access token or refresh token.
        Assert.DoesNotContain(PartnerCenterFake.ClientSecret, bot.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-app-token", bot.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-user-token", bot.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-refresh", bot.Log, StringComparison.Ordinal);
    }

    /// <summary>
    /// A press of the button titled <paramref name="title"/> as Teams sends an Action.Execute: an adaptiveCard/action
    /// invoke whose data is the button's, with the card's inputs (as shown, changed by <paramref name="typed"/>) merged in.
    /// </summary>
    private static JsonObject Press(JsonNode card, string title, string user, string name, string locale, Dictionary<string, string>? typed = null)
    {
        var content = card["attachments"]![0]!["content"]!;
        var nodes = Descendants(content).ToList();
        var button = nodes.First(n => (string?)n["type"] == "Action.Execute" && (string?)n["title"] == title);
        var data = button["data"]?.DeepClone().AsObject() ?? [];
        if ((string?)button["associatedInputs"] != "none")
        {
            foreach (var input in nodes.Where(n => ((string?)n["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true))
            {
                var id = (string)input["id"]!;
                data[id] = typed is not null && typed.TryGetValue(id, out var value) ? value : (string?)input["value"] ?? string.Empty;
            }
        }

        var press = Activity("invoke", user, name, locale);
        press["name"] = "adaptiveCard/action";
        press["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button["verb"]!.DeepClone(), ["data"] = data },
            ["trigger"] = "manual",
        };
        return press;
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    /// <summary>What a person reads on a card: its texts, labels, values and button titles.</summary>
    private static string Texts(JsonNode message) =>
        string.Join("\n", Descendants(message["attachments"]?[0]?["content"])
            .SelectMany(o => o.Where(p => p.Key is "text" or "title" or "value" or "label" && p.Value is JsonValue v && v.TryGetValue<string>(out _)))
            .Select(p => p.Value!.GetValue<string>()));

    private static JsonObject Message(string user, string name, string locale, string text)
    {
        var activity = Activity("message", user, name, locale);
        activity["text"] = text;
        return activity;
    }

    private static JsonObject Activity(string type, string user, string name, string locale) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
        ["deliveryMode"] = "expectReplies",
        ["locale"] = locale,
        ["from"] = new JsonObject { ["id"] = "29:" + user, ["name"] = name, ["aadObjectId"] = user },
        ["recipient"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
        ["conversation"] = new JsonObject { ["id"] = "a:partner-center-" + user, ["conversationType"] = "personal", ["tenantId"] = Tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
    };

    /// <summary>Posts with expectReplies and returns what Teams would show: messages, and a press's replacing card as a message with that card.</summary>
    private static async Task<List<JsonNode>> PostAsync(HttpClient http, JsonObject activity)
    {
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        return [.. replies.Select(r => (string?)r!["type"] == "invokeResponse" ? Shown(r["value"]!["body"] ?? r["value"]!["Body"]!) : r.DeepClone())];
    }

    private static JsonObject Shown(JsonNode answer)
    {
        Assert.Equal(200, (int?)answer["statusCode"]);
        return (string?)answer["type"] == "application/vnd.microsoft.activity.message"
            ? new JsonObject { ["type"] = "message", ["text"] = answer["value"]!.DeepClone() }
            : new JsonObject { ["type"] = "message", ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = answer["value"]!.DeepClone() }) };
    }
}
