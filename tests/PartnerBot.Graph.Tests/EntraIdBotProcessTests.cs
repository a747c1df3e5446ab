using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PartnerBot.Graph.Tests.Support;
using PartnerBot.Testing;

namespace PartnerBot.Graph.Tests;

/// <summary>
/// The real host as a child process with Roles:Provider=EntraId, Graph and the Entra ID authority on the HTTPS
/// stand-in (trusted through SSL_CERT_FILE, proxies closed), driven over HTTP as Teams would drive it.
/// </summary>
public sealed class EntraIdBotProcessTests : IDisposable
{
    // The playground's tenant and people, as the demo staff table also knows them.
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";
    private const string Megan = "00000000-0000-0000-0000-0000000000021";
    private const string Patti = "00000000-0000-0000-0000-0000000000024";
    private const string GdapAdmins = "b0000000-0000-4000-8000-00000000000b";

    private readonly GraphStandIn _graph = new();

    public EntraIdBotProcessTests()
    {
        _graph.Nest(GdapAdmins, GraphDirectoryHost.AdminAgents);
        _graph.AddPerson(Megan, "Megan Bowen", groups: [GdapAdmins]);
        // The staff table says Patti has no role; Entra ID makes her a Helpdesk agent.
        _graph.AddPerson(Patti, "Patti Fernandez", groups: [GraphDirectoryHost.HelpdeskAgents]);
    }

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task The_welcome_names_the_Entra_ID_role_and_a_removal_between_review_and_submit_is_refused()
    {
        var settings = GraphDirectoryHost.Settings(_graph);
        settings["Graph:TenantId"] = GraphStandIn.TenantId;
        settings["Teams:AllowedTenantId"] = Tenant;
        await using var bot = await BotProcess.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };

        var welcome = Assert.Single(await PostAsync(http, Activity("conversationUpdate", Patti, "Patti Fernandez")))!.ToJsonString();
        Assert.Contains("Hi Patti Fernandez!", welcome, StringComparison.Ordinal);
        Assert.Contains("Helpdesk agent", welcome, StringComparison.Ordinal);

        var confirm = Assert.Single(await PostAsync(http, Activity("message", Megan, "Megan Bowen", text: "allow Contoso to buy its own products")))!;
        Assert.Contains("Allow Contoso Ltd to buy", confirm.ToJsonString(), StringComparison.Ordinal);

        _graph.RemoveFromGroup(Megan, GdapAdmins);
        var refused = Assert.Single(await PostAsync(http, Press(confirm, "Allow purchases")))!;

        // The refusal is written on the pressed card, in place of its buttons.
        var refusal = refused["attachments"]![0]!["content"]!;
        Assert.Null(refusal["actions"]);
        Assert.StartsWith("You can't change purchase permission: you have no Partner Center role.", (string?)refusal["body"]![0]!["text"], StringComparison.Ordinal);
        // One token for the whole conversation: the credential's cache serves every later lookup.
        Assert.True(_graph.TokenRequests == 1, $"{_graph.TokenRequests} token requests; the bot's log:\n{bot.Log}");
        Assert.DoesNotContain(GraphStandIn.AccessToken, bot.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_says_whether_the_role_directory_answers()
    {
        var settings = GraphDirectoryHost.Settings(_graph);
        settings["Graph:TenantId"] = GraphStandIn.TenantId;
        settings["Teams:AllowedTenantId"] = Tenant;
        await using var bot = await BotProcess.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };

        Assert.Equal("ready", await http.GetStringAsync(new Uri("/readyz", UriKind.Relative)));
        _graph.Down = true;
        using var down = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("role directory", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_partner_tenant_the_bot_does_not_start_and_says_why()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => BotProcess.StartAsync(GraphDirectoryHost.Settings(_graph), readyTimeout: TimeSpan.FromSeconds(30)));

        Assert.Contains("Teams:AllowedTenantId", failure.ToString() + (failure.InnerException?.ToString() ?? string.Empty), StringComparison.Ordinal);
    }

    /// <summary>Megan's press of <paramref name="title"/> as Teams sends an Action.Execute: an adaptiveCard/action invoke.</summary>
    private static JsonObject Press(JsonNode card, string title)
    {
        var button = card["attachments"]![0]!["content"]!["actions"]!.AsArray()
            .Concat(card["attachments"]![0]!["content"]!["body"]!.AsArray().SelectMany(b => b?["actions"]?.AsArray() ?? []))
            .First(a => (string?)a!["title"] == title)!;
        var press = Activity("invoke", Megan, "Megan Bowen");
        press["name"] = "adaptiveCard/action";
        press["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button["verb"]!.DeepClone(), ["data"] = button["data"]?.DeepClone() ?? new JsonObject() },
            ["trigger"] = "manual",
        };
        return press;
    }

    private static JsonObject Activity(string type, string user, string name, string? text = null, JsonObject? value = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
            ["deliveryMode"] = "expectReplies",
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = "29:" + user, ["name"] = name, ["aadObjectId"] = user },
            ["recipient"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
            ["conversation"] = new JsonObject { ["id"] = "a:entra-" + user, ["conversationType"] = "personal", ["tenantId"] = Tenant },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        if (type == "conversationUpdate")
        {
            activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:partnerbot" });
        }

        return activity;
    }

    private static async Task<JsonArray> PostAsync(HttpClient http, JsonObject activity)
    {
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        return [.. replies.Select(r => (string?)r!["type"] == "invokeResponse" ? Shown(r["value"]!["body"] ?? r["value"]!["Body"]!) : r!.DeepClone())];
    }

    // What Teams shows for a press's answer: a message answer's text, or the card that replaces the pressed one.
    private static JsonObject Shown(JsonNode answer) =>
        (string?)answer["type"] == "application/vnd.microsoft.activity.message"
            ? new JsonObject { ["type"] = "message", ["text"] = answer["value"]!.DeepClone() }
            : new JsonObject { ["type"] = "message", ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = answer["value"]!.DeepClone() }) };
}
