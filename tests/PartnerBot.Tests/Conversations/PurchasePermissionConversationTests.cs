using Microsoft.Bot.Schema;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Staff;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// Purchase permission as people use it in Teams: typed in English or Polish, buttons pressed, the role
/// looked up at submit, the switch written once and every applied change and refusal recorded.
/// </summary>
public sealed class PurchasePermissionConversationTests : IDisposable
{
    private static readonly ChannelAccount Megan = TeamsActivities.User("00000000-0000-0000-0000-0000000000021", "Megan Bowen");
    private static readonly ChannelAccount Isaiah = TeamsActivities.User("00000000-0000-0000-0000-0000000000023", "Isaiah Langer");
    private static readonly ChannelAccount Alex = TeamsActivities.User("00000000-0000-0000-0000-0000000000020", "Alex Wilber");

    private readonly BotUnderTest bot = new();

    public PurchasePermissionConversationTests()
    {
        bot.Roles
            .With(Megan.AadObjectId, Megan.Name, PartnerRole.GlobalAdmin)
            .With(Isaiah.AadObjectId, Isaiah.Name, PartnerRole.AdminAgent)
            .With(Alex.AadObjectId, Alex.Name, PartnerRole.SalesAgent);
        bot.Customers
            .Add("contoso", "Contoso Ltd", "contoso.onmicrosoft.com")
            .Add("contoso-pl", "Contoso Polska Sp. z o.o.", "contosopl.onmicrosoft.com")
            .Add("fabrikam", "Fabrikam, Inc.", "fabrikam.onmicrosoft.com", allowed: true)
            .Add("litware", "Litware, Inc.", "litware.onmicrosoft.com", hasAzurePlan: false)
            .Add("tailspin-toys", "Tailspin Toys, Inc.", "tailspintoys.onmicrosoft.com")
            .Add("tailspin-travel", "Tailspin Travel", "tailspintravel.onmicrosoft.com")
            .Add("zaklady", "Zakłady Mięsne Kraśnik Sp. z o.o.", "zmkrasnik.onmicrosoft.com");
    }

    public void Dispose() => bot.Dispose();

    public static TheoryData<string, string, string, string, string, string> AllowInBothLanguages => new()
    {
        {
            "en-US", "allow Contoso to buy its own products", "Yes",
            "Allow Contoso Ltd to buy its own Azure reservations and savings plans?", "Allow purchases",
            "Done: Contoso Ltd may now buy its own Azure reservations and savings plans."
        },
        {
            "pl-PL", "zezwól Contoso na samodzielne zakupy", "Tak",
            "Zezwolić klientowi Contoso Ltd na samodzielny zakup rezerwacji i planów oszczędnościowych Azure?", "Zezwól na zakupy",
            "Gotowe: klient Contoso Ltd może teraz sam kupować rezerwacje i plany oszczędnościowe Azure."
        },
    };

    [Theory]
    [MemberData(nameof(AllowInBothLanguages))]
    public async Task An_admin_allows_purchases_in_plain_words_and_the_change_is_written_and_recorded(
        string locale, string utterance, string yes, string question, string allowButton, string done)
    {
        var megan = bot.As(Megan, locale);

        var offered = await megan.SayAsync(utterance);
        var confirm = await megan.PressAsync(offered, yes);
        Assert.Contains(question, confirm.Texts);
        var applied = await megan.PressAsync(confirm, allowButton);

        Assert.Contains(applied.Texts, t => t.StartsWith(done, StringComparison.Ordinal));
        Assert.True(bot.Customers.Account("contoso").PurchasePermission.IsAllowed);
        var entry = Assert.Single(bot.Audit.Entries);
        Assert.Equal((AuditAction.PurchasePermissionChange, AuditOutcome.Applied, Megan.AadObjectId), (entry.Action, entry.Outcome, entry.ActorAadObjectId));
        Assert.Equal(new FieldChange("PurchasePermission", "NotAllowed", "Allowed"), Assert.Single(entry.Changes));
    }

