using System.Net;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Data.Seed;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Http;

/// <summary>
/// Per-person views in a group chat with two people, over HTTP as Teams sends them: each card of Alex's conversation
/// is refreshed for Alex alone and names him in its buttons; Megan's press or refresh of it is answered on that card
/// and never moves a conversation; Alex's press of a card his conversation no longer waits for is out of date; a
/// refresh returns a card and sends nothing.
/// </summary>
public sealed class SharedCardViewTests : IDisposable
{
    private const string GroupChat = "19:alex-and-megan@thread.v2";

    private readonly DirectoryInfo _folder;
    private readonly BotApplication _app;
    private readonly HttpClient _client;

    public SharedCardViewTests()
    {
        _folder = Directory.CreateTempSubdirectory("partnerbot-shared-views-");
        _app = new BotApplication(Path.Combine(_folder.FullName, "partnerbot.db"));
        _client = _app.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_card_of_Alexs_conversation_is_refreshed_for_Alex_alone_and_names_him_in_its_buttons()
    {
        var offer = Assert.Single(await SayAsync(People.Alex, "update contso"));
        var card = (JObject)offer["attachments"]![0]!["content"]!;

        Assert.Equal("refresh", (string?)card["refresh"]!["action"]!["verb"]);
        Assert.Equal([People.Alex.Id], card["refresh"]!["userIds"]!.Select(u => (string?)u));
        var buttons = card["actions"]!.OfType<JObject>().ToList();
        Assert.NotEmpty(buttons);
        Assert.All(buttons, b => Assert.Equal(People.Alex.Id, (string?)b["data"]!["owner"]));
    }

    [Fact]
    public async Task A_colleagues_press_is_answered_on_the_card_and_moves_neither_conversation()
    {
        var alexOffer = Assert.Single(await SayAsync(People.Alex, "update contso"));
        var meganOffer = Assert.Single(await SayAsync(People.Megan, "update fabrikm"));

        var answer = await PressAsync(alexOffer, "Yes", People.Megan);

        Assert.Empty(CardPress.Messages(answer.Replies));
        Assert.Contains("This card belongs to Alex Wilber: only they can use its buttons.", Text(answer.Card), StringComparison.Ordinal);
        Assert.DoesNotContain("Account:", Text(answer.Card), StringComparison.Ordinal);

        // Megan's own conversation still waits for her Fabrikam answer, Alex's for his Contoso one.
        Assert.Contains("Account: Fabrikam", Text((await PressAsync(meganOffer, "Yes", People.Megan)).Card), StringComparison.Ordinal);
        Assert.Contains("Account: Contoso Ltd", Text((await PressAsync(alexOffer, "Yes", People.Alex)).Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_returns_the_owners_current_view_or_whose_it_is_and_sends_nothing()
    {
        var offer = Assert.Single(await SayAsync(People.Alex, "update contso", "pl-PL"));
        var account = await PressAsync(offer, "Tak", People.Alex, "pl-PL");
        Assert.Contains("Konto: Contoso Ltd", Text(account.Card), StringComparison.Ordinal);

        // Alex's client refreshes the message that held the offer: it now shows his account card, buttons and all.
        var alexView = await RefreshAsync(offer, People.Alex, "pl-PL");
        Assert.Empty(CardPress.Messages(alexView.Replies));
        Assert.Contains("Konto: Contoso Ltd", Text(alexView.Card), StringComparison.Ordinal);
        Assert.Contains("Edytuj informacje rozliczeniowe", Text(alexView.Card), StringComparison.Ordinal);

        // Anyone else who refreshes it reads whose it is, in their language, and no account data.
        var meganView = await RefreshAsync(offer, People.Megan, "pl-PL");
        Assert.Empty(CardPress.Messages(meganView.Replies));
        Assert.Contains("Ta karta należy do: Alex Wilber.", Text(meganView.Card), StringComparison.Ordinal);
        Assert.DoesNotContain("contoso", meganView.Replies.ToString(), StringComparison.OrdinalIgnoreCase);

        // The refreshes changed nothing: Alex goes on from his account card.
        Assert.Contains("Edytuj informacje rozliczeniowe: Contoso Ltd", Text((await PressAsync(account.Card, "Edytuj informacje rozliczeniowe", People.Alex, "pl-PL")).Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_press_of_an_older_card_is_out_of_date_and_leaves_the_conversation_where_it_is()
    {
        var contoso = Assert.Single(await SayAsync(People.Alex, "update contso"));
        var account = await PressAsync(contoso, "Yes", People.Alex);
        var fabrikam = Assert.Single(await SayAsync(People.Alex, "update fabrikm"));

        var old = await PressAsync(account.Card, "Edit billing information", People.Alex);

        Assert.Empty(CardPress.Messages(old.Replies));
        Assert.Contains("That card is out of date. Please use the latest one.", Text(old.Card), StringComparison.Ordinal);
        Assert.Empty(old.Card["attachments"]![0]!["content"]!["actions"] ?? new JArray());
        Assert.Contains("Account: Fabrikam", Text((await PressAsync(fabrikam, "Yes", People.Alex)).Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owners_refresh_after_a_colleagues_edit_shows_the_current_values_and_says_they_changed()
    {
        var offer = Assert.Single(await SayAsync(People.Alex, "update contso"));
        var account = await PressAsync(offer, "Yes", People.Alex);
        var unchanged = await RefreshAsync(offer, People.Alex, "en-US");
        Assert.DoesNotContain("Changed since you opened it", Text(unchanged.Card), StringComparison.Ordinal);

        // Megan changes Contoso's billing e-mail in her own chat with the bot.
        var personal = new JObject { ["id"] = "a:megan-personal", ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId };
        JObject Personal(JObject activity)
        {
            activity["conversation"] = personal.DeepClone();
            return activity;
        }

        var meganMessage = Activity(People.Megan, "en-US");
        meganMessage["text"] = "update contso";
        var meganOffer = CardPress.Messages(await PostAsync(Personal(meganMessage))).Single();
        var (yes, yesData) = CardPress.Button(meganOffer, "Yes");
        var meganAccount = CardPress.Replacement(await PostAsync(Personal(CardPress.Execute(Activity(People.Megan, "en-US"), yes, yesData))));
        var (edit, editData) = CardPress.Button(meganAccount, "Edit billing information");
        var form = CardPress.Replacement(await PostAsync(Personal(CardPress.Execute(Activity(People.Megan, "en-US"), edit, editData))));
        var (review, reviewData) = CardPress.Button(form, "Review changes");
        var inputs = CardPress.Inputs(form);
        inputs["billing.Email"] = "ap@contoso.example";
        reviewData.Merge(inputs);
        var confirm = CardPress.Replacement(await PostAsync(Personal(CardPress.Execute(Activity(People.Megan, "en-US"), review, reviewData))));
        var (yesConfirm, confirmData) = CardPress.Button(confirm, "Confirm");
        var done = CardPress.Replacement(await PostAsync(Personal(CardPress.Execute(Activity(People.Megan, "en-US"), yesConfirm, confirmData))));
        Assert.Contains("Billing information updated", Text(done), StringComparison.Ordinal);

        // Alex's client refreshes his account card: the current e-mail, said to have changed, his buttons still there.
        var refreshed = await RefreshAsync(offer, People.Alex, "en-US");
        Assert.Empty(CardPress.Messages(refreshed.Replies));
        Assert.Contains("Changed since you opened it: these are the current values.", Text(refreshed.Card), StringComparison.Ordinal);
        Assert.Contains("ap@contoso.example", Text(refreshed.Card), StringComparison.Ordinal);
        Assert.Contains("Edit billing information", Text(refreshed.Card), StringComparison.Ordinal);
        Assert.DoesNotContain("ap@contoso.example", Text(account.Card), StringComparison.Ordinal);
    }

    private static string Text(JToken message) =>
        string.Join("\n", ((JObject)message["attachments"]![0]!["content"]!).Descendants().OfType<JProperty>()
            .Where(p => p.Name is "text" or "title" or "value" && p.Value.Type == JTokenType.String)
            .Select(p => (string)p.Value!));

    private async Task<(JObject Card, JArray Replies)> PressAsync(JToken card, string button, ChannelAccount who, string locale = "en-US")
    {
        var (verb, data) = CardPress.Button(card, button);
        var replies = await PostAsync(CardPress.Execute(Activity(who, locale), verb, data));
        return (CardPress.Replacement(replies), replies);
    }

    /// <summary>What the Teams client of <paramref name="who"/> sends for the card's refresh (trigger "automatic").</summary>
    private async Task<(JObject Card, JArray Replies)> RefreshAsync(JToken message, ChannelAccount who, string locale)
    {
        var refresh = (JObject)message["attachments"]![0]!["content"]!["refresh"]!["action"]!;
        var activity = CardPress.Execute(Activity(who, locale), (string)refresh["verb"]!, (JObject)refresh["data"]!.DeepClone());
        activity["value"]!["trigger"] = "automatic";
        var replies = await PostAsync(activity);
        return (CardPress.Replacement(replies), replies);
    }

    private async Task<JArray> SayAsync(ChannelAccount who, string text, string locale = "en-US")
    {
        var message = Activity(who, locale);
        message["text"] = "<at>PartnerBot</at> " + text;
        message["entities"] = new JArray(new JObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JObject { ["id"] = TeamsActivities.BotId, ["name"] = "PartnerBot" },
            ["text"] = "<at>PartnerBot</at>",
        });
        return new JArray(CardPress.Messages(await PostAsync(message)));
    }

    private static JObject Activity(ChannelAccount who, string locale) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
        ["deliveryMode"] = "expectReplies",
        ["locale"] = locale,
        ["from"] = new JObject { ["id"] = who.Id, ["name"] = who.Name, ["aadObjectId"] = who.AadObjectId },
        ["recipient"] = new JObject { ["id"] = TeamsActivities.BotId, ["name"] = "PartnerBot" },
        ["conversation"] = new JObject { ["id"] = GroupChat, ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = DemoData.PlaygroundTenantId },
        ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = DemoData.PlaygroundTenantId } },
    };

    private async Task<JArray> PostAsync(JObject activity)
    {
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return (JArray)JObject.Parse(text)["activities"]!;
    }
}
