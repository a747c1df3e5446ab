using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using PartnerBot.Data.Seed;
using PartnerBot.Tests.Http;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.MessageExtension;

/// <summary>
/// The account summary card the compose box inserts into a channel, pressed over HTTP as Teams sends it: an
/// adaptiveCard/action invoke from whoever presses, answered with the card that replaces it for that person.
/// Each press starts the presser's own conversation on that customer, with the presser's role checked then.
/// </summary>
public sealed class CustomerSummaryCardPressTests : IDisposable
{
    private const string Channel = "19:sales-team@thread.tacv2";

    private readonly HttpBot _host = new("partnerbot-summary-press-");

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_inserted_card_offers_the_three_buttons_in_the_inserters_language()
    {
        var english = await InsertAsync("contoso ltd", People.Alex, "en-US");
        var polish = await InsertAsync("contoso ltd", People.Alex, "pl-PL");

        Assert.Equal(["Open account", "Edit billing information", "Change purchase permission"], Titles(english));
        Assert.Equal(["Otwórz konto", "Edytuj informacje rozliczeniowe", "Zmień uprawnienia do zakupu"], Titles(polish));
        // Identifiers only: the customer's id, nothing the bot would have to trust.
        Assert.All(Actions(english), a => Assert.Equal(["customerId"], ((JObject)a["data"]!).Properties().Select(p => p.Name)));
    }

