using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.Domain.Audit;
using PartnerBot.PartnerCenter.Directory;
using PartnerBot.Testing;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// The conversations once more, on the Partner Center connector (Directory:Provider=PartnerCenter) against a
/// stateful Partner Center over HTTPS on loopback, with real MSAL and the real HttpClient: the customer exists
/// only there, is found with a typo through the mirror, updated with the etag it was read with, and its
/// purchase permission switched.
/// </summary>
public sealed class PartnerCenterConversationTests : IAsyncLifetime
{
    private PartnerCenterFake _partnerCenter = null!;
    private readonly ConcurrentQueue<string> _logLines = new();
    private BotHarness _bot = null!;
    private string _zuraw = null!;

    public async Task InitializeAsync()
    {
        _partnerCenter = await PartnerCenterFake.StartAsync();
        _zuraw = _partnerCenter.AddCustomer("Przedsiębiorstwo Handlowe Żuraw Sp. z o.o.", "zuraw.onmicrosoft.com");
        _partnerCenter.AddCustomer("Northwind Traders", "northwind.onmicrosoft.com");
        _bot = await BotHarness.StartOnPartnerCenterAsync(_partnerCenter, services => services.AddSingleton<ILoggerProvider>(new CapturingLogs(_logLines)));
    }

    // The harness owns the stand-in and stops it with the bot.
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("en-US", "update przedsiebiorstwo handlowe zurw", "Yes", "Edit billing information", "Review changes", "Confirm", "Billing information updated")]
    [InlineData("pl-PL", "zmień dane przedsiebiorstwo handlowe zurw", "Tak", "Edytuj informacje rozliczeniowe", "Przejrzyj zmiany", "Potwierdź", "Zaktualizowano informacje rozliczeniowe")]
    public async Task A_customer_only_Partner_Center_knows_is_found_with_a_typo_and_its_billing_e_mail_updated_with_the_etag_read(
        string locale, string ask, string yes, string edit, string review, string confirmButton, string done)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var etagRead = _partnerCenter.Billing(_zuraw)["attributes"]!["etag"]!.GetValue<string>();

        var offer = Assert.Single(await chat.SayAsync(People.Alex, ask, locale));
        Assert.Contains("Przedsiębiorstwo Handlowe Żuraw Sp. z o.o.", CardReader.Text(offer), StringComparison.Ordinal);
        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, yes, locale: locale));
        Assert.Contains("zuraw.onmicrosoft.com", CardReader.Text(account), StringComparison.Ordinal);
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, edit, locale: locale));
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, review, new Dictionary<string, string> { ["billing.Email"] = "ksiegowosc@zuraw.pl" }, locale));
        Assert.Contains("faktury@zuraw.pl → ksiegowosc@zuraw.pl", CardReader.Text(confirm), StringComparison.Ordinal);
        var finished = Assert.Single(await chat.PressAsync(People.Alex, confirm, confirmButton, locale: locale));

        Assert.Contains(done, CardReader.Text(finished), StringComparison.Ordinal);
        Assert.Equal("ksiegowosc@zuraw.pl", _partnerCenter.Billing(_zuraw)["email"]!.GetValue<string>());
        Assert.Contains($"PUT /v1/customers/{_zuraw}/profiles/billing \"{etagRead}\"", _partnerCenter.Requests);
        var entry = Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, _zuraw, 0, 10, CancellationToken.None));
        Assert.Equal(AuditOutcome.Applied, entry.Outcome);
    }

    [Fact]
    public async Task Someone_changing_the_profile_in_Partner_Center_meanwhile_is_shown_instead_of_overwritten()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, "update przedsiebiorstwo handlowe zurw"));
        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, "Yes"));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, "Edit billing information"));
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { ["billing.Email"] = "mine@zuraw.pl" }));

        // The portal changes the profile (a new etag) between the review and the confirm.
        var portal = _partnerCenter.AddCustomer("Przedsiębiorstwo Handlowe Żuraw Sp. z o.o.", "zuraw.onmicrosoft.com", _zuraw);
        var conflict = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Confirm"));

        Assert.Equal(portal, _zuraw);
        Assert.Equal("faktury@zuraw.pl", _partnerCenter.Billing(_zuraw)["email"]!.GetValue<string>());
        Assert.Contains("changed", CardReader.Text(conflict), StringComparison.OrdinalIgnoreCase);

        // Recorded once, as a conflict: the write's intent was dropped, not left pending or recorded as well.
        var entry = Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, _zuraw, 0, 10, CancellationToken.None));
        Assert.Equal(AuditOutcome.Conflict, entry.Outcome);
        Assert.Empty(await _bot.Services.GetRequiredService<IAuditOutbox>().ListPendingAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US", "allow northwind to buy its own products", "Allow purchases", "Done: Northwind Traders may now buy its own Azure reservations and savings plans.")]
    [InlineData("pl-PL", "zezwól northwind na samodzielne zakupy", "Zezwól na zakupy", "Gotowe: klient Northwind Traders może teraz sam kupować rezerwacje i plany oszczędnościowe Azure.")]
    public async Task An_admin_switches_purchase_permission_on_as_a_self_serve_policy(string locale, string ask, string allow, string done)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var northwind = (await _bot.Services.GetRequiredService<Domain.Customers.ICustomerDirectory>().SearchAsync(_bot.Reader, "Northwind Traders", 1, CancellationToken.None))[0].CustomerId;

        var confirm = Assert.Single(await chat.SayAsync(People.Adele, ask, locale));
        var applied = Assert.Single(await chat.PressAsync(People.Adele, confirm, allow, locale: locale));

        Assert.Contains(done, CardReader.Text(applied), StringComparison.Ordinal);
        Assert.True(_partnerCenter.HasPolicy(northwind));
        Assert.Contains("POST /v1/SelfServePolicy", _partnerCenter.Requests);
    }

    [Fact]
    public async Task History_shows_the_change_made_through_Partner_Center()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = Assert.Single(await chat.SayAsync(People.Adele, "allow northwind to buy its own products"));
        Assert.Single(await chat.PressAsync(People.Adele, confirm, "Allow purchases"));

        var history = Assert.Single(await chat.SayAsync(People.Adele, "history northwind traders"));

        var text = CardReader.Text(history);
        Assert.Contains("History: Northwind Traders", text, StringComparison.Ordinal);
        Assert.Contains("Off → On", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partner_Center_down_at_submit_keeps_the_edits_and_try_again_saves_them_recorded_once_applied()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, "update przedsiebiorstwo handlowe zurw"));
        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, "Yes"));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, "Edit billing information"));
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { ["billing.Email"] = "po.awarii@zuraw.pl" }));

        _partnerCenter.FailWith(503, 503);
        var failure = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Confirm"));
        Assert.Contains("Your edits are kept", CardReader.Text(failure), StringComparison.Ordinal);
        Assert.Equal("faktury@zuraw.pl", _partnerCenter.Billing(_zuraw)["email"]!.GetValue<string>());

        _partnerCenter.Serve();
        var done = Assert.Single(await chat.PressAsync(People.Alex, failure, "Try again"));

        Assert.Contains("Billing information updated", CardReader.Text(done), StringComparison.Ordinal);
        Assert.Equal("po.awarii@zuraw.pl", _partnerCenter.Billing(_zuraw)["email"]!.GetValue<string>());
        var outcomes = (await _bot.Audit.ListForCustomerAsync(_bot.Reader, _zuraw, 0, 10, CancellationToken.None)).Select(e => e.Outcome);
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Failed], outcomes);
        Assert.Empty(await _bot.Services.GetRequiredService<IAuditOutbox>().ListPendingAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US", "history przedsiebiorstwo handlowe zurw", "Yes", "made in Partner Center", "Billing information updated")]
    [InlineData("pl-PL", "historia przedsiebiorstwo handlowe zurw", "Tak", "wprowadzone w Partner Center", "Zaktualizowano informacje rozliczeniowe")]
    public async Task History_shows_a_change_made_in_the_portal_beside_PartnerBot_s_own_once_each(string locale, string ask, string yes, string portal, string done)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, "update przedsiebiorstwo handlowe zurw", locale));
        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, yes, locale: locale));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, locale == "pl-PL" ? "Edytuj informacje rozliczeniowe" : "Edit billing information", locale: locale));
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, locale == "pl-PL" ? "Przejrzyj zmiany" : "Review changes", new Dictionary<string, string> { ["billing.Email"] = "bot@zuraw.pl" }, locale));
        Assert.Contains(done, CardReader.Text(Assert.Single(await chat.PressAsync(People.Alex, confirm, locale == "pl-PL" ? "Potwierdź" : "Confirm", locale: locale))), StringComparison.Ordinal);
        _partnerCenter.ChangeInPortal(_zuraw, "portal@zuraw.pl", "megan@partner.example");

        var which = Assert.Single(await chat.SayAsync(People.Alex, ask, locale));
        var text = CardReader.Text(Assert.Single(await chat.PressAsync(People.Alex, which, yes, locale: locale)));

        Assert.Contains("megan@partner.example", text, StringComparison.Ordinal);
        Assert.Contains(portal, text, StringComparison.Ordinal);
        Assert.Contains("bot@zuraw.pl", text, StringComparison.Ordinal);
        // PartnerBot's own change is in Partner Center's records too, under its app id: shown once, as PartnerBot's.
        Assert.DoesNotContain("partnerbot@partner.example", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("megan@partner.example", StringComparison.Ordinal) < text.IndexOf("bot@zuraw.pl", StringComparison.Ordinal), "newest first");
    }

    [Theory]
    [InlineData("en-US", "Yes", "Edit billing information", "Review changes", "Confirm", "Partner Center could not verify this address", "The suggested address is filled in")]
    [InlineData("pl-PL", "Tak", "Edytuj informacje rozliczeniowe", "Przejrzyj zmiany", "Potwierdź", "Partner Center nie mógł zweryfikować tego adresu", "Proponowany adres jest wpisany")]
    public async Task An_address_Partner_Center_cannot_verify_comes_back_with_its_suggestions_and_choosing_one_fills_the_address_fields(
        string locale, string yes, string edit, string review, string confirmButton, string doubt, string filledIn)
    {
        _partnerCenter.AnswerAddressCheck("ul. Dluga 5a", "StreetPartial", ("ul. Długa 5A", "20-002", "Lublin"), ("ul. Długa 15", "20-001", "Lublin"));
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, locale, yes, edit);

        var asked = Assert.Single(await chat.PressAsync(
            People.Alex, form, review, new Dictionary<string, string> { ["billing.AddressLine1"] = "ul. Dluga 5a", ["billing.Email"] = "nowy@zuraw.pl" }, locale));

        var question = CardReader.Text(asked);
        Assert.Contains(doubt, question, StringComparison.Ordinal);
        var buttons = CardReader.Actions(CardReader.Content(asked)).Select(a => (string?)a["title"]).ToList();
        Assert.Contains("ul. Długa 5A, 20-002 Lublin", buttons);
        Assert.Contains("ul. Długa 15, 20-001 Lublin", buttons);
        Assert.Equal("ul. Dluga 5a", CardReader.InputValue(asked, "billing.AddressLine1"));
        Assert.Equal("nowy@zuraw.pl", CardReader.InputValue(asked, "billing.Email"));
        Assert.DoesNotContain(_partnerCenter.Requests, r => r.StartsWith("PUT ", StringComparison.Ordinal));

        var filled = Assert.Single(await chat.PressAsync(People.Alex, asked, "ul. Długa 5A, 20-002 Lublin", locale: locale));
        Assert.Contains(filledIn, CardReader.Text(filled), StringComparison.Ordinal);
        Assert.DoesNotContain(doubt, CardReader.Text(filled), StringComparison.Ordinal);
        Assert.Equal("ul. Długa 5A", CardReader.InputValue(filled, "billing.AddressLine1"));
        Assert.Equal("20-002", CardReader.InputValue(filled, "billing.PostalCode"));
        Assert.Equal("Lublin", CardReader.InputValue(filled, "billing.City"));
        Assert.Equal("nowy@zuraw.pl", CardReader.InputValue(filled, "billing.Email"));
        Assert.Equal("+48 81 123 45 67", CardReader.InputValue(filled, "billing.PhoneNumber"));

        var confirm = Assert.Single(await chat.PressAsync(People.Alex, filled, review, locale: locale));
        var changes = CardReader.Text(confirm);
        Assert.Contains("ul. Długa 5 → ul. Długa 5A", changes, StringComparison.Ordinal);
        Assert.Contains("20-001 → 20-002", changes, StringComparison.Ordinal);
        Assert.Contains("faktury@zuraw.pl → nowy@zuraw.pl", changes, StringComparison.Ordinal);
        Assert.Single(_partnerCenter.Requests, r => r == "POST /v1/validations/address");

        Assert.Single(await chat.PressAsync(People.Alex, confirm, confirmButton, locale: locale));
        var written = _partnerCenter.Billing(_zuraw)["defaultAddress"]!;
        Assert.Equal("ul. Długa 5A", written["addressLine1"]!.GetValue<string>());
        Assert.Equal("20-002", written["postalCode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en-US", "Yes", "Edit billing information", "Review changes", "Keep my address", "Confirm")]
    [InlineData("pl-PL", "Tak", "Edytuj informacje rozliczeniowe", "Przejrzyj zmiany", "Zachowaj mój adres", "Potwierdź")]
    public async Task The_user_may_keep_an_address_Partner_Center_cannot_verify_and_is_not_asked_again_after_editing_once_more(
        string locale, string yes, string edit, string review, string keep, string confirmButton)
    {
        _partnerCenter.AnswerAddressCheck("Skrytka pocztowa 12", "None");
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, locale, yes, edit);
        var asked = Assert.Single(await chat.PressAsync(People.Alex, form, review, new Dictionary<string, string> { ["billing.AddressLine1"] = "Skrytka pocztowa 12" }, locale));
        Assert.Equal([keep], CardReader.Actions(CardReader.Content(asked)).Select(a => (string?)a["title"]).Where(t => t != review && t != (locale == "pl-PL" ? "Anuluj" : "Cancel")));

        var confirm = Assert.Single(await chat.PressAsync(People.Alex, asked, keep, locale: locale));
        Assert.Contains("ul. Długa 5 → Skrytka pocztowa 12", CardReader.Text(confirm), StringComparison.Ordinal);

        // Edit again and review the same address: it was kept on purpose, so the form does not ask again.
        var again = Assert.Single(await chat.PressAsync(People.Alex, confirm, locale == "pl-PL" ? "Edytuj ponownie" : "Edit again", locale: locale));
        var confirmAgain = Assert.Single(await chat.PressAsync(People.Alex, again, review, locale: locale));
        Assert.Contains("ul. Długa 5 → Skrytka pocztowa 12", CardReader.Text(confirmAgain), StringComparison.Ordinal);
        Assert.Single(_partnerCenter.Requests, r => r == "POST /v1/validations/address");

        Assert.Single(await chat.PressAsync(People.Alex, confirmAgain, confirmButton, locale: locale));
        Assert.Equal("Skrytka pocztowa 12", _partnerCenter.Billing(_zuraw)["defaultAddress"]!["addressLine1"]!.GetValue<string>());
    }

    [Fact]
    public async Task Typing_another_address_after_the_suggestions_checks_that_one_and_a_forged_suggestion_number_fills_nothing()
    {
        _partnerCenter.AnswerAddressCheck("ul. Dluga 5a", "Multiple", ("ul. Długa 5A", "20-002", "Lublin"));
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, "en-US", "Yes", "Edit billing information");
        var asked = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { ["billing.AddressLine1"] = "ul. Dluga 5a" }));

        // The form's own inputs (a missing one would mean "emptied") with a suggestion number the bot never offered.
        var forged = new Newtonsoft.Json.Linq.JObject(CardReader.Inputs(CardReader.Content(asked))
            .Where(i => !string.IsNullOrEmpty((string?)i["value"]))
            .Select(i => new Newtonsoft.Json.Linq.JProperty((string)i["id"]!, (string?)i["value"])))
        {
            ["suggestion"] = 7,
        };
        var unchanged = Assert.Single(await chat.SendAsync(TeamsActivities.Execute(People.Alex, "useSuggestedAddress", forged, replyToId: asked.Id)));
        Assert.Equal("ul. Dluga 5a", CardReader.InputValue(unchanged, "billing.AddressLine1"));
        Assert.Contains("Partner Center could not verify this address", CardReader.Text(unchanged), StringComparison.Ordinal);

        var confirm = Assert.Single(await chat.PressAsync(People.Alex, unchanged, "Review changes", new Dictionary<string, string> { ["billing.AddressLine1"] = "ul. Długa 7" }));

        Assert.Contains("ul. Długa 5 → ul. Długa 7", CardReader.Text(confirm), StringComparison.Ordinal);
        Assert.Equal(2, _partnerCenter.Requests.Count(r => r == "POST /v1/validations/address"));
    }

    [Fact]
    public async Task Partner_Center_unable_to_check_the_address_lets_the_changes_go_on_to_the_confirm_card()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, "en-US", "Yes", "Edit billing information");

        _partnerCenter.FailWith(503, 503);
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { ["billing.AddressLine1"] = "ul. Długa 7" }));

        Assert.Contains("ul. Długa 5 → ul. Długa 7", CardReader.Text(confirm), StringComparison.Ordinal);
        Assert.Contains("POST /v1/validations/address", _partnerCenter.Requests);
    }

    private static async Task<Microsoft.Bot.Schema.IMessageActivity> OpenFormAsync(TeamsConversation chat, string locale, string yes, string edit)
    {
        var offer = Assert.Single(await chat.SayAsync(People.Alex, locale == "pl-PL" ? "zmień dane przedsiebiorstwo handlowe zurw" : "update przedsiebiorstwo handlowe zurw", locale));
        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, yes, locale: locale));
        return Assert.Single(await chat.PressAsync(People.Alex, account, edit, locale: locale));
    }

    [Theory]
    [InlineData("en-US", "Yes", "Edit billing information", "Review changes", "Confirm", "Partner Center did not accept this value")]
    [InlineData("pl-PL", "Tak", "Edytuj informacje rozliczeniowe", "Przejrzyj zmiany", "Potwierdź", "Partner Center nie przyjął tej wartości")]
    public async Task A_value_Partner_Center_refuses_at_submit_comes_back_into_the_form_beside_that_field_and_the_corrected_form_is_saved(
        string locale, string yes, string edit, string review, string confirmButton, string refusedWords)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var form = await OpenFormAsync(chat, locale, yes, edit);
        var confirm = Assert.Single(await chat.PressAsync(
            People.Alex, form, review, new Dictionary<string, string> { ["billing.PostalCode"] = "20-999", ["billing.Email"] = "nowa@zuraw.pl" }, locale));

        _partnerCenter.RefusedBillingField = "defaultAddress.postalCode";
        var back = Assert.Single(await chat.PressAsync(People.Alex, confirm, confirmButton, locale: locale));

        Assert.Contains(refusedWords, CardReader.TextAfterInput(back, "billing.PostalCode"), StringComparison.Ordinal);
        Assert.Equal("20-999", CardReader.InputValue(back, "billing.PostalCode"));
        Assert.Equal("nowa@zuraw.pl", CardReader.InputValue(back, "billing.Email"));
        Assert.Null(CardReader.TextAfterInput(back, "billing.Email"));
        Assert.Equal("faktury@zuraw.pl", _partnerCenter.Billing(_zuraw)["email"]!.GetValue<string>());

        _partnerCenter.RefusedBillingField = null;
        var corrected = Assert.Single(await chat.PressAsync(People.Alex, back, review, new Dictionary<string, string> { ["billing.PostalCode"] = "20-950" }, locale));
        Assert.Single(await chat.PressAsync(People.Alex, corrected, confirmButton, locale: locale));

        Assert.Equal("20-950", _partnerCenter.Billing(_zuraw)["defaultAddress"]!["postalCode"]!.GetValue<string>());
        Assert.Equal("nowa@zuraw.pl", _partnerCenter.Billing(_zuraw)["email"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en-US", "allow northwind to buy its own products", "Allow purchases", "its sign-in needs an administrator", "Your change is kept", "Try again", "Done: Northwind Traders may now buy")]
    [InlineData("pl-PL", "zezwól northwind na samodzielne zakupy", "Zezwól na zakupy", "jego logowanie wymaga działania administratora", "Twoja zmiana jest zachowana", "Spróbuj ponownie", "Gotowe: klient Northwind Traders może teraz")]
    public async Task The_service_account_without_MFA_at_submit_is_explained_to_the_user_and_to_the_administrator_and_try_again_applies_after_the_fix(
        string locale, string ask, string allow, string accessWords, string kept, string tryAgain, string done)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var northwind = (await _bot.Services.GetRequiredService<Domain.Customers.ICustomerDirectory>().SearchAsync(_bot.Reader, "Northwind Traders", 1, CancellationToken.None))[0].CustomerId;
        var confirm = Assert.Single(await chat.SayAsync(People.Adele, ask, locale));

        _partnerCenter.FailWith(401, 900421);
        var refused = Assert.Single(await chat.PressAsync(People.Adele, confirm, allow, locale: locale));

        var words = CardReader.Text(refused);
        Assert.Contains(accessWords, words, StringComparison.Ordinal);
        Assert.Contains(kept, words, StringComparison.Ordinal);
        Assert.DoesNotContain("900421", words, StringComparison.Ordinal);
        var reference = System.Text.RegularExpressions.Regex.Match(words, "[0-9a-f]{12}").Value;
        Assert.NotEmpty(reference);
        Assert.False(_partnerCenter.HasPolicy(northwind));
        // The administrator's half, under the reference the user quotes: what to do about the service account.
        Assert.Contains(_logLines, l => l.Contains(reference, StringComparison.Ordinal) && l.Contains("no MFA", StringComparison.Ordinal) && l.Contains("consent again", StringComparison.Ordinal));

        _partnerCenter.Serve();
        var applied = Assert.Single(await chat.PressAsync(People.Adele, refused, tryAgain, locale: locale));

        Assert.Contains(done, CardReader.Text(applied), StringComparison.Ordinal);
        Assert.True(_partnerCenter.HasPolicy(northwind));
    }

    /// <summary>The host's log lines, to read what an administrator is told.</summary>
    private sealed class CapturingLogs(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
