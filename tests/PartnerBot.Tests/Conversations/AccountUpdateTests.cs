using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Staff;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>The main waterfall, as a sales agent meets it in Teams: choose, review, edit, confirm, submit.</summary>
public class AccountUpdateTests : IAsyncLifetime
{
    private const string Email = "billing.Email";
    private const string Phone = "billing.PhoneNumber";
    private const string PostalCode = "billing.PostalCode";
    private const string Line1 = "billing.AddressLine1";
    private const string Line2 = "billing.AddressLine2";
    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");

    private BotHarness _bot = null!;

    /// <summary>The bot on the demo database; the derived class runs every conversation again on the Partner Center connector.</summary>
    private protected virtual Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartAsync(configure);

    public async Task InitializeAsync() => _bot = await StartBotAsync(null);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static readonly Dictionary<string, Dictionary<string, string>> Words = new()
    {
        ["en-US"] = new()
        {
            ["ask"] = "update zaklady miesne krasnik",
            ["edit"] = "Edit billing information",
            ["review"] = "Review changes",
            ["confirm"] = "Confirm",
            ["editAgain"] = "Edit again",
            ["cancel"] = "Cancel",
            ["account"] = "Account: Zakłady Mięsne Kraśnik Sp. z o.o.",
            ["confirmTitle"] = "Confirm changes",
            ["done"] = "Billing information updated",
            ["submittedBy"] = "Submitted by Alex Wilber",
            ["email"] = "Billing e-mail",
        },
        ["pl-PL"] = new()
        {
            ["ask"] = "zmień dane Zakłady Mięsne Kraśnik",
            ["edit"] = "Edytuj informacje rozliczeniowe",
            ["review"] = "Przejrzyj zmiany",
            ["confirm"] = "Potwierdź",
            ["editAgain"] = "Edytuj ponownie",
            ["cancel"] = "Anuluj",
            ["account"] = "Konto: Zakłady Mięsne Kraśnik Sp. z o.o.",
            ["confirmTitle"] = "Potwierdź zmiany",
            ["done"] = "Zaktualizowano informacje rozliczeniowe",
            ["submittedBy"] = "Przesłał(a) Alex Wilber",
            ["email"] = "Adres e-mail do rozliczeń",
        },
    };