    [Theory]
    [InlineData("en-US", "What the switch means", "billed for what they buy and are not notified", "cannot exchange, cancel or renew", "Off → On")]
    [InlineData("pl-PL", "Co oznacza ten przełącznik", "płaci partner", "nie może sam wymieniać, anulować ani odnawiać", "Wyłączone → Włączone")]
    public async Task The_confirm_card_says_what_the_switch_means_before_anything_changes(
        string locale, string heading, string billed, string cannot, string change)
    {
        var megan = bot.As(Megan, locale);
        var offered = await megan.SayAsync(locale == "pl-PL" ? "zezwól Contoso na zakupy" : "allow Contoso to buy reservations");

        var confirm = await megan.PressAsync(offered, locale == "pl-PL" ? "Tak" : "Yes");

        Assert.Contains(heading, confirm.Texts);
        Assert.Contains(confirm.Texts, t => t.Contains(billed, StringComparison.Ordinal));
        Assert.Contains(confirm.Texts, t => t.Contains(cannot, StringComparison.Ordinal));
        Assert.Contains(confirm.Texts, t => t.Contains(change, StringComparison.Ordinal));
        Assert.False(bot.Customers.Account("contoso").PurchasePermission.IsAllowed);
        Assert.Empty(bot.Audit.Entries);
    }

    [Theory]
    [InlineData("en-US", "turn off purchasing for Fabrikam", "Yes", "Turn off purchases", "Done: Fabrikam, Inc. can no longer buy its own Azure reservations and savings plans.")]
    [InlineData("pl-PL", "wyłącz zakupy dla Fabrikam", "Tak", "Wyłącz zakupy", "Gotowe: klient Fabrikam, Inc. nie może już sam kupować rezerwacji i planów oszczędnościowych Azure.")]
    public async Task An_admin_agent_revokes_purchases(string locale, string utterance, string yes, string revokeButton, string done)
    {
        var isaiah = bot.As(Isaiah, locale);

        var offered = await isaiah.SayAsync(utterance);
        var confirm = await isaiah.PressAsync(offered, yes);
        var applied = await isaiah.PressAsync(confirm, revokeButton);

        Assert.Contains(done, applied.Texts);
        Assert.False(bot.Customers.Account("fabrikam").PurchasePermission.IsAllowed);
        var entry = Assert.Single(bot.Audit.Entries);
        Assert.Equal(AuditOutcome.Applied, entry.Outcome);
        Assert.Equal(new FieldChange("PurchasePermission", "Allowed", "NotAllowed"), Assert.Single(entry.Changes));
    }

    [Theory]
    [InlineData("en-US", "Yes", "Allow purchases", "You can't change purchase permission: your role is Sales agent. It can be done by: Global admin, Admin agent. Nothing was changed.")]
    [InlineData("pl-PL", "Tak", "Zezwól na zakupy", "Nie możesz zmienić uprawnień do zakupu: Twoja rola to Agent sprzedaży. Mogą to zrobić: Administrator globalny, Agent administracyjny. Niczego nie zmieniono.")]
    public async Task A_sales_agent_sees_the_switch_but_is_refused_at_submit_naming_the_roles_that_may(
        string locale, string yes, string allowButton, string refusal)
    {
        var alex = bot.As(Alex, locale);

        var offered = await alex.SayAsync("allow Contoso to buy its own products");
        var confirm = await alex.PressAsync(offered, yes);
        var refused = await alex.PressAsync(confirm, allowButton);

        Assert.Contains(refusal, refused.Texts);
        Assert.False(bot.Customers.Account("contoso").PurchasePermission.IsAllowed);
        Assert.Equal(0, bot.Customers.PurchasePermissionWrites);
        var entry = Assert.Single(bot.Audit.Entries);
        Assert.Equal((AuditOutcome.Refused, "RoleNotAllowed"), (entry.Outcome, entry.Reason));
    }

    [Fact]
    public async Task The_role_counts_as_it_is_at_submit_not_as_it_was_when_the_conversation_began()
    {
        var megan = bot.As(Megan);
        var offered = await megan.SayAsync("allow Contoso to buy its own products");
        var confirm = await megan.PressAsync(offered, "Yes");

        bot.Roles.With(Megan.AadObjectId, Megan.Name, PartnerRole.HelpdeskAgent);
        var refused = await megan.PressAsync(confirm, "Allow purchases");

        Assert.Contains(refused.Texts, t => t.StartsWith("You can't change purchase permission: your role is Helpdesk agent.", StringComparison.Ordinal));
        Assert.False(bot.Customers.Account("contoso").PurchasePermission.IsAllowed);
    }

