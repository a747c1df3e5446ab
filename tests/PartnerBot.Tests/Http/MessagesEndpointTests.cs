using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Http;

/// <summary>POST /api/messages as a channel sends it, replies in the HTTP response (deliveryMode expectReplies).</summary>
public sealed class MessagesEndpointTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("partnerbot-http-");

    private string DatabasePath => Path.Combine(_folder.FullName, "partnerbot.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static JObject Activity(string type, string locale, string? text = null, JObject? value = null, string user = DemoData.AlexWilberId, string name = "Alex Wilber", string tenant = DemoData.PlaygroundTenantId)
    {
        var activity = new JObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
            ["deliveryMode"] = "expectReplies",
            ["locale"] = locale,
            ["from"] = new JObject { ["id"] = "29:" + user, ["name"] = name, ["aadObjectId"] = user },
            ["recipient"] = new JObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
            ["conversation"] = new JObject { ["id"] = "a:http-" + user, ["conversationType"] = "personal", ["tenantId"] = tenant },
            ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = tenant } },
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
            activity["membersAdded"] = new JArray(new JObject { ["id"] = "28:partnerbot" });
        }

        return activity;
    }

    private static async Task<JArray> PostAsync(HttpClient client, JObject activity)
    {
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        return (JArray)body["activities"]!;
    }

    [Fact]
    public async Task With_Teams_LocaleOverride_an_en_US_client_like_the_playground_is_answered_in_Polish_messages_and_presses_alike()
    {
        await using var app = new BotApplication(DatabasePath, new Dictionary<string, string?> { ["Teams:LocaleOverride"] = "pl-PL" });
        var client = app.CreateClient();

        var account = Assert.Single(await PostAsync(client, Activity("message", "en-US", "update Contoso")));
        Assert.Contains("Konto: Contoso Ltd", account["attachments"]![0]!["content"]!.ToString(), StringComparison.Ordinal);
        var (verb, data) = CardPress.Button(account, "Edytuj informacje rozliczeniowe");
        var form = CardPress.Replacement(await PostAsync(client, CardPress.Execute(Activity("message", "en-US"), verb, data)));

        Assert.Contains("Przejrzyj zmiany", form.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Review changes", form.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Polish_conversation_update_returns_the_Polish_welcome_card_naming_the_role()
    {
        await using var app = new BotApplication(DatabasePath);
        var replies = await PostAsync(app.CreateClient(), Activity("conversationUpdate", "pl-PL"));
        var card = Assert.Single(replies)["attachments"]![0]!["content"]!.ToString();
        Assert.Contains("Cześć, Alex Wilber!", card, StringComparison.Ordinal);
        Assert.Contains("Agent sprzedaży", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_live_and_ready_once_the_database_is_migrated()
    {
        await using var app = new BotApplication(DatabasePath);
        var client = app.CreateClient();
        Assert.Equal("ok", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        Assert.Equal("ready", await client.GetStringAsync(new Uri("/readyz", UriKind.Relative)));
    }

    [Fact]
    public async Task A_waterfall_survives_a_restart_of_the_bot_and_resumes_at_the_right_step()
    {
        JToken form;
        await using (var first = new BotApplication(DatabasePath))
        {
            var client = first.CreateClient();
            var account = Assert.Single(await PostAsync(client, Activity("message", "en-US", "update contoso")));
            Assert.Contains("Account: Contoso Ltd", account.ToString(), StringComparison.Ordinal);
            form = CardPress.Replacement(await PostAsync(client, CardPress.Execute(Activity("message", "en-US"), "editBilling")));
            Assert.Contains("Edit billing information: Contoso Ltd", form.ToString(), StringComparison.Ordinal);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // A new process over the same database: the form's submit continues the waterfall at the form step.
        await using var second = new BotApplication(DatabasePath);
        var submit = CardPress.Inputs(form);
        submit["billing.Email"] = "after.restart@contoso.com";
        var client2 = second.CreateClient();
        var confirm = CardPress.Replacement(await PostAsync(client2, CardPress.Execute(Activity("message", "en-US"), "reviewChanges", submit)));
        Assert.Contains("→ after.restart@contoso.com", confirm.ToString(), StringComparison.Ordinal);

        // The confirm card's answer is the outcome that replaces it, said once.
        var (verb, data) = CardPress.Button(confirm, "Confirm");
        var replies = await PostAsync(client2, CardPress.Execute(Activity("message", "en-US"), verb, data));
        Assert.Contains("Billing information updated: Contoso Ltd", CardPress.Replacement(replies).ToString(), StringComparison.Ordinal);
        Assert.Empty(CardPress.Messages(replies));
    }

    [Fact]
    public async Task Activities_from_another_tenant_are_refused_when_a_tenant_is_configured()
    {
        await using var app = new BotApplication(DatabasePath, new Dictionary<string, string?> { ["Teams:AllowedTenantId"] = DemoData.PlaygroundTenantId });
        var replies = await PostAsync(app.CreateClient(), Activity("message", "en-US", "update contoso", tenant: "11111111-1111-1111-1111-111111111111"));
        Assert.Contains("serves only its partner organization", Assert.Single(replies)["text"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"type\":\"message\"}")]
    [InlineData("[]")]
    public async Task A_malformed_activity_gets_a_client_error_not_a_500(string body)
    {
        await using var app = new BotApplication(DatabasePath);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await app.CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"status {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_failing_turn_apologizes_with_a_correlation_id_and_the_conversation_goes_on_where_it_was()
    {
        FlakyDirectory? directory = null;
        await using var app = new BotApplication(DatabasePath, services: s => s.AddSingleton<ICustomerDirectory>(sp =>
            directory = new FlakyDirectory(sp.GetRequiredService<SqliteCustomerDirectory>())));
        var client = app.CreateClient();
        // A typo, so the bot asks "did you mean" and the answer to it is the turn that fails.
        Assert.Contains("Contoso Ltd", Assert.Single(await PostAsync(client, Activity("message", "pl-PL", "aktualizuj contso"))).ToString(), StringComparison.Ordinal);

        directory!.FailuresLeft = 1;
        var apology = (string)Assert.Single(await PostAsync(client, Activity("message", "pl-PL", value: new JObject { ["confirm"] = true })))["text"]!;
        Assert.Matches("Identyfikator: [0-9a-f]{12}", apology);

        var account = Assert.Single(await PostAsync(client, Activity("message", "pl-PL", value: new JObject { ["confirm"] = true })));
        Assert.Contains("Konto: Contoso Ltd", account.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_a_long_message_still_gets_an_answer()
    {
        await using var app = new BotApplication(DatabasePath);
        var client = app.CreateClient();
        var huge = Activity("message", "en-US", new string('x', 300 * 1024));
        using var content = new StringContent(huge.ToString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        // A pasted page of words (within Teams' limits) is answered like any unknown request.
        var page = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor sit amet consectetur", 500));
        var reply = Assert.Single(await PostAsync(client, Activity("message", "en-US", page)));
        Assert.Contains("Sorry, I didn't get that", (string)reply["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_a_sender_is_answered_politely()
    {
        await using var app = new BotApplication(DatabasePath);
        var activity = Activity("message", "en-US", "update contoso");
        activity.Remove("from");
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await app.CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.True((int)response.StatusCode < 500, $"status {(int)response.StatusCode}");
    }

    /// <summary>
    /// A press's value the SDK would not take as an Action.Execute gets the SDK's own 400 answer (the bot skips the SDK's
    /// conversion of the value only when it certainly converts), and every shape the SDK accepts is still a press.
    /// </summary>
    [Theory]
    [InlineData("another action", """{"action":{"type":"Action.Submit","verb":"editBilling"}}""", "NotSupported", "The action 'Action.Submit'is not supported.")]
    [InlineData("lower-case type", """{"action":{"type":"action.execute","verb":"editBilling"}}""", "NotSupported", "The action 'action.execute'is not supported.")]
    [InlineData("number type", """{"action":{"type":5,"verb":"editBilling"}}""", "NotSupported", "The action '5'is not supported.")]
    [InlineData("no type", """{"action":{"verb":"editBilling"}}""", "NotSupported", "The action ''is not supported.")]
    [InlineData("no action", """{"trigger":"manual"}""", "BadRequest", "Missing action property")]
    [InlineData("action a text", """{"action":"editBilling"}""", "BadRequest", "Value property is not properly formed")]
    [InlineData("verb an object", """{"action":{"type":"Action.Execute","verb":{"x":1}}}""", "BadRequest", "Value property is not properly formed")]
    [InlineData("authentication a number", """{"action":{"type":"Action.Execute","verb":"editBilling"},"authentication":5}""", "BadRequest", "Value property is not properly formed")]
    [InlineData("state an object", """{"action":{"type":"Action.Execute","verb":"editBilling"},"state":{"x":1}}""", "BadRequest", "Value property is not properly formed")]
    [InlineData("Action given twice", """{"action":{"type":"Action.Execute","verb":"editBilling"},"Action":{"type":"Action.Submit"}}""", "NotSupported", "The action 'Action.Submit'is not supported.")]
    [InlineData("Type given twice", """{"action":{"type":"Action.Execute","verb":"editBilling","Type":"Action.Submit"}}""", "NotSupported", "The action 'Action.Submit'is not supported.")]
    [InlineData("data with $ref", """{"action":{"type":"Action.Execute","verb":"editBilling","data":{"$ref":"1"}}}""", null, "Edit billing information: Contoso Ltd")]
    [InlineData("data with $type", """{"action":{"type":"Action.Execute","verb":"editBilling","data":{"$type":"System.Object"}}}""", null, "Edit billing information: Contoso Ltd")]
    [InlineData("id a number, state a text", """{"action":{"type":"Action.Execute","verb":"editBilling","id":7,"data":[1]},"state":"123456"}""", null, "Edit billing information: Contoso Ltd")]
    // Taken by the SDK (its names match in any case) but not by the bot's own reading of the press: asked again.
    [InlineData("Action in capitals", """{"Action":{"type":"Action.Execute","verb":"editBilling"}}""", null, "Choose *Edit billing information*")]
    public async Task A_press_value_gets_the_SDK_answer_a_malformed_one_its_400(string shape, string value, string? code, string expected)
    {
        var replies = await PressOnContosoAsync(JObject.Parse(value));
        var answer = (JObject)Assert.Single(replies, a => (string?)a["type"] == "invokeResponse")["value"]!;
        var body = answer.GetValue("body", StringComparison.OrdinalIgnoreCase)!;
        if (code is null)
        {
            // A press: the card that replaces the account card.
            Assert.True(CardPress.Replacement(replies).ToString().Contains(expected, StringComparison.Ordinal), $"{shape}: {body}");
            return;
        }

        Assert.Equal(400, (int?)answer.GetValue("status", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(400, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal(code, (string?)body["value"]!["code"]);
        Assert.Equal(expected, (string?)body["value"]!["message"]);
        Assert.DoesNotContain(replies, a => (string?)a["type"] == "message");
    }

    /// <summary>A press whose value is not an object at all (forged, or a client's bug) gets an answer, never a 500.</summary>
    [Theory]
    [InlineData("a text", "\"editBilling\"")]
    [InlineData("a list", "[1, 2]")]
    [InlineData("null", "null")]
    public async Task A_press_whose_value_is_not_an_object_gets_the_SDK_answer_not_a_500(string shape, string value)
    {
        var replies = await PressOnContosoAsync(JToken.Parse(value));

        var answer = (JObject)Assert.Single(replies, a => (string?)a["type"] == "invokeResponse")["value"]!;
        Assert.True(400 == (int?)answer.GetValue("status", StringComparison.OrdinalIgnoreCase), $"{shape}: {answer}");
        Assert.DoesNotContain(replies, a => (string?)a["type"] == "message");
    }

    /// <summary>Opens Contoso's account card, then posts an adaptiveCard/action invoke with <paramref name="value"/>: the replies.</summary>
    private async Task<JArray> PressOnContosoAsync(JToken value)
    {
        await using var app = new BotApplication(DatabasePath);
        var client = app.CreateClient();
        Assert.Contains("Account: Contoso Ltd", Assert.Single(await PostAsync(client, Activity("message", "en-US", "update contoso"))).ToString(), StringComparison.Ordinal);

        var press = Activity("invoke", "en-US");
        press["name"] = "adaptiveCard/action";
        press["value"] = value;
        return await PostAsync(client, press);
    }
}