    /// <summary>"update Zakłady…" (its exact name: no "did you mean") → the account card → Edit: returns the pre-filled form.</summary>
    private static async Task<IMessageActivity> OpenFormAsync(TeamsConversation chat, ChannelAccount user, string locale = "en-US")
    {
        var w = Words[locale];
        var account = Assert.Single(await chat.SayAsync(user, w["ask"], locale));
        Assert.Contains(w["account"], CardReader.Text(account), StringComparison.Ordinal);
        Assert.Contains("zmkrasnik.onmicrosoft.com", CardReader.Text(account), StringComparison.Ordinal);
        return Assert.Single(await chat.PressAsync(user, account, w["edit"], locale: locale));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_sales_agent_changes_e_mail_and_phone_and_the_change_is_saved_recorded_and_the_card_locked(string locale)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex, locale);
        var before = (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing;
        Assert.Equal(before.Email, CardReader.InputValue(form, Email));

        var confirm = Assert.Single(await chat.PressAsync(
            People.Alex, form, w["review"], new Dictionary<string, string> { [Email] = "ksiegowosc@zmkrasnik.pl", [Phone] = "+48 81 111 22 33" }, locale));
        var diff = CardReader.Text(confirm);
        Assert.Contains(w["confirmTitle"], diff, StringComparison.Ordinal);
        Assert.Contains($"{before.Email} → ksiegowosc@zmkrasnik.pl", diff, StringComparison.Ordinal);
        Assert.Contains(w["email"], diff, StringComparison.Ordinal);
        Assert.DoesNotContain("Kraśnik →", diff, StringComparison.Ordinal);

        // Said once, on the confirm card itself, which keeps no buttons.
        var locked = Assert.Single(await chat.PressAsync(People.Alex, confirm, w["confirm"], locale: locale));
        Assert.Contains(w["done"], CardReader.Text(locked), StringComparison.Ordinal);
        Assert.Equal(confirm.Id, locked.Id);
        Assert.Contains(w["submittedBy"], CardReader.Text(locked), StringComparison.Ordinal);
        Assert.Empty(CardReader.Actions(CardReader.Content(locked)));

        var after = (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing;
        Assert.Equal("ksiegowosc@zmkrasnik.pl", after.Email);
        Assert.Equal("+48 81 111 22 33", after.DefaultAddress.PhoneNumber);
        Assert.NotEqual(before.Etag, after.Etag);
        var entry = Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None));
        Assert.Equal(AuditOutcome.Applied, entry.Outcome);
        Assert.Equal(DemoData.AlexWilberId, entry.ActorAadObjectId);
        Assert.Equal(["Email", "PhoneNumber"], entry.Changes.Select(c => c.Field));
    }

    [Theory]
    [InlineData("en-US", PostalCode, "23200", "not a valid postal code for Poland")]
    [InlineData("pl-PL", PostalCode, "23200", "To nie jest poprawny kod pocztowy dla kraju: Polska")]
    [InlineData("en-US", Phone, "", "This field is required.")]
    [InlineData("pl-PL", Phone, "", "To pole jest wymagane.")]
    [InlineData("en-US", Email, "faktury(at)zmkrasnik.pl", "Enter an e-mail address")]
    [InlineData("pl-PL", Email, "faktury(at)zmkrasnik.pl", "Wpisz adres e-mail")]
    [InlineData("en-US", Line1, "LONG", "At most 200 characters.")]
    [InlineData("pl-PL", Line1, "LONG", "Najwyżej 200 znaków.")]
    public async Task An_invalid_field_comes_back_in_the_same_form_next_to_the_field_with_the_input_kept(
        string locale, string field, string typed, string message)
    {
        var w = Words[locale];
        if (typed == "LONG")
        {
            typed = new string('x', 201);
        }

        // A valid edit of another field travels with the invalid one and must be kept too.
        var (other, otherTyped) = field == Email ? (Phone, "+48 81 111 22 33") : (Email, "nowy@zmkrasnik.pl");
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex, locale);
        var before = (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing;

        var again = Assert.Single(await chat.PressAsync(
            People.Alex, form, w["review"], new Dictionary<string, string> { [field] = typed, [other] = otherTyped }, locale));

        Assert.Equal(typed, CardReader.InputValue(again, field));
        Assert.Equal(otherTyped, CardReader.InputValue(again, other));
        Assert.Contains(message, CardReader.TextAfterInput(again, field) ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(before, (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing);

        // Corrected, the same form goes on to the confirm card.
        var fixedValue = field switch { PostalCode => "23-210", Phone => "+48 81 111 22 33", Email => "poprawny@zmkrasnik.pl", _ => "ul. Lubelska 50" };
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, again, w["review"], new Dictionary<string, string> { [field] = fixedValue }, locale));
        Assert.Contains(w["confirmTitle"], CardReader.Text(confirm), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_choice_of_a_customer_that_was_not_offered_is_refused()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var choose = Assert.Single(await chat.SayAsync(People.Alex, "update toys"));
        Assert.Contains("Which one?", CardReader.Text(choose), StringComparison.Ordinal);
        var contoso = DemoData.CustomerIdFor("contoso.onmicrosoft.com");
        Assert.DoesNotContain(contoso, CardReader.Content(choose).ToString(), StringComparison.Ordinal);

        var forged = Assert.Single(await chat.SendAsync(TeamsActivities.Submit(People.Alex, new { choice = contoso })));
        Assert.Contains("Please pick one of the customers on the card", forged.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Account: Contoso", CardReader.Text(forged), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_form_submit_cannot_change_the_country_or_read_only_details()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex);

        // The form's submit with fields a forger might add: the country, the tenant's domain and id.
        var values = CardReader.Inputs(CardReader.Content(form)).ToDictionary(i => (string)i["id"]!, i => (string?)i["value"] ?? string.Empty);
        values["action"] = "reviewChanges";
        values[Email] = "nowy@zmkrasnik.pl";
        values["billing.Country"] = "US";
        values["billing.Domain"] = "evil.onmicrosoft.com";
        values["billing.TenantId"] = Guid.Empty.ToString();
        var confirm = Assert.Single(await chat.SendAsync(TeamsActivities.Submit(People.Alex, values, replyToId: form.Id)));
        var diff = CardReader.Text(confirm);
        Assert.Contains("→ nowy@zmkrasnik.pl", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("US", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", diff, StringComparison.Ordinal);

        Assert.Contains("Billing information updated", CardReader.Text(Assert.Single(await chat.PressAsync(People.Alex, confirm, "Confirm"))), StringComparison.Ordinal);
        var account = (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!;
        Assert.Equal("nowy@zmkrasnik.pl", account.Billing.Email);
        Assert.Equal("PL", account.Billing.DefaultAddress.Country);
        Assert.Equal("zmkrasnik.onmicrosoft.com", account.Company.Domain);
        Assert.Equal(Krasnik, account.Company.TenantId);
    }

    [Theory]
    [InlineData("en-US", "Nothing is changed yet")]
    [InlineData("pl-PL", "Nic jeszcze nie zmieniono")]
    public async Task Reviewing_an_unchanged_form_keeps_it_open_with_a_note_and_the_conversation_goes_on(string locale, string note)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex, locale);

        var again = Assert.Single(await chat.PressAsync(People.Alex, form, w["review"], locale: locale));

        Assert.Contains(note, CardReader.Text(again), StringComparison.Ordinal);
        Assert.Equal(CardReader.InputValue(form, Email), CardReader.InputValue(again, Email));
        Assert.Empty(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None));

        var confirm = Assert.Single(await chat.PressAsync(People.Alex, again, w["review"], new Dictionary<string, string> { [Email] = "po.notce@zmkrasnik.pl" }, locale));
        Assert.Contains(w["confirmTitle"], CardReader.Text(confirm), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "This field is required.")]
    [InlineData("pl-PL", "To pole jest wymagane.")]
    public async Task A_cleared_required_field_which_Teams_leaves_out_of_the_submit_is_an_error_beside_it(string locale, string required)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex, locale);
        var before = (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing;

        var again = Assert.Single(await chat.PressAsync(People.Alex, form, w["review"], new Dictionary<string, string> { [Email] = string.Empty, [Line1] = string.Empty }, locale));

        Assert.Equal(string.Empty, CardReader.InputValue(again, Email) ?? string.Empty);
        Assert.Contains(required, CardReader.TextAfterInput(again, Email) ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(required, CardReader.TextAfterInput(again, Line1) ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(before, (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_cleared_optional_field_is_cleared(string locale)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex, locale);
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, w["review"], new Dictionary<string, string> { [Line2] = "lok. 5" }, locale));
        Assert.Contains(w["done"], CardReader.Text(Assert.Single(await chat.PressAsync(People.Alex, confirm, w["confirm"], locale: locale))), StringComparison.Ordinal);
        Assert.Equal("lok. 5", (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.DefaultAddress.AddressLine2);

        var second = await OpenFormAsync(chat, People.Alex, locale);
        Assert.Equal("lok. 5", CardReader.InputValue(second, Line2));
        var clearing = Assert.Single(await chat.PressAsync(People.Alex, second, w["review"], new Dictionary<string, string> { [Line2] = string.Empty }, locale));
        Assert.Contains("lok. 5 →", CardReader.Text(clearing), StringComparison.Ordinal);
        Assert.Contains(w["done"], CardReader.Text(Assert.Single(await chat.PressAsync(People.Alex, clearing, w["confirm"], locale: locale))), StringComparison.Ordinal);

        var address = (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.DefaultAddress;
        Assert.Null(address.AddressLine2);
        Assert.Equal("ul. Lubelska 48", address.AddressLine1);
    }

    [Fact]
    public async Task A_role_removed_between_review_and_submit_is_refused()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex);
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { [Email] = "nowy@zmkrasnik.pl" }));

        await _bot.Roles.RevokeRoleAsync(DemoData.AlexWilberId, PartnerRole.SalesAgent, CancellationToken.None);
        var refusal = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Confirm"));

        Assert.Contains("you have no Partner Center role", refusal.Text, StringComparison.Ordinal);
        Assert.Contains("Global admin, Admin agent, Sales agent", refusal.Text, StringComparison.Ordinal);
        Assert.NotEqual("nowy@zmkrasnik.pl", (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.Email);
        var entry = Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None));
        Assert.Equal((AuditOutcome.Refused, "Alex Wilber"), (entry.Outcome, entry.ActorName));
    }

    [Fact]
    public async Task Two_editors_the_second_sees_what_changed_and_applies_their_edits_on_top_keeping_the_first()
    {
        var alexChat = new TeamsConversation(_bot.Bot, "a:alex");
        var meganChat = new TeamsConversation(_bot.Bot, "a:megan");
        var alexForm = await OpenFormAsync(alexChat, People.Alex);
        var meganForm = await OpenFormAsync(meganChat, People.Megan);

        var meganConfirm = Assert.Single(await meganChat.PressAsync(People.Megan, meganForm, "Review changes", new Dictionary<string, string> { [Phone] = "+48 81 999 88 77" }));
        var alexConfirm = Assert.Single(await alexChat.PressAsync(People.Alex, alexForm, "Review changes", new Dictionary<string, string> { [Email] = "alex@zmkrasnik.pl" }));
        Assert.Contains("Billing information updated", CardReader.Text(Assert.Single(await meganChat.PressAsync(People.Megan, meganConfirm, "Confirm"))), StringComparison.Ordinal);

        var conflict = Assert.Single(await alexChat.PressAsync(People.Alex, alexConfirm, "Confirm"));
        var conflictText = CardReader.Text(conflict);
        Assert.Contains("Someone else changed", conflictText, StringComparison.Ordinal);
        Assert.Contains("→ +48 81 999 88 77", conflictText, StringComparison.Ordinal);
        Assert.Equal("+48 81 999 88 77", (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.DefaultAddress.PhoneNumber);

        var reconfirm = Assert.Single(await alexChat.PressAsync(People.Alex, conflict, "Apply my edits on top"));
        Assert.Contains("→ alex@zmkrasnik.pl", CardReader.Text(reconfirm), StringComparison.Ordinal);
        Assert.DoesNotContain("+48 81 999 88 77", CardReader.Text(reconfirm), StringComparison.Ordinal);
        Assert.Contains("Billing information updated", CardReader.Text(Assert.Single(await alexChat.PressAsync(People.Alex, reconfirm, "Confirm"))), StringComparison.Ordinal);

        var billing = (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing;
        Assert.Equal("alex@zmkrasnik.pl", billing.Email);
        Assert.Equal("+48 81 999 88 77", billing.DefaultAddress.PhoneNumber);
        var outcomes = (await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None)).Select(e => e.Outcome);
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Conflict, AuditOutcome.Applied], outcomes);
    }

    [Fact]
    public async Task A_second_press_and_a_replayed_submit_change_nothing_twice()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex);
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { [Email] = "nowy@zmkrasnik.pl" }));
        Assert.Contains("Billing information updated", CardReader.Text(Assert.Single(await chat.PressAsync(People.Alex, confirm, "Confirm"))), StringComparison.Ordinal);

        // The old card's button again (a second press, or Teams delivering the same submit again).
        var second = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Confirm"));
        Assert.Contains("no longer active", second.Text, StringComparison.Ordinal);
        Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Cancel_on_the_confirm_card_changes_nothing_and_locks_the_card()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex);
        var before = (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing;
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { [Email] = "nowy@zmkrasnik.pl" }));
        // The confirm card itself says so, once, and keeps no buttons.
        var cancelled = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Cancel"));
        Assert.Equal(confirm.Id, cancelled.Id);
        Assert.Contains("Cancelled: Zakłady Mięsne Kraśnik", CardReader.Text(cancelled), StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", CardReader.Text(cancelled), StringComparison.Ordinal);
        Assert.Empty(CardReader.Actions(CardReader.Content(cancelled)));
        Assert.Equal(before, (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing);
    }

    [Fact]
    public async Task Edit_again_brings_back_the_form_with_what_the_user_typed()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex);
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { [Email] = "nowy@zmkrasnik.pl" }));
        var again = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Edit again"));
        Assert.Equal("nowy@zmkrasnik.pl", CardReader.InputValue(again, Email));
    }

    [Theory]
    [InlineData("en-US", "help", "I can update a customer's billing information")]
    [InlineData("pl-PL", "pomoc", "Mogę zaktualizować informacje rozliczeniowe")]
    public async Task Help_mid_way_answers_and_the_dialog_goes_on_where_it_was(string locale, string help, string answer)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex, locale);
        var replies = await chat.SayAsync(People.Alex, help, locale);
        Assert.Contains(answer, replies[0].Text, StringComparison.Ordinal);
        var reprompted = replies[^1];
        Assert.Equal(CardReader.InputValue(form, Email), CardReader.InputValue(reprompted, Email));

        var confirm = Assert.Single(await chat.PressAsync(People.Alex, reprompted, w["review"], new Dictionary<string, string> { [Email] = "po.pomocy@zmkrasnik.pl" }, locale));
        Assert.Contains(w["confirmTitle"], CardReader.Text(confirm), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "cancel", "Cancelled. Nothing was changed.")]
    [InlineData("pl-PL", "anuluj", "Anulowano. Niczego nie zmieniono.")]
    public async Task Cancel_mid_way_ends_the_dialog_and_writes_nothing(string locale, string cancel, string answer)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex, locale);
        Assert.Contains(answer, Assert.Single(await chat.SayAsync(People.Alex, cancel, locale)).Text, StringComparison.Ordinal);

        // The form's button after cancel is an old card: answered, not obeyed.
        var late = Assert.Single(await chat.PressAsync(People.Alex, form, w["review"], new Dictionary<string, string> { [Email] = "nowy@zmkrasnik.pl" }, locale));
        Assert.Equal(form.Id, late.Id);
        Assert.Empty(CardReader.Actions(CardReader.Content(late)));
        Assert.Null(CardReader.InputValue(late, Email));
        Assert.Empty(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_new_request_typed_mid_way_starts_that_request_and_the_old_form_goes_stale()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, People.Alex);
        var history = await chat.SayAsync(People.Alex, "history contoso");
        Assert.Contains("Contoso Ltd", string.Join("\n", history.Select(CardReader.Text)), StringComparison.Ordinal);

        var late = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { [Email] = "nowy@zmkrasnik.pl" }));
        Assert.Contains("no longer active", late.Text, StringComparison.Ordinal);
        Assert.Empty(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Two_users_in_one_channel_each_keep_their_own_dialog()
    {
        var channel = new TeamsConversation(_bot.Bot, "19:general@thread.tacv2", "channel");
        var alexForm = await OpenFormAsync(channel, People.Alex);
        var meganAccount = Assert.Single(await channel.SayAsync(People.Megan, "update contoso"));
        Assert.Contains("Account: Contoso Ltd", CardReader.Text(meganAccount), StringComparison.Ordinal);

        // Alex's form still works after Megan started her own conversation in the same channel.
        var confirm = Assert.Single(await channel.PressAsync(People.Alex, alexForm, "Review changes", new Dictionary<string, string> { [Email] = "kanal@zmkrasnik.pl" }));
        Assert.Contains("Confirm changes", CardReader.Text(confirm), StringComparison.Ordinal);
        var meganForm = Assert.Single(await channel.PressAsync(People.Megan, meganAccount, "Edit billing information"));
        Assert.Equal("Contoso Ltd", CardReader.InputValue(meganForm, "billing.CompanyName"));

        Assert.Contains("Billing information updated", CardReader.Text(Assert.Single(await channel.PressAsync(People.Alex, confirm, "Confirm"))), StringComparison.Ordinal);
        Assert.Equal("kanal@zmkrasnik.pl", (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.Email);
    }
}

/// <summary>The same conversations on the Partner Center connector, against a stand-in holding the demo customers.</summary>
public sealed class AccountUpdateOnPartnerCenterTests : AccountUpdateTests
{
    private protected override Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartOnPartnerCenterAsync(configure);
}
