using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// Purchase permission as people use it in Teams, on the demo data: typed in English or Polish, buttons
/// pressed, the role looked up at submit, the switch written once and every applied change and refusal recorded.
/// Demo facts used: Contoso (Azure plan, off), Fabrikam (on), Litware (no Azure plan); Adele is Global admin,
/// Megan Admin agent, Alex Sales agent.
/// </summary>
public class PurchasePermissionConversationTests : IAsyncLifetime
{
    private static readonly string Contoso = DemoData.CustomerIdFor("contoso.onmicrosoft.com");
    private static readonly string Fabrikam = DemoData.CustomerIdFor("fabrikam.onmicrosoft.com");
    private static readonly string Litware = DemoData.CustomerIdFor("litwareinc.onmicrosoft.com");
    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");
    private static readonly string Textilia = DemoData.CustomerIdFor("textilialodz.onmicrosoft.com");

    private FlakyWriter _writer = null!;
    private BotHarness _bot = null!;

    /// <summary>The bot on the demo database; the derived class runs every conversation again on the Partner Center connector.</summary>
    /// <summary>
    /// Whether the confirm card can already warn about a missing Azure plan: the demo database knows it; Partner
    /// Center says so only by refusing the policy at submit.
    /// </summary>
    private protected virtual bool AzurePlanKnownWhenAsked => true;

    private protected virtual Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartAsync(configure);

    public async Task InitializeAsync() => _bot = await StartBotAsync(services =>
        services.AddSingleton<ICustomerAccountWriter>(sp => _writer = new FlakyWriter((ICustomerAccountWriter)sp.GetRequiredService<ICustomerDirectory>())));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string, string, string, string, string> AllowInBothLanguages => new()
    {
        {
            "en-US", "allow Contoso to buy its own products",
            "Allow Contoso Ltd to buy its own Azure reservations and savings plans?", "Allow purchases",
            "Done: Contoso Ltd may now buy its own Azure reservations and savings plans."
        },
        {
            "pl-PL", "zezwól Contoso na samodzielne zakupy",
            "Zezwolić klientowi Contoso Ltd na samodzielny zakup rezerwacji i planów oszczędnościowych Azure?", "Zezwól na zakupy",
            "Gotowe: klient Contoso Ltd może teraz sam kupować rezerwacje i plany oszczędnościowe Azure."
        },
    };

    [Theory]
    [MemberData(nameof(AllowInBothLanguages))]
    public async Task An_admin_allows_purchases_in_plain_words_and_the_change_is_written_recorded_and_the_card_locked(
        string locale, string utterance, string question, string allowButton, string done)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var confirm = Assert.Single(await chat.SayAsync(People.Adele, utterance, locale));
        Assert.Contains(question, CardReader.Text(confirm), StringComparison.Ordinal);
        var applied = Assert.Single(await chat.PressAsync(People.Adele, confirm, allowButton, locale: locale));