    [Theory]
    [InlineData("en-US", "allow Litware to buy reservations", "Yes", "Allow purchases", "Litware, Inc. has no Azure plan bought through you, so it can't be allowed to buy its own products. Nothing was changed.")]
    [InlineData("pl-PL", "zezwól Litware na zakupy", "Tak", "Zezwól na zakupy", "Klient Litware, Inc. nie ma planu Azure kupionego za Twoim pośrednictwem, więc nie można mu zezwolić na samodzielne zakupy. Niczego nie zmieniono.")]
    public async Task A_customer_without_an_Azure_plan_is_refused_with_that_reason(
        string locale, string utterance, string yes, string allowButton, string refusal)
    {
        var megan = bot.As(Megan, locale);

        var offered = await megan.SayAsync(utterance);
        var confirm = await megan.PressAsync(offered, yes);
        var refused = await megan.PressAsync(confirm, allowButton);

        Assert.Contains(refusal, refused.Texts);
        Assert.False(bot.Customers.Account("litware").PurchasePermission.IsAllowed);
        var entry = Assert.Single(bot.Audit.Entries);
        Assert.Equal((AuditOutcome.Refused, "NoAzurePlan"), (entry.Outcome, entry.Reason));
    }

    [Theory]
    [InlineData("en-US", "let Fabrikam buy its own products", "Yes", "Purchases are already allowed for Fabrikam, Inc., so nothing was changed.")]
    [InlineData("pl-PL", "włącz zakupy dla Fabrikam", "Tak", "Zakupy dla klienta Fabrikam, Inc. są już włączone, więc niczego nie zmieniono.")]
    public async Task Allowing_what_is_already_allowed_says_so_and_writes_nothing(string locale, string utterance, string yes, string answer)
    {
        var megan = bot.As(Megan, locale);

        var offered = await megan.SayAsync(utterance);
        var replies = await megan.PressAsync(offered, yes);

        Assert.Contains(answer, replies.Texts);
        Assert.False(replies.HasCard);
        Assert.Equal(0, bot.Customers.PurchasePermissionWrites);
        Assert.Empty(bot.Audit.Entries);
    }

    [Fact]
    public async Task A_missing_customer_is_asked_for_and_found_without_diacritics()
    {
        var megan = bot.As(Megan, "pl-PL");

        var asked = await megan.SayAsync("zezwól na samodzielne zakupy");
        Assert.Contains("Który klient? Wpisz nazwę firmy lub domenę.", asked.Texts);
        var offered = await megan.SayAsync("zaklady miesne");
        Assert.Contains("Czy chodzi o **Zakłady Mięsne Kraśnik Sp. z o.o.** (zmkrasnik.onmicrosoft.com)?", offered.Texts);
        var confirm = await megan.PressAsync(offered, "Tak");
        await megan.PressAsync(confirm, "Zezwól na zakupy");

        Assert.True(bot.Customers.Account("zaklady").PurchasePermission.IsAllowed);
    }

    [Fact]
    public async Task An_ambiguous_customer_is_chosen_from_a_list()
    {
        var megan = bot.As(Megan);

        var list = await megan.SayAsync("let tailspin purchase reservations");
        Assert.Contains("Several customers match \"tailspin\". Which one?", list.Texts);
        var travel = list.Buttons.Single(b => b.Contains("Tailspin Travel", StringComparison.Ordinal));
        var confirm = await megan.PressAsync(list, travel);
        Assert.Contains("Allow Tailspin Travel to buy its own Azure reservations and savings plans?", confirm.Texts);
        await megan.PressAsync(confirm, "Allow purchases");

        Assert.True(bot.Customers.Account("tailspin-travel").PurchasePermission.IsAllowed);
        Assert.False(bot.Customers.Account("tailspin-toys").PurchasePermission.IsAllowed);
    }

    [Theory]
    [InlineData("en-US", "can Contoso buy savings plans?", "Yes", "Purchase permission: Contoso Ltd", "Off", "Allow purchases", "Done")]
    [InlineData("pl-PL", "czy Contoso może kupować?", "Tak", "Uprawnienia do zakupu: Contoso Ltd", "Wyłączone", "Zezwól na zakupy", "Gotowe")]
    public async Task Asking_shows_the_state_and_offers_the_switch(
        string locale, string question, string yes, string title, string state, string allowButton, string doneButton)
    {
        var alex = bot.As(Alex, locale);

        var offered = await alex.SayAsync(question);
        var card = await alex.PressAsync(offered, yes);

        Assert.Contains(title, card.Texts);
        Assert.Contains(state, card.Texts);
        Assert.Equal([allowButton, doneButton], card.Buttons);
        Assert.Empty(bot.Audit.Entries);
    }

