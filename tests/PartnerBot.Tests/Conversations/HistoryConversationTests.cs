using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Audit;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>A customer's history as people ask for it: newest first, in their language and time, a page at a time.</summary>
public class HistoryConversationTests : IAsyncLifetime
{
    private static readonly string Fabrikam = DemoData.CustomerIdFor("fabrikam.onmicrosoft.com");

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 13, 0, 0, TimeSpan.Zero));
    private BotHarness _bot = null!;

    /// <summary>The bot on the demo database; the derived class runs every conversation again on the Partner Center connector.</summary>
    private protected virtual Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartAsync(configure);

    public async Task InitializeAsync() => _bot = await StartBotAsync(services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("en-US", null, "history Contoso", "History: Contoso Ltd", "Changes 1–3, newest first", "11/24/2026 2:30 PM · Alex Wilber", "11/24/2026 1:00 PM · Adele Vance", "Allow customer to purchase", "On → Off", "Off → On", "Purchase permission: refused (the user's role may not do this)", "Purchase permission: applied")]
    [InlineData("pl-PL", "Europe/Warsaw", "historia Contoso", "Historia: Contoso Ltd", "Zmiany 1–3, od najnowszych", "24.11.2026 15:30 · Alex Wilber", "24.11.2026 14:00 · Adele Vance", "Zezwalaj klientowi na zakupy", "Włączone → Wyłączone", "Wyłączone → Włączone", "Uprawnienia do zakupu: odmówiono (rola użytkownika na to nie pozwala)", "Uprawnienia do zakupu: zastosowano")]
    public async Task History_after_two_changes_shows_them_and_a_refusal_newest_first_in_the_users_language_and_time(
        string locale,
        string? timeZone,
        string utterance,
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
        var chat = new TeamsConversation(_bot.Bot);
        await ChangeAsync(chat, People.Adele, "allow Contoso to buy its own products", "Allow purchases");
        _clock.Advance(TimeSpan.FromMinutes(45));
        await ChangeAsync(chat, People.Adele, "turn off purchasing for Contoso", "Turn off purchases");
        _clock.Advance(TimeSpan.FromMinutes(45));
        // A refusal at submit (a role removed between the confirm card and the press), as the service records it.
        await _bot.Audit.RecordAsync(
            new AuditEntry(
                Guid.NewGuid(), _clock.GetUtcNow(), DemoData.CustomerIdFor("contoso.onmicrosoft.com"), "Contoso Ltd", DemoData.AlexWilberId, "Alex Wilber",
                AuditAction.PurchasePermissionChange, AuditOutcome.Refused, [new("PurchasePermission", "NotAllowed", "Allowed")], null, null, "RoleNotAllowed"),
            CancellationToken.None);

        var history = Assert.Single(await chat.SendAsync(Message(People.Alex, utterance, locale, timeZone)));

        // ICU writes a narrow no-break space before AM/PM, Windows a plain one; a reader sees the same.
        var lines = CardReader.Text(history).Replace('\u202F', ' ').Split('\n').ToList();
        Assert.Contains(title, lines);
        Assert.Contains(range, lines);
        Assert.Contains(field, lines);
        Assert.Contains(refusal, lines);
        Assert.Contains(applied, lines);
        Assert.True(lines.IndexOf(newest) >= 0 && lines.IndexOf(newest) < lines.IndexOf(oldest), string.Join(" | ", lines));
        Assert.True(lines.IndexOf(revoked) < lines.LastIndexOf(allowed), string.Join(" | ", lines));
        Assert.Empty(CardReader.Actions(CardReader.Content(history)));
    }

    [Fact]
    public async Task A_long_history_comes_a_page_at_a_time()
    {
        for (var i = 0; i < 7; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await _bot.Audit.RecordAsync(
                new AuditEntry(
                    Guid.NewGuid(), _clock.GetUtcNow(), Fabrikam, "Fabrikam, Inc.", DemoData.AlexWilberId, "Alex Wilber",
                    AuditAction.BillingProfileUpdate, AuditOutcome.Applied, [new("City", $"City {i}", $"City {i + 1}")], null, null, null),
                CancellationToken.None);
        }

        var chat = new TeamsConversation(_bot.Bot);
        var first = Assert.Single(await chat.SayAsync(People.Isaiah, "history for fabrikam.onmicrosoft.com"));

        var page = CardReader.Text(first);
        Assert.Contains("Changes 1–5, newest first", page, StringComparison.Ordinal);
        Assert.Contains("City 6 → City 7", page, StringComparison.Ordinal);
        Assert.DoesNotContain("City 1 → City 2", page, StringComparison.Ordinal);
        Assert.Equal(["More", "Done"], CardReader.Actions(CardReader.Content(first)).Select(a => (string?)a["title"]));

        var second = Assert.Single(await chat.PressAsync(People.Isaiah, first, "More"));

        page = CardReader.Text(second);
        Assert.Contains("Changes 6–7, newest first", page, StringComparison.Ordinal);
        Assert.Contains("City 0 → City 1", page, StringComparison.Ordinal);
        Assert.DoesNotContain("City 6 → City 7", page, StringComparison.Ordinal);
        Assert.Empty(CardReader.Actions(CardReader.Content(second)));
    }

    [Theory]
    [InlineData("en-US", "history Fabrikam", "No changes recorded for Fabrikam, Inc. yet.")]
    [InlineData("pl-PL", "historia Fabrikam", "Dla klienta Fabrikam, Inc. nie zapisano jeszcze żadnych zmian.")]
    public async Task A_customer_without_history_says_so(string locale, string utterance, string answer)
    {
        var chat = new TeamsConversation(_bot.Bot);

        var history = Assert.Single(await chat.SayAsync(People.Alex, utterance, locale));

        Assert.Contains(answer, CardReader.Text(history), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_without_a_role_is_not_shown_who_changed_what()
    {
        var chat = new TeamsConversation(_bot.Bot);

        var reply = Assert.Single(await chat.SayAsync(People.Patti, "historia Contoso", "pl-PL"));

        Assert.Equal(
            "Nie możesz przeglądać kont klientów: nie masz żadnej roli w Partner Center. Konta mogą przeglądać: Administrator globalny, Agent administracyjny, Agent sprzedaży, Agent pomocy technicznej.",
            reply.Text);
    }

    private static async Task ChangeAsync(TeamsConversation chat, ChannelAccount user, string utterance, string button)
    {
        var confirm = Assert.Single(await chat.SayAsync(user, utterance));
        await chat.PressAsync(user, confirm, button);
    }

    /// <summary>Teams sends the user's time zone (an IANA id) on every activity.</summary>
    private static Activity Message(ChannelAccount from, string text, string locale, string? timeZone)
    {
        var message = TeamsActivities.Message(from, text, locale);
        message.LocalTimezone = timeZone;
        return message;
    }
}

/// <summary>The same conversations on the Partner Center connector, against a stand-in holding the demo customers.</summary>
public sealed class HistoryConversationOnPartnerCenterTests : HistoryConversationTests
{
    private protected override Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartOnPartnerCenterAsync(configure);
}
