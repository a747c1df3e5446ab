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

    private readonly HttpBot _host = new("partnerbot-shared-views-");

    public void Dispose() => _host.Dispose();

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

        // Megan keeps reading Alex's question, without its buttons, and whose it is.
        Assert.Empty(CardPress.Messages(answer.Replies));
        Assert.Contains("This card belongs to Alex Wilber: only they can use its buttons.", Text(answer.Card), StringComparison.Ordinal);
        Assert.Contains("Did you mean **Contoso Ltd** (contoso.onmicrosoft.com)?", Text(answer.Card), StringComparison.Ordinal);
        Assert.Empty(Buttons(answer.Card));
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

        // A colleague who may view accounts reads a copy without buttons, in her language, saying whose it is.
        var meganView = await RefreshAsync(offer, People.Megan, "en-US");
        Assert.Empty(CardPress.Messages(meganView.Replies));
        Assert.Contains("Account: Contoso Ltd", Text(meganView.Card), StringComparison.Ordinal);
        Assert.Contains("This card belongs to Alex Wilber: only they can use its buttons.", Text(meganView.Card), StringComparison.Ordinal);
        Assert.Empty(Buttons(meganView.Card));

        // Someone without a role reads only whose it is, and no account data.
        var pattiView = await RefreshAsync(offer, People.Patti, "pl-PL");
        Assert.Empty(CardPress.Messages(pattiView.Replies));
        Assert.Contains("Ta karta należy do: Alex Wilber.", Text(pattiView.Card), StringComparison.Ordinal);
        Assert.DoesNotContain("contoso", pattiView.Replies.ToString(), StringComparison.OrdinalIgnoreCase);

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
        await ChangeContosoEmailInPersonalChatAsync(People.Megan, "ap@contoso.example");

        // Alex's client refreshes his account card: the current e-mail, said to have changed, his buttons still there.
        var refreshed = await RefreshAsync(offer, People.Alex, "en-US");
        Assert.Empty(CardPress.Messages(refreshed.Replies));
        Assert.Contains("Changed since you opened it: these are the current values.", Text(refreshed.Card), StringComparison.Ordinal);
        Assert.Contains("ap@contoso.example", Text(refreshed.Card), StringComparison.Ordinal);
        Assert.Contains("Edit billing information", Text(refreshed.Card), StringComparison.Ordinal);
        Assert.DoesNotContain("ap@contoso.example", Text(account.Card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "Edit billing information", "Review changes", "Confirm", "Changed since you opened this form", "Changed since you opened it: these are the current values.", "Billing e-mail", "Someone else changed")]
    [InlineData("pl-PL", "Edytuj informacje rozliczeniowe", "Przejrzyj zmiany", "Potwierdź", "Zmienione od otwarcia tego formularza", "Zmienione od czasu otwarcia: to są aktualne wartości.", "Adres e-mail do rozliczeń", "Ktoś inny zmienił")]
    public async Task The_owners_refresh_of_a_form_and_a_confirm_card_after_a_colleagues_edit_says_so_and_confirms_against_the_current_values(
        string locale, string edit, string review, string confirm, string formNote, string confirmNote, string emailField, string conflict)
    {
        var offer = Assert.Single(await SayAsync(People.Alex, "update contso", locale));
        var account = await PressAsync(offer, locale == "pl-PL" ? "Tak" : "Yes", People.Alex, locale);
        var form = await PressAsync(account.Card, edit, People.Alex, locale);
        var unchanged = await RefreshAsync(offer, People.Alex, locale);
        Assert.DoesNotContain(formNote, Text(unchanged.Card), StringComparison.Ordinal);

        await ChangeContosoEmailInPersonalChatAsync(People.Megan, "ap@contoso.example");

        // The form as Alex left it, saying that the customer changed meanwhile; nothing sent.
        var refreshedForm = await RefreshAsync(offer, People.Alex, locale);
        Assert.Empty(CardPress.Messages(refreshedForm.Replies));
        Assert.Contains(formNote, Text(refreshedForm.Card), StringComparison.Ordinal);
        Assert.Equal(CardPress.Inputs(form.Card), CardPress.Inputs(refreshedForm.Card));

        // Alex changes the e-mail too. His confirm card, refreshed, compares his value with Megan's, not the old one.
        var (reviewVerb, reviewData) = CardPress.Button(refreshedForm.Card, review);
        var inputs = CardPress.Inputs(refreshedForm.Card);
        var before = (string)inputs["billing.Email"]!;
        inputs["billing.Email"] = "alex@contoso.example";
        reviewData.Merge(inputs);
        var confirmCard = CardPress.Replacement(await PostAsync(CardPress.Execute(Activity(People.Alex, locale), reviewVerb, reviewData)));
        Assert.Contains($"{before} → alex@contoso.example", Text(confirmCard), StringComparison.Ordinal);

        var refreshed = await RefreshAsync(offer, People.Alex, locale);
        Assert.Empty(CardPress.Messages(refreshed.Replies));
        Assert.Contains(confirmNote, Text(refreshed.Card), StringComparison.Ordinal);
        Assert.Equal("ap@contoso.example → alex@contoso.example", Fact(refreshed.Card, emailField));
        Assert.DoesNotContain(before, Text(refreshed.Card), StringComparison.Ordinal);

        // Its Confirm still answers Alex's conversation, which meets Megan's change at submit and shows both.
        var submitted = await PressAsync(refreshed.Card, confirm, People.Alex, locale);
        Assert.Contains(conflict, Text(submitted.Card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "can Contoso buy reservations?", "Allow purchases", "Turn off purchases", "Changed since you opened it: these are the current values.", "Purchase permission: Contoso Ltd")]
    [InlineData("pl-PL", "czy Contoso może kupować?", "Zezwól na zakupy", "Wyłącz zakupy", "Zmienione od czasu otwarcia: to są aktualne wartości.", "Uprawnienia do zakupu: Contoso Ltd")]
    public async Task The_owners_refresh_of_a_purchase_card_after_a_colleague_switched_it_shows_the_current_state(
        string locale, string question, string allow, string turnOff, string note, string title)
    {
        var state = Assert.Single(await SayAsync(People.Megan, question, locale));
        Assert.Contains(allow, Buttons(state));

        // Adele allows Contoso's purchases in her own chat with the bot.
        var personal = Personal("a:adele-personal");
        var adeleAsk = Activity(People.Adele, "en-US");
        adeleAsk["text"] = "allow Contoso to buy its own products";
        var adeleConfirm = CardPress.Messages(await PostAsync(personal(adeleAsk))).Single();
        var (yes, yesData) = CardPress.Button(adeleConfirm, "Allow purchases");
        Assert.Contains("allowed", Text(CardPress.Replacement(await PostAsync(personal(CardPress.Execute(Activity(People.Adele, "en-US"), yes, yesData))))), StringComparison.OrdinalIgnoreCase);

        var refreshed = await RefreshAsync(state, People.Megan, locale);
        Assert.Empty(CardPress.Messages(refreshed.Replies));
        Assert.Contains(note, Text(refreshed.Card), StringComparison.Ordinal);
        Assert.Contains(title, Text(refreshed.Card), StringComparison.Ordinal);
        Assert.Equal([turnOff, locale == "pl-PL" ? "Gotowe" : "Done"], Buttons(refreshed.Card));
        Assert.Equal([allow, locale == "pl-PL" ? "Gotowe" : "Done"], Buttons(state));

        // A colleague's refresh of Megan's card: the current state, without buttons, saying whose it is.
        var alexView = await RefreshAsync(state, People.Alex, "en-US");
        Assert.Contains("Purchase permission: Contoso Ltd", Text(alexView.Card), StringComparison.Ordinal);
        Assert.Contains("This card belongs to Megan Bowen", Text(alexView.Card), StringComparison.Ordinal);
        Assert.Empty(Buttons(alexView.Card));
    }

    /// <summary>Changes Contoso's billing e-mail to <paramref name="email"/> in <paramref name="who"/>'s personal chat with the bot.</summary>
    private async Task ChangeContosoEmailInPersonalChatAsync(ChannelAccount who, string email)
    {
        var personal = Personal("a:" + who.AadObjectId + "-personal");
        var message = Activity(who, "en-US");
        message["text"] = "update contso";
        var offer = CardPress.Messages(await PostAsync(personal(message))).Single();
        var (yes, yesData) = CardPress.Button(offer, "Yes");
        var account = CardPress.Replacement(await PostAsync(personal(CardPress.Execute(Activity(who, "en-US"), yes, yesData))));
        var (edit, editData) = CardPress.Button(account, "Edit billing information");
        var form = CardPress.Replacement(await PostAsync(personal(CardPress.Execute(Activity(who, "en-US"), edit, editData))));
        var (review, reviewData) = CardPress.Button(form, "Review changes");
        var inputs = CardPress.Inputs(form);
        inputs["billing.Email"] = email;
        reviewData.Merge(inputs);
        var confirm = CardPress.Replacement(await PostAsync(personal(CardPress.Execute(Activity(who, "en-US"), review, reviewData))));
        var (yesConfirm, confirmData) = CardPress.Button(confirm, "Confirm");
        var done = CardPress.Replacement(await PostAsync(personal(CardPress.Execute(Activity(who, "en-US"), yesConfirm, confirmData))));
        Assert.Contains("Billing information updated", Text(done), StringComparison.Ordinal);
    }

    /// <summary>Moves an activity into a personal chat of its own.</summary>
    private static Func<JObject, JObject> Personal(string conversationId) => activity =>
    {
        activity["conversation"] = new JObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId };
        return activity;
    };

    private static List<string?> Buttons(JToken message) =>
        [.. ((JObject)message["attachments"]![0]!["content"]!).Descendants().OfType<JObject>()
            .Where(o => (string?)o["type"] == "Action.Execute" && o.Parent is not JProperty { Name: "action" })
            .Select(o => (string?)o["title"])];

    private static string? Fact(JToken message, string title) =>
        (string?)((JObject)message["attachments"]![0]!["content"]!).Descendants().OfType<JObject>()
            .FirstOrDefault(f => (string?)f["title"] == title && f["value"] is not null)?["value"];

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
        using var response = await _host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return (JArray)JObject.Parse(text)["activities"]!;
    }
}