    [Fact]
    public async Task The_switch_offered_after_asking_goes_to_the_same_confirmation()
    {
        var megan = bot.As(Megan);
        var offered = await megan.SayAsync("can Contoso buy savings plans?");
        var state = await megan.PressAsync(offered, "Yes");

        var confirm = await megan.PressAsync(state, "Allow purchases");
        await megan.PressAsync(confirm, "Allow purchases");

        Assert.True(bot.Customers.Account("contoso").PurchasePermission.IsAllowed);
    }

    [Fact]
    public async Task The_account_card_button_opens_the_switch_for_that_customer()
    {
        var megan = bot.As(Megan);
        var offered = await megan.SayAsync("update Fabrikam");
        var account = await megan.PressAsync(offered, "Yes");

        var state = await megan.PressAsync(account, "Change purchase permission");

        Assert.Contains("Purchase permission: Fabrikam, Inc.", state.Texts);
        Assert.Contains("Turn off purchases", state.Buttons);
    }

    [Fact]
    public async Task The_welcome_card_button_does_what_the_words_do()
    {
        var megan = bot.As(Megan, "pl-PL");
        var welcome = await megan.SayAsync("cześć");

        var asked = await megan.PressAsync(welcome, "Uprawnienia do zakupu");
        Assert.Contains("Który klient? Wpisz nazwę firmy lub domenę.", asked.Texts);
        var offered = await megan.SayAsync("contoso.onmicrosoft.com");
        var state = await megan.PressAsync(offered, "Tak");

        Assert.Contains("Uprawnienia do zakupu: Contoso Ltd", state.Texts);
        Assert.Equal(["Zezwól na zakupy", "Gotowe"], state.Buttons);
    }

    [Fact]
    public async Task Cancel_on_the_confirm_card_changes_nothing()
    {
        var megan = bot.As(Megan);
        var offered = await megan.SayAsync("allow Contoso to buy its own products");
        var confirm = await megan.PressAsync(offered, "Yes");

        var cancelled = await megan.PressAsync(confirm, "Cancel");

        Assert.Contains("Cancelled. Nothing was changed.", cancelled.Texts);
        Assert.False(bot.Customers.Account("contoso").PurchasePermission.IsAllowed);
        Assert.Empty(bot.Audit.Entries);
    }

    [Fact]
    public async Task Pressing_confirm_again_on_the_old_card_changes_nothing_twice()
    {
        var megan = bot.As(Megan);
        var offered = await megan.SayAsync("allow Contoso to buy its own products");
        var confirm = await megan.PressAsync(offered, "Yes");
        var (card, data) = confirm.Button("Allow purchases");
        await megan.PressAsync(card, data);

        var again = await megan.PressAsync(card, data);

        Assert.Contains("That card is no longer active, so nothing was changed. Say *update* and a customer's name to start again.", again.Texts);
        Assert.Equal(1, bot.Customers.PurchasePermissionWrites);
        Assert.Single(bot.Audit.Entries);
    }

    [Fact]
    public async Task A_backend_failure_is_said_plainly_and_try_again_applies_the_change_once()
    {
        var megan = bot.As(Megan);
        var offered = await megan.SayAsync("allow Contoso to buy its own products");
        var confirm = await megan.PressAsync(offered, "Yes");
        bot.Customers.FailingWrites = 1;

        var failed = await megan.PressAsync(confirm, "Allow purchases");
        Assert.Contains("I couldn't switch purchase permission for Contoso Ltd: the system of record did not answer. Nothing was changed.", failed.Texts);
        Assert.False(bot.Customers.Account("contoso").PurchasePermission.IsAllowed);
        var applied = await megan.PressAsync(failed, "Try again");

        Assert.Contains(applied.Texts, t => t.StartsWith("Done: Contoso Ltd may now buy", StringComparison.Ordinal));
        Assert.Equal(1, bot.Customers.PurchasePermissionWrites);
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Failed], bot.Audit.Entries.Reverse().Select(e => e.Outcome));
    }
}
