using Microsoft.Extensions.DependencyInjection;
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
    private BotHarness _bot = null!;
    private string _zuraw = null!;

    public async Task InitializeAsync()
    {
        _partnerCenter = await PartnerCenterFake.StartAsync();
        _zuraw = _partnerCenter.AddCustomer("Przedsiębiorstwo Handlowe Żuraw Sp. z o.o.", "zuraw.onmicrosoft.com");
        _partnerCenter.AddCustomer("Northwind Traders", "northwind.onmicrosoft.com");
        _bot = await BotHarness.StartAsync(
            services => services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => TestCertificateAuthority.Shared.CreateTrustingHandler())),
            _partnerCenter.Settings.ToDictionary());
        var mirror = _bot.Services.GetRequiredService<CustomerMirrorSync>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (mirror.Status.LastSyncedAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the customer mirror was not filled within 60 s");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _partnerCenter.DisposeAsync();
    }

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
}
