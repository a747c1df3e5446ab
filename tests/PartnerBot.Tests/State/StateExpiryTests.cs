using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerBot.Bots;
using PartnerBot.Data;
using PartnerBot.Data.BotState;
using PartnerBot.Hosting;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.State;

/// <summary>An abandoned conversation does not keep a billing profile draft beyond BotState:ExpireAfter (7 days).</summary>
public sealed class StateExpiryTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_draft_untouched_for_more_than_seven_days_is_gone_and_the_old_form_changes_nothing()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var stored = new StoredState(_bot.Services);
        var account = Assert.Single(await chat.SayAsync(People.Alex, "update zaklady miesne krasnik"));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, "Edit billing information"));
        Assert.Contains("billing-edit/state", await stored.DocumentAsync(), StringComparison.Ordinal);

        // Six days on the draft is still there.
        _clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await _bot.Services.GetRequiredService<IExpiringBotState>().DeleteExpiredAsync(CancellationToken.None));
        Assert.NotNull(await stored.DocumentAsync());

        // Past seven days untouched the sweep deletes it, and Alex's recent customers (the opened account) with it.
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(2, await _bot.Services.GetRequiredService<IExpiringBotState>().DeleteExpiredAsync(CancellationToken.None));
        Assert.Null(await stored.DocumentAsync());

        // The old form's button no longer finds a draft: nothing is submitted, and the user is told.
        var replies = await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { ["billing.Email"] = "x@zmkrasnik.pl" });
        Assert.Contains("That card is no longer active", Assert.Single(replies).Text, StringComparison.Ordinal);
        Assert.Empty(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Data.Seed.DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com"), 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_conversation_reads_as_new_even_before_the_sweep()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var stored = new StoredState(_bot.Services);
        // A typo, so the bot asks "did you mean": a card to press again a week later.
        var offer = Assert.Single(await chat.SayAsync(People.Alex, "update zaklady miesne krasnk"));
        Assert.Single(await chat.PressAsync(People.Alex, offer, "Yes"));

        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var replies = await chat.PressAsync(People.Alex, offer, "Yes");

        Assert.Contains("That card is no longer active", Assert.Single(replies).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("billing-edit", await stored.DocumentAsync() ?? string.Empty, StringComparison.Ordinal);
        Assert.Empty(await stored.QuarantinedAsync());
    }

    [Fact]
    public async Task The_sweep_forgets_handled_activities_an_hour_after_their_answer_so_the_ledger_does_not_grow()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var account = Assert.Single(await chat.SayAsync(People.Alex, "update zaklady miesne krasnik"));
        Assert.Single(await chat.PressAsync(People.Alex, account, "Edit billing information"));
        var sweep = _bot.Services.GetServices<IHostedService>().OfType<BotStateSweep>().Single();
        Assert.Equal(2, await LedgerEntriesAsync());

        // Within the hour a re-delivery must still find its answer: the sweep keeps both.
        _clock.Advance(PartnerTeamsBot.HandledFor - TimeSpan.FromMinutes(1));
        await sweep.SweepAsync(CancellationToken.None);
        Assert.Equal(2, await LedgerEntriesAsync());

        _clock.Advance(TimeSpan.FromMinutes(2));
        await sweep.SweepAsync(CancellationToken.None);
        Assert.Equal(0, await LedgerEntriesAsync());
    }

    private async Task<long> LedgerEntriesAsync()
    {
        await using var connection = await _bot.Services.GetRequiredService<SqliteDatabase>().OpenConnectionAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM processed_activities";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
