using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Cards;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Validation;
using PartnerBot.Localization;
using PartnerBot.Tests.Cards;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// What a new user found hard to read on the cards (issue 14, item 6): a culture and a language as names with
/// their codes, an address in its country's order, a long customer name cut off on a button, green or yellow text
/// that one of Teams' themes cannot show, and a group chat's welcome telling everyone one person's role.
/// </summary>
public sealed class CardWordingTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("en-US", "Zakłady Mięsne Kraśnik Sp. z o.o.", "Polish (Poland) · pl-PL", "Polish · pl", "ul. Lubelska 48, 23-200 Kraśnik, Poland")]
    [InlineData("pl-PL", "Zakłady Mięsne Kraśnik Sp. z o.o.", "Polski (Polska) · pl-PL", "Polski · pl", "ul. Lubelska 48, 23-200 Kraśnik, Polska")]
    [InlineData("en-US", "Contoso Ltd", "English (United States) · en-US", "English · en", "4567 Main Street, Redmond, WA 98052, United States")]
    [InlineData("pl-PL", "Contoso Ltd", "Angielski (Stany Zjednoczone) · en-US", "Angielski · en", "4567 Main Street, Redmond, WA 98052, Stany Zjednoczone")]
    [InlineData("en-US", "Harrington & Shaw Ltd", "English (United Kingdom) · en-GB", "English · en", "14 Gresham Street, London EC2V 7JE, United Kingdom")]
    [InlineData("pl-PL", "Süßwaren Schröder KG", "Niemiecki (Niemcy) · de-DE", "Niemiecki · de", "Große Elbstraße 145, 22767 Hamburg, Niemcy")]
    [InlineData("en-US", "Boulangerie Lefèvre SARL", "French (France) · fr-FR", "French · fr", "18 rue Oberkampf, 75011 Paris, France")]
    [InlineData("en-US", "Café Serra Azul Ltda.", "Portuguese (Brazil) · pt-BR", "Portuguese · pt", "Avenida Paulista 1000, São Paulo - SP, 01310-100, Brazil")]
    public async Task The_account_card_names_culture_and_language_and_writes_the_address_in_its_countrys_order(
        string locale, string customer, string culture, string language, string address)
    {
        var account = Assert.Single(await new TeamsConversation(_bot.Bot).SayAsync(People.Adele, customer, locale));

        var pl = locale == "pl-PL";
        Assert.Equal(culture, Fact(account, pl ? "Ustawienia regionalne" : "Culture"));
        Assert.Equal(language, Fact(account, pl ? "Język" : "Language"));
        Assert.Equal(address, Fact(account, pl ? "Adres" : "Address"));
    }

    [Theory]
    [InlineData("en-US", "Edit billing information", "Review changes", "Confirm", "Culture", "Polish (Poland) · pl-PL → English (United States) · en-US", "history zaklady miesne krasnik")]
    [InlineData("pl-PL", "Edytuj informacje rozliczeniowe", "Przejrzyj zmiany", "Potwierdź", "Ustawienia regionalne", "Polski (Polska) · pl-PL → Angielski (Stany Zjednoczone) · en-US", "historia zaklady miesne krasnik")]
    public async Task A_culture_change_reads_as_names_on_the_form_the_confirm_card_and_in_the_history(
        string locale, string edit, string review, string confirm, string field, string change, string history)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var account = Assert.Single(await chat.SayAsync(People.Adele, "zaklady miesne krasnik", locale));
        var form = Assert.Single(await chat.PressAsync(People.Adele, account, edit, locale: locale));

        // The form's choice shows the names and sends the code.
        var cultures = CardReader.Inputs(CardReader.Content(form)).Single(i => (string?)i["id"] == "billing.Culture")["choices"]!;
        Assert.Equal(
            [(locale == "pl-PL" ? "Polski (Polska)" : "Polish (Poland)") + " · pl-PL", (locale == "pl-PL" ? "Angielski (Stany Zjednoczone)" : "English (United States)") + " · en-US"],
            cultures.Select(c => (string?)c["title"]));
        Assert.Equal(["pl-PL", "en-US"], cultures.Select(c => (string?)c["value"]));

        var confirmCard = Assert.Single(await chat.PressAsync(People.Adele, form, review, new Dictionary<string, string> { ["billing.Culture"] = "en-US" }, locale));
        Assert.Equal(change, Fact(confirmCard, field));

        var done = Assert.Single(await chat.PressAsync(People.Adele, confirmCard, confirm, locale: locale));
        Assert.Equal(change, Fact(done, field));
        Assert.Equal(change, Fact(Assert.Single(await chat.SayAsync(People.Adele, history, locale)), field));
    }

    [Theory]
    [InlineData("en-US", "update zaklady", "Account: Łódzkie Zakłady Włókiennicze Textilia Sp. z o.o.")]
    [InlineData("pl-PL", "zmień dane zaklady", "Konto: Łódzkie Zakłady Włókiennicze Textilia Sp. z o.o.")]
    public async Task Several_customers_are_offered_whole_names_that_wrap_and_each_opens_its_account(string locale, string words, string title)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var list = Assert.Single(await chat.SayAsync(People.Adele, words, locale));

        // Each customer is a whole wrapped line that is itself the button (a button's title is cut to one line).
        var choices = CardReader.Content(list).Descendants().OfType<JObject>().Where(o => o["selectAction"] is not null).ToList();
        Assert.True(choices.Count >= 2, CardReader.Text(list));
        var textilia = choices.Single(c => ((string?)c["items"]![0]!["text"])!.Contains("Łódzkie Zakłady Włókiennicze Textilia Sp. z o.o. (", StringComparison.Ordinal));
        Assert.True((bool?)textilia["items"]![0]!["wrap"]);
        Assert.DoesNotContain(
            CardReader.Content(list).Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "ActionSet"),
            set => set.ToString().Contains("Textilia", StringComparison.Ordinal));

        var account = Assert.Single(await chat.PressAsync(People.Adele, list, (string)textilia["selectAction"]!["title"]!, locale: locale));
        Assert.Contains(title, CardReader.Text(account), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_suggested_address_is_offered_whole_in_a_wrapping_selectable_container_that_sends_its_number()
    {
        var longest = new Address("Aleja Marszałka Józefa Piłsudskiego 142/144, lokal usługowy nr 7", "Centrum Biurowe Lubelska Brama, II piętro", null, "Kraśnik", null, "23-210", "PL", null);
        var check = new AddressValidation(AddressValidationStatus.StreetPartial, [new Address("ul. Fabryczna 1", null, null, "Kraśnik", null, "23-204", "PL", null), longest]);
        var draft = BillingProfileDraft.From(new BillingProfile("Zakłady", "Jan", "Kowalski", "jan@zaklady.pl", "pl-PL", "pl", new Address("ul. Fabryczna 10", null, null, "Kraśnik", null, "23-210", "PL", null), "etag"));
        var card = JObject.Parse(BillingFormCard.Build(new BillingFormView("Zakłady", draft, [], null, "PL", UiLanguage.English, check)).ToJson());

        var offered = card.Descendants().OfType<JObject>().Where(o => (string?)o["selectAction"]?["verb"] == BillingFormCard.UseSuggestedAddress).ToList();
        Assert.Equal(2, offered.Count);
        var whole = AddressFormat.Lines(longest);
        var suggestion = offered.Single(o => (string?)o["items"]![0]!["text"] == whole);
        Assert.True((bool?)suggestion["items"]![0]!["wrap"]);
        Assert.Equal(1, (int?)suggestion["selectAction"]!["data"]![BillingFormCard.SuggestionKey]);
        Assert.DoesNotContain(
            card.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "ActionSet"),
            set => set.ToString().Contains("Piłsudskiego", StringComparison.Ordinal));
        Assert.Contains(card.Descendants().OfType<JObject>(), a => (string?)a["verb"] == BillingFormCard.KeepAddress);
    }

    [Fact]
    public void No_card_writes_green_or_yellow_text_or_uses_a_green_or_yellow_background()
    {
        var offenders = CardCatalog.All()
            .SelectMany(c => JObject.Parse(c.Card.ToJson()).Descendants().OfType<JProperty>()
                .Where(p => p.Name is "color" or "style" && (string?)p.Value is "good" or "warning")
                .Select(p => $"{c.Name}: {p.Parent}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("en-US", "This customer has no Azure plan bought through you, so purchases cannot be allowed.", "can Tailspin Toys buy reservations?")]
    [InlineData("pl-PL", "Ten klient nie ma planu Azure kupionego za Twoim pośrednictwem, więc nie można mu zezwolić na zakupy.", "czy Tailspin Toys może kupować?")]
    public async Task A_status_line_is_bold_text_on_an_emphasis_background(string locale, string status, string words)
    {
        var state = Assert.Single(await new TeamsConversation(_bot.Bot).SayAsync(People.Megan, words, locale));

        var line = CardReader.Content(state).Descendants().OfType<JObject>().Single(o => (string?)o["text"] == status);
        Assert.Null(line["color"]);
        Assert.Equal("bolder", (string?)line["weight"]);
        Assert.Equal("emphasis", (string?)line.Ancestors().OfType<JObject>().First()["style"]);
    }

    [Theory]
    [InlineData("en-US", "Hi Patti Fernandez!", "I see you as", "You have no Partner Center role", "your own Partner Center role and what it lets you do, I tell you in a personal chat with me.")]
    [InlineData("pl-PL", "Cześć, Patti Fernandez!", "Widzę Cię jako", "Nie masz znanej mi roli", "Twoją rolę w Partner Center i to, na co Ci pozwala, podam Ci w czacie prywatnym ze mną.")]
    public async Task A_group_chats_welcome_does_not_announce_the_persons_role_which_a_personal_chat_does(
        string locale, string greeting, string roleLine, string noRole, string personalChat)
    {
        var group = new TeamsConversation(_bot.Bot, "19:sales-team@thread.v2", "groupChat");
        var shared = CardReader.Text(Assert.Single(await group.SayAsync(People.Patti, locale == "pl-PL" ? "cześć" : "hello", locale)));
        Assert.Contains(greeting, shared, StringComparison.Ordinal);
        Assert.Contains(personalChat, shared, StringComparison.Ordinal);
        Assert.DoesNotContain(roleLine, shared, StringComparison.Ordinal);
        Assert.DoesNotContain(noRole, shared, StringComparison.Ordinal);
        Assert.DoesNotContain(locale == "pl-PL" ? "brak roli" : "no role", shared, StringComparison.Ordinal);

        var personal = CardReader.Text(Assert.Single(await new TeamsConversation(_bot.Bot).SayAsync(People.Patti, locale == "pl-PL" ? "cześć" : "hello", locale)));
        Assert.Contains(roleLine, personal, StringComparison.Ordinal);
        Assert.Contains(noRole, personal, StringComparison.Ordinal);
        Assert.DoesNotContain(personalChat, personal, StringComparison.Ordinal);
    }

    private static string? Fact(IMessageActivity card, string title) =>
        (string?)CardReader.Content(card).Descendants().OfType<JObject>().FirstOrDefault(f => (string?)f["title"] == title && f["value"] is not null)?["value"];
}
