using Microsoft.Bot.Schema;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Staff;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>A customer's history as people ask for it: newest first, in their language and time, a page at a time.</summary>
public sealed class HistoryConversationTests : IDisposable
{
    private static readonly ChannelAccount Megan = TeamsActivities.User("00000000-0000-0000-0000-0000000000021", "Megan Bowen");
    private static readonly ChannelAccount Alex = TeamsActivities.User("00000000-0000-0000-0000-0000000000020", "Alex Wilber");
    private static readonly ChannelAccount Patti = TeamsActivities.User("00000000-0000-0000-0000-0000000000024", "Patti Fernandez");

    private readonly BotUnderTest bot = new();

    public HistoryConversationTests()
    {
        bot.Roles
            .With(Megan.AadObjectId, Megan.Name, PartnerRole.GlobalAdmin)
            .With(Alex.AadObjectId, Alex.Name, PartnerRole.SalesAgent);
        bot.Customers
            .Add("contoso", "Contoso Ltd", "contoso.onmicrosoft.com")
            .Add("fabrikam", "Fabrikam, Inc.", "fabrikam.onmicrosoft.com");
    }

    public void Dispose() => bot.Dispose();

    [Theory]
    [InlineData("en-US", null, "history Contoso", "Yes", "History: Contoso Ltd", "Changes 1–3, newest first", "11/24/2026 2:30 PM · Alex Wilber", "11/24/2026 1:00 PM · Megan Bowen", "Allow customer to purchase", "On → Off", "Off → On", "Purchase permission: refused (the user's role may not do this)", "Purchase permission: applied")]
    [InlineData("pl-PL", "Europe/Warsaw", "historia Contoso", "Tak", "Historia: Contoso Ltd", "Zmiany 1–3, od najnowszych", "24.11.2026 15:30 · Alex Wilber", "24.11.2026 14:00 · Megan Bowen", "Zezwalaj klientowi na zakupy", "Włączone → Wyłączone", "Wyłączone → Włączone", "Uprawnienia do zakupu: odmówiono (rola użytkownika na to nie pozwala)", "Uprawnienia do zakupu: zastosowano")]
    public async Task History_after_two_changes_shows_them_newest_first_in_the_users_language_and_time(
        string locale,
        string? timeZone,
        string utterance,
        string yes,
        string title,
        string range,
        string newest,
        string oldest,
        string field,
        string revoked,
        string allowed,
        string refusal,
        string applied)
    {
        var megan = bot.As(Megan);
        await ChangeAsync(megan, "allow Contoso to buy its own products", "Allow purchases");
        bot.Clock.Advance(TimeSpan.FromMinutes(45));
        await ChangeAsync(megan, "turn off purchasing for Contoso", "Turn off purchases");
        bot.Clock.Advance(TimeSpan.FromMinutes(45));
        await ChangeAsync(bot.As(Alex), "allow Contoso to buy its own products", "Allow purchases");

        var reader = bot.As(Alex, locale, timeZone);
        var offered = await reader.SayAsync(utterance);
        var history = await reader.PressAsync(offered, yes);

        // ICU writes a narrow no-break space before AM/PM, Windows a plain one; a reader sees the same.
        var texts = history.Texts.Select(t => t.Replace('\u202F', ' ')).ToList();
        Assert.Contains(title, texts);
        Assert.Contains(range, texts);
        Assert.Contains(field, texts);
        Assert.Contains(refusal, texts);
        Assert.Contains(applied, texts);
        Assert.True(texts.IndexOf(newest) >= 0 && texts.IndexOf(newest) < texts.IndexOf(oldest), string.Join(" | ", texts));
        Assert.True(texts.IndexOf(revoked) < texts.LastIndexOf(allowed), string.Join(" | ", texts));
        Assert.Empty(history.Buttons);
    }

    [Fact]
    public async Task A_long_history_comes_a_page_at_a_time()
    {
        for (var i = 0; i < 7; i++)
        {
            bot.Clock.Advance(TimeSpan.FromMinutes(1));
            await bot.Audit.RecordAsync(
                new AuditEntry(
                    Guid.NewGuid(), bot.Clock.GetUtcNow(), "fabrikam", "Fabrikam, Inc.", Megan.AadObjectId, Megan.Name,
                    AuditAction.BillingProfileUpdate, AuditOutcome.Applied, [new("City", $"City {i}", $"City {i + 1}")], null, null, null),
                CancellationToken.None);
        }

        var alex = bot.As(Alex);
        var offered = await alex.SayAsync("history for fabrikam.onmicrosoft.com");
        var first = await alex.PressAsync(offered, "Yes");

        Assert.Contains("Changes 1–5, newest first", first.Texts);
        Assert.Contains("City 6 → City 7", first.Texts);
        Assert.DoesNotContain("City 1 → City 2", first.Texts);
        Assert.Equal(["More", "Done"], first.Buttons);

        var second = await alex.PressAsync(first, "More");

        Assert.Contains("Changes 6–7, newest first", second.Texts);
        Assert.Contains("City 0 → City 1", second.Texts);
        Assert.DoesNotContain("City 6 → City 7", second.Texts);
        Assert.Empty(second.Buttons);
    }

    [Theory]
    [InlineData("en-US", "history Fabrikam", "No changes recorded for Fabrikam, Inc. yet.")]
    [InlineData("pl-PL", "historia Fabrikam", "Dla klienta Fabrikam, Inc. nie zapisano jeszcze żadnych zmian.")]
    public async Task A_customer_without_history_says_so(string locale, string utterance, string answer)
    {
        var alex = bot.As(Alex, locale);

        var offered = await alex.SayAsync(utterance);
        var history = await alex.PressAsync(offered, locale == "pl-PL" ? "Tak" : "Yes");

        Assert.Contains(answer, history.Texts);
    }

    [Fact]
    public async Task A_person_without_a_role_is_not_shown_who_changed_what()
    {
        var replies = await bot.As(Patti, "pl-PL").SayAsync("historia Contoso");

        Assert.Contains(
            "Nie możesz zobaczyć historii klienta: Twoja rola to brak roli. Mogą ją zobaczyć: Administrator globalny, Agent administracyjny, Agent sprzedaży, Agent pomocy technicznej.",
            replies.Texts);
        Assert.False(replies.HasCard);
    }

    private static async Task ChangeAsync(UserSession user, string utterance, string button)
    {
        var offered = await user.SayAsync(utterance);
        var confirm = await user.PressAsync(offered, "Yes");
        await user.PressAsync(confirm, button);
    }
}