        Assert.Contains(done, CardReader.Text(applied), StringComparison.Ordinal);
        Assert.True((await AccountAsync(Contoso)).PurchasePermission.IsAllowed);
        var entry = Assert.Single(await HistoryAsync(Contoso));
        Assert.Equal((AuditAction.PurchasePermissionChange, AuditOutcome.Applied, DemoData.AdeleVanceId), (entry.Action, entry.Outcome, entry.ActorAadObjectId));
        Assert.Equal(new FieldChange("PurchasePermission", "NotAllowed", "Allowed"), Assert.Single(entry.Changes));
        // Said once, on the confirm card, which keeps no buttons.
        var locked = applied;
        Assert.Equal(confirm.Id, locked.Id);
        Assert.Empty(CardReader.Actions(CardReader.Content(locked)));
    }

    [Theory]
    [InlineData("en-US", "allow Contoso to buy reservations", "What the switch means", "billed for what they buy and are not notified", "cannot exchange, cancel or renew", "Off → On")]
    [InlineData("pl-PL", "zezwól Contoso na zakupy", "Co oznacza ten przełącznik", "płaci partner", "nie może sam wymieniać, anulować ani odnawiać", "Wyłączone → Włączone")]
    public async Task The_confirm_card_says_what_the_switch_means_before_anything_changes(
        string locale, string utterance, string heading, string billed, string cannot, string change)
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = CardReader.Text(Assert.Single(await chat.SayAsync(People.Adele, utterance, locale)));

        Assert.Contains(heading, confirm, StringComparison.Ordinal);
        Assert.Contains(billed, confirm, StringComparison.Ordinal);
        Assert.Contains(cannot, confirm, StringComparison.Ordinal);
        Assert.Contains(change, confirm, StringComparison.Ordinal);
        Assert.False((await AccountAsync(Contoso)).PurchasePermission.IsAllowed);
        Assert.Empty(await HistoryAsync(Contoso));
    }

    [Theory]
    [InlineData("en-US", "turn off purchasing for Fabrikam", "Turn off purchases", "Done: Fabrikam, Inc. can no longer buy its own Azure reservations and savings plans.")]
    [InlineData("pl-PL", "wyłącz zakupy dla Fabrikam", "Wyłącz zakupy", "Gotowe: klient Fabrikam, Inc. nie może już sam kupować rezerwacji i planów oszczędnościowych Azure.")]
    public async Task An_admin_agent_revokes_purchases(string locale, string utterance, string revokeButton, string done)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var confirm = Assert.Single(await chat.SayAsync(People.Megan, utterance, locale));
        var applied = Assert.Single(await chat.PressAsync(People.Megan, confirm, revokeButton, locale: locale));

        Assert.Contains(done, CardReader.Text(applied), StringComparison.Ordinal);
        Assert.False((await AccountAsync(Fabrikam)).PurchasePermission.IsAllowed);
        var entry = Assert.Single(await HistoryAsync(Fabrikam));
        Assert.Equal(AuditOutcome.Applied, entry.Outcome);
        Assert.Equal(new FieldChange("PurchasePermission", "Allowed", "NotAllowed"), Assert.Single(entry.Changes));
    }

    [Theory]
    [InlineData("en-US", "allow Contoso to buy its own products", "You can't change purchase permission: your role is Sales agent. It can be changed by: Global admin, Admin agent.")]
    [InlineData("pl-PL", "zezwól Contoso na zakupy", "Nie możesz zmieniać uprawnień do zakupu: Twoja rola to Agent sprzedaży. Mogą je zmieniać: Administrator globalny, Agent administracyjny.")]
    public async Task A_sales_agent_asking_to_switch_is_told_at_once_naming_the_roles_that_may(string locale, string utterance, string refusal)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var replies = await chat.SayAsync(People.Alex, utterance, locale);

        // One plain answer: no customer choice, no state card, no confirm card to press in vain.
        var refused = Assert.Single(replies);
        Assert.Equal(refusal, refused.Text);
        Assert.Empty(refused.Attachments ?? []);
        Assert.False((await AccountAsync(Contoso)).PurchasePermission.IsAllowed);
    }

    [Fact]
    public async Task The_role_counts_as_it_is_at_submit_not_as_it_was_when_the_conversation_began()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = Assert.Single(await chat.SayAsync(People.Megan, "allow Contoso to buy its own products"));

        await _bot.Roles.RevokeRoleAsync(DemoData.MeganBowenId, PartnerRole.AdminAgent, CancellationToken.None);
        var refused = Assert.Single(await chat.PressAsync(People.Megan, confirm, "Allow purchases"));

        Assert.StartsWith("You can't change purchase permission: you have no Partner Center role.", refused.Text, StringComparison.Ordinal);
        Assert.False((await AccountAsync(Contoso)).PurchasePermission.IsAllowed);
    }

    [Theory]
    [InlineData("en-US", "allow Litware to buy reservations", "Allow purchases", "Litware, Inc. has no Azure plan bought through you, so it can't be allowed to buy its own products. Nothing was changed.")]
    [InlineData("pl-PL", "zezwól Litware na zakupy", "Zezwól na zakupy", "Klient Litware, Inc. nie ma planu Azure kupionego za Twoim pośrednictwem, więc nie można mu zezwolić na samodzielne zakupy. Niczego nie zmieniono.")]
    public async Task A_customer_without_an_Azure_plan_is_warned_on_the_card_and_refused_with_that_reason(
        string locale, string utterance, string allowButton, string refusal)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var confirm = Assert.Single(await chat.SayAsync(People.Adele, utterance, locale));
        if (AzurePlanKnownWhenAsked)
        {
            Assert.Contains(locale == "pl-PL" ? "brak planu Azure" : "no Azure plan", CardReader.Text(confirm), StringComparison.Ordinal);
        }

        var refused = Assert.Single(await chat.PressAsync(People.Adele, confirm, allowButton, locale: locale));

        Assert.Equal(refusal, refused.Text);
        Assert.False((await AccountAsync(Litware)).PurchasePermission.IsAllowed);
        var entry = Assert.Single(await HistoryAsync(Litware));
        Assert.Equal((AuditOutcome.Refused, "NoAzurePlan"), (entry.Outcome, entry.Reason));
    }

    [Theory]
    [InlineData("en-US", "let Fabrikam buy its own products", "Purchases are already allowed for Fabrikam, Inc., so nothing was changed.")]
    [InlineData("pl-PL", "włącz zakupy dla Fabrikam", "Zakupy dla klienta Fabrikam, Inc. są już włączone, więc niczego nie zmieniono.")]
    public async Task Allowing_what_is_already_allowed_says_so_and_writes_nothing(string locale, string utterance, string answer)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var reply = Assert.Single(await chat.SayAsync(People.Adele, utterance, locale));

        // One plain answer: no confirm card with a button that would do nothing.
        Assert.Equal(answer, reply.Text);
        Assert.Empty(reply.Attachments ?? []);
        Assert.True((await AccountAsync(Fabrikam)).PurchasePermission.IsAllowed);
        Assert.Empty(await HistoryAsync(Fabrikam));
    }

    [Fact]
    public async Task A_missing_customer_is_asked_for_and_found_without_diacritics()
    {
        var chat = new TeamsConversation(_bot.Bot);

        var asked = Assert.Single(await chat.SayAsync(People.Adele, "zezwól na samodzielne zakupy", "pl-PL"));
        Assert.Equal("Który klient? Wpisz nazwę firmy lub domenę.", asked.Text);
        var confirm = Assert.Single(await chat.SayAsync(People.Adele, "zaklady miesne krasnik", "pl-PL"));
        Assert.Contains("Zezwolić klientowi Zakłady Mięsne Kraśnik Sp. z o.o.", CardReader.Text(confirm), StringComparison.Ordinal);
        await chat.PressAsync(People.Adele, confirm, "Zezwól na zakupy", locale: "pl-PL");

        Assert.True((await AccountAsync(Krasnik)).PurchasePermission.IsAllowed);
    }

    [Fact]
    public async Task An_ambiguous_customer_is_chosen_from_a_list()
    {
        var chat = new TeamsConversation(_bot.Bot);

        var list = Assert.Single(await chat.SayAsync(People.Adele, "allow zaklady to buy reservations"));
        Assert.Contains("Several customers match \"zaklady\". Which one?", CardReader.Text(list), StringComparison.Ordinal);
        var krasnik = Buttons(list).Single(b => b.Contains("Zakłady Mięsne Kraśnik", StringComparison.Ordinal));
        Assert.Contains(Buttons(list), b => b.Contains("Textilia", StringComparison.Ordinal));
        var confirm = Assert.Single(await chat.PressAsync(People.Adele, list, krasnik));
        Assert.Contains("Allow Zakłady Mięsne Kraśnik Sp. z o.o. to buy its own Azure reservations and savings plans?", CardReader.Text(confirm), StringComparison.Ordinal);
        await chat.PressAsync(People.Adele, confirm, "Allow purchases");

        Assert.True((await AccountAsync(Krasnik)).PurchasePermission.IsAllowed);
        Assert.False((await AccountAsync(Textilia)).PurchasePermission.IsAllowed);
    }

    [Theory]
    [InlineData("en-US", "can Contoso buy savings plans?", "Purchase permission: Contoso Ltd", "Off", "Who can change it: Global admin, Admin agent.", "Done")]
    [InlineData("pl-PL", "czy Contoso może kupować?", "Uprawnienia do zakupu: Contoso Ltd", "Wyłączone", "Kto może to zmienić: Administrator globalny, Agent administracyjny.", "Gotowe")]
    public async Task Asking_shows_a_sales_agent_the_state_and_who_may_switch_it_without_a_switch_they_cannot_use(
        string locale, string question, string title, string state, string whoMay, string doneButton)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var card = Assert.Single(await chat.SayAsync(People.Alex, question, locale));

        var text = CardReader.Text(card);
        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains(state, text.Split('\n'));
        Assert.Contains(whoMay, text, StringComparison.Ordinal);
        Assert.Equal([doneButton], Buttons(card));
        Assert.Empty(await HistoryAsync(Contoso));
    }

    [Fact]
    public async Task The_switch_offered_after_asking_goes_to_the_same_confirmation()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var state = Assert.Single(await chat.SayAsync(People.Adele, "is Fabrikam allowed to buy reservations?"));

        var confirm = Assert.Single(await chat.PressAsync(People.Adele, state, "Turn off purchases"));
        await chat.PressAsync(People.Adele, confirm, "Turn off purchases");

        Assert.False((await AccountAsync(Fabrikam)).PurchasePermission.IsAllowed);
    }

    [Fact]
    public async Task The_account_card_button_opens_the_switch_for_that_customer()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var account = Assert.Single(await chat.SayAsync(People.Adele, "update Fabrikam"));

        var state = Assert.Single(await chat.PressAsync(People.Adele, account, "Change purchase permission"));

        Assert.Contains("Purchase permission: Fabrikam, Inc.", CardReader.Text(state), StringComparison.Ordinal);
        Assert.Contains("Turn off purchases", Buttons(state));
    }

    [Fact]
    public async Task The_welcome_card_button_does_what_the_words_do()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var welcome = Assert.Single(await chat.SayAsync(People.Adele, "cześć", "pl-PL"));

        var asked = Assert.Single(await chat.PressAsync(People.Adele, welcome, "Uprawnienia do zakupu", locale: "pl-PL"));
        Assert.Equal("Który klient? Wpisz nazwę firmy lub domenę.", asked.Text);
        var state = Assert.Single(await chat.SayAsync(People.Adele, "contoso.onmicrosoft.com", "pl-PL"));

        Assert.Contains("Uprawnienia do zakupu: Contoso Ltd", CardReader.Text(state), StringComparison.Ordinal);
        Assert.Equal(["Zezwól na zakupy", "Gotowe"], Buttons(state));
    }

    [Fact]
    public async Task Cancel_on_the_confirm_card_changes_nothing_and_locks_the_card()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = Assert.Single(await chat.SayAsync(People.Adele, "allow Contoso to buy its own products"));

        var cancelled = Assert.Single(await chat.PressAsync(People.Adele, confirm, "Cancel"));

        Assert.Equal(confirm.Id, cancelled.Id);
        Assert.Equal("Cancelled: Contoso Ltd\nNothing was changed.", cancelled.Text);
        Assert.False((await AccountAsync(Contoso)).PurchasePermission.IsAllowed);
        Assert.Empty(await HistoryAsync(Contoso));
    }

    [Fact]
    public async Task Pressing_confirm_again_on_the_old_card_changes_nothing_twice()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = Assert.Single(await chat.SayAsync(People.Adele, "allow Contoso to buy its own products"));
        await chat.PressAsync(People.Adele, confirm, "Allow purchases");

        var again = Assert.Single(await chat.PressAsync(People.Adele, confirm, "Allow purchases"));

        Assert.Contains("no longer active", again.Text, StringComparison.Ordinal);
        Assert.Single(await HistoryAsync(Contoso));
    }

    [Fact]
    public async Task A_backend_failure_is_said_plainly_and_try_again_applies_the_change_once()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var confirm = Assert.Single(await chat.SayAsync(People.Adele, "allow Contoso to buy its own products"));
        _writer.FailuresLeft = 1;

        var failed = Assert.Single(await chat.PressAsync(People.Adele, confirm, "Allow purchases"));
        Assert.Contains("I couldn't confirm the switch of purchase permission for Contoso Ltd: the system of record did not answer.", CardReader.Text(failed), StringComparison.Ordinal);
        Assert.False((await AccountAsync(Contoso)).PurchasePermission.IsAllowed);
        var applied = Assert.Single(await chat.PressAsync(People.Adele, failed, "Try again"));

        Assert.Contains("Done: Contoso Ltd may now buy", CardReader.Text(applied), StringComparison.Ordinal);
        Assert.True((await AccountAsync(Contoso)).PurchasePermission.IsAllowed);
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Failed], (await HistoryAsync(Contoso)).Select(e => e.Outcome));
    }

    private static List<string> Buttons(IMessageActivity card) =>
        [.. CardReader.Actions(CardReader.Content(card)).Select(a => (string?)a["title"] ?? string.Empty)];

    private async Task<CustomerAccount> AccountAsync(string customerId) =>
        (await _bot.Directory.GetAccountAsync(_bot.Reader, customerId, CancellationToken.None))!;

    private Task<IReadOnlyList<AuditEntry>> HistoryAsync(string customerId) =>
        _bot.Audit.ListForCustomerAsync(_bot.Reader, customerId, 0, 10, CancellationToken.None);
}

/// <summary>The same conversations on the Partner Center connector, against a stand-in holding the demo customers.</summary>
public sealed class PurchasePermissionConversationOnPartnerCenterTests : PurchasePermissionConversationTests
{
    private protected override bool AzurePlanKnownWhenAsked => false;

    private protected override Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartOnPartnerCenterAsync(configure);
}