    [Fact]
    public async Task A_press_by_another_person_starts_their_own_conversation_on_that_customer()
    {
        var summary = await InsertAsync("contoso ltd", People.Alex, "en-US");

        // Megan (Admin agent) opens it: her own account card for Contoso replaces the summary for her.
        var account = await PressAsync(summary, "Open account", People.Megan);
        Assert.Contains("Account: Contoso Ltd", Text(account), StringComparison.Ordinal);
        Assert.Contains("Edit billing information", Text(account), StringComparison.Ordinal);

        // Alex, who shared it, is in the middle of something else in the same channel; Megan's conversation goes on.
        var alexOwn = await SayAsync(People.Alex, "update fabrikam");
        Assert.Contains("Fabrikam", alexOwn.ToString(), StringComparison.Ordinal);

        var form = await PressAsync(account, "Edit billing information", People.Megan);
        Assert.Contains("Edit billing information: Contoso Ltd", Text(form), StringComparison.Ordinal);

        // Alex's press of the same summary card starts his conversation on Contoso, not an answer to his Fabrikam one.
        var alexForm = await PressAsync(summary, "Edit billing information", People.Alex);
        Assert.Contains("Edit billing information: Contoso Ltd", Text(alexForm), StringComparison.Ordinal);
        Assert.DoesNotContain("Fabrikam", Text(alexForm), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_purchase_permission_shows_the_state_to_the_presser_in_their_language()
    {
        var summary = await InsertAsync("contoso ltd", People.Alex, "en-US");

        var state = await PressAsync(summary, "Change purchase permission", People.Megan, "pl-PL");

        Assert.Contains("Uprawnienia do zakupu: Contoso Ltd", Text(state), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Open account", "en-US", "You can't see customers' accounts: you have no Partner Center role.")]
    [InlineData("Edit billing information", "pl-PL", "Nie możesz przeglądać kont klientów: nie masz żadnej roli w Partner Center.")]
    [InlineData("Change purchase permission", "en-US", "You can't see customers' accounts: you have no Partner Center role.")]
    public async Task A_person_without_a_role_gets_the_refusal_on_the_card_and_no_data(string button, string locale, string refusal)
    {
        var summary = await InsertAsync("contoso ltd", People.Alex, "en-US");

        var replies = await PostAsync(Press(summary, button, People.Patti, locale));
        var answer = CardPress.Replacement(replies);

        Assert.StartsWith(refusal, Text(answer), StringComparison.Ordinal);
        Assert.DoesNotContain("contoso", replies.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_helpdesk_agent_may_open_the_account_but_hears_at_once_that_billing_is_not_theirs_to_change()
    {
        var summary = await InsertAsync("contoso ltd", People.Alex, "en-US");

        Assert.Contains("Account: Contoso Ltd", Text(await PressAsync(summary, "Open account", People.Isaiah)), StringComparison.Ordinal);

        var refusal = Text(await PressAsync(summary, "Edit billing information", People.Isaiah));
        Assert.StartsWith("You can't change billing information: your role is Helpdesk agent.", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_press_is_answered_on_the_card_never_with_an_error()
    {
        var summary = await InsertAsync("contoso ltd", People.Alex, "en-US");
        var (verb, _) = CardPress.Button(summary, "Open account");

        foreach (var data in new[] { new JObject(), new JObject { ["customerId"] = "not-a-customer" }, new JObject { ["customerId"] = new JObject { ["$ne"] = 1 } }, new JObject { ["customerId"] = new string('x', 5000) } })
        {
            var answer = Text(CardPress.Replacement(await PostAsync(CardPress.Execute(Activity(People.Megan, "en-US"), verb, data))));
            Assert.False(string.IsNullOrWhiteSpace(answer));
            Assert.DoesNotContain("Contoso", answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_account_opened_from_the_card_or_by_name_becomes_the_persons_first_compose_box_view()
    {
        var summary = await InsertAsync("contoso ltd", People.Alex, "en-US");
        Assert.Equal("message", (string?)(await InitialRunAsync(People.Megan))["type"]);

        await PressAsync(summary, "Open account", People.Megan);
        Assert.Contains("Account: Fabrikam", Text(Assert.Single(await SayAsync(People.Megan, "update fabrikam"))), StringComparison.Ordinal);

        var first = (await InitialRunAsync(People.Megan))["attachments"]!.Select(a => (string?)a["preview"]!["content"]!["title"]).ToList();
        Assert.Equal(2, first.Count);
        Assert.StartsWith("Fabrikam", first[0], StringComparison.Ordinal);
        Assert.Equal("Contoso Ltd", first[1]);
    }

    private static string[] Titles(JObject card) => [.. Actions(card).Select(a => (string)a["title"]!)];

    private static IEnumerable<JObject> Actions(JObject card) =>
        ((JArray)card["attachments"]![0]!["content"]!["actions"]!).OfType<JObject>();

    private static string Text(JToken message) =>
        string.Join("\n", ((JObject)message["attachments"]![0]!["content"]!).Descendants().OfType<JProperty>()
            .Where(p => p.Name is "text" or "title" or "value" && p.Value.Type == JTokenType.String)
            .Select(p => (string)p.Value!));

    /// <summary>The summary card Alex's pick inserts, shaped like the channel message that carries it.</summary>
    private async Task<JObject> InsertAsync(string search, Microsoft.Bot.Schema.ChannelAccount who, string locale)
    {
        var query = await InvokeAsync("composeExtension/query", new JObject
        {
            ["commandId"] = "findCustomer",
            ["parameters"] = new JArray(new JObject { ["name"] = "query", ["value"] = search }),
        }, who, locale);
        var tap = query["composeExtension"]!["attachments"]![0]!["preview"]!["content"]!["tap"]!["value"]!;
        var picked = await InvokeAsync("composeExtension/selectItem", (JObject)tap, who, locale);
        var attachment = (JObject)picked["composeExtension"]!["attachments"]![0]!;
        return new JObject
        {
            ["type"] = "message",
            ["attachments"] = new JArray(new JObject { ["contentType"] = attachment["contentType"], ["content"] = attachment["content"] }),
        };
    }

    private async Task<JObject> InitialRunAsync(Microsoft.Bot.Schema.ChannelAccount who) =>
        (JObject)(await InvokeAsync("composeExtension/query", new JObject
        {
            ["commandId"] = "findCustomer",
            ["parameters"] = new JArray(new JObject { ["name"] = "initialRun", ["value"] = "true" }),
        }, who, "en-US"))["composeExtension"]!;

    private async Task<JObject> PressAsync(JObject card, string button, Microsoft.Bot.Schema.ChannelAccount who, string locale = "en-US") =>
        CardPress.Replacement(await PostAsync(Press(card, button, who, locale)));

    private static JObject Press(JObject card, string button, Microsoft.Bot.Schema.ChannelAccount who, string locale)
    {
        var (verb, data) = CardPress.Button(card, button);
        data.Merge(CardPress.Inputs(card));
        return CardPress.Execute(Activity(who, locale), verb, data);
    }

    private async Task<JArray> SayAsync(Microsoft.Bot.Schema.ChannelAccount who, string text)
    {
        var message = Activity(who, "en-US");
        message["text"] = "<at>PartnerBot</at> " + text;
        message["entities"] = new JArray(new JObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JObject { ["id"] = TeamsActivities.BotId, ["name"] = "PartnerBot" },
            ["text"] = "<at>PartnerBot</at>",
        });
        return await PostAsync(message);
    }

    private static JObject Activity(Microsoft.Bot.Schema.ChannelAccount who, string locale) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
        ["deliveryMode"] = "expectReplies",
        ["locale"] = locale,
        ["from"] = new JObject { ["id"] = who.Id, ["name"] = who.Name, ["aadObjectId"] = who.AadObjectId },
        ["recipient"] = new JObject { ["id"] = TeamsActivities.BotId, ["name"] = "PartnerBot" },
        ["conversation"] = new JObject { ["id"] = Channel, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = DemoData.PlaygroundTenantId },
        ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = DemoData.PlaygroundTenantId } },
    };

    private async Task<JArray> PostAsync(JObject activity)
    {
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return (JArray)JObject.Parse(text)["activities"]!;
    }

    private async Task<JObject> InvokeAsync(string name, JObject value, Microsoft.Bot.Schema.ChannelAccount who, string locale)
    {
        var activity = Activity(who, locale);
        activity["type"] = "invoke";
        activity["name"] = name;
        activity["value"] = value;
        activity.Remove("deliveryMode");
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JObject.Parse(text);
    }
}
