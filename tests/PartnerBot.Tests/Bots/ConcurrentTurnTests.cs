using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Bots;
using PartnerBot.Data;
using PartnerBot.Data.BotState;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Audit;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Bots;

/// <summary>
/// Another instance saves the same conversation while a turn runs (simulated by a rival save just before the
/// bot's own): the turn runs again from the fresh state and the user sees one set of replies; a change is
/// applied and recorded once however many times the turn ran; a conversation that keeps losing is told, in the
/// user's language, to send the last message again, and nothing of the lost turn is kept.
/// </summary>
public sealed class ConcurrentTurnTests : IAsyncLifetime
{
    private const string Email = "billing.Email";

    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");

    // The ask has a typo ("krasnk") so the bot first asks "did you mean", the step these tests press on:
    // an exact name would open the account at once.
    private static readonly Dictionary<string, (string Ask, string Yes, string Edit, string Review, string Confirm, string Done, string TryAgain)> Words = new()
    {
        ["en-US"] = ("update zaklady miesne krasnk", "Yes", "Edit billing information", "Review changes", "Confirm", "Billing information updated",
            "Someone else changed this conversation at the same moment, so I did not go on. Please send your last message again."),
        ["pl-PL"] = ("zmień dane Zakłady Mięsne Krasnk", "Tak", "Edytuj informacje rozliczeniowe", "Przejrzyj zmiany", "Potwierdź", "Zaktualizowano informacje rozliczeniowe",
            "W tej samej chwili ktoś inny zmienił tę rozmowę, więc nie kontynuowałem. Wyślij proszę ostatnią wiadomość jeszcze raz."),
    };

    private BotHarness _bot = null!;
    private RivalInstanceStorage _storage = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(services =>
    {
        services.AddSingleton(sp => _storage = new RivalInstanceStorage(new SqliteStorage(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<IBotStateFormat>(),
            sp.GetRequiredService<BotStateOptions>(),
            TimeProvider.System,
            NullLogger<SqliteStorage>.Instance)));
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<RivalInstanceStorage>());
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_turn_that_loses_its_save_runs_again_and_the_user_sees_its_replies_once(string locale)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, w.Ask, locale));

        _storage.RivalSaves = 2;
        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, w.Yes, locale: locale));

        Assert.Equal(0, _storage.RivalSaves);
        Assert.Equal(2, _storage.Conflicts);
        Assert.Contains("zmkrasnik.onmicrosoft.com", CardReader.Text(account), StringComparison.Ordinal);
        // The third attempt's state is the one kept: the conversation goes on from the account card.
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, w.Edit, locale: locale));
        Assert.NotNull(CardReader.InputValue(form, Email));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_confirm_that_runs_again_applies_the_change_once_and_records_it_once(string locale)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, w.Ask, locale));
        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, w.Yes, locale: locale));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, w.Edit, locale: locale));
        var confirm = Assert.Single(await chat.PressAsync(
            People.Alex, form, w.Review, new Dictionary<string, string> { [Email] = "raced@zmkrasnik.pl" }, locale));

        _storage.RivalSaves = 1;
        var done = Assert.Single(await chat.PressAsync(People.Alex, confirm, w.Confirm, locale: locale));

        Assert.Equal(1, _storage.Conflicts);
        Assert.Contains(w.Done, CardReader.Text(done), StringComparison.Ordinal);
        Assert.Equal("raced@zmkrasnik.pl", (await _bot.Customers.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.Email);
        var entry = Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None));
        Assert.Equal(AuditOutcome.Applied, entry.Outcome);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_turn_that_keeps_losing_is_asked_again_in_the_users_language_and_keeps_nothing(string locale)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, w.Ask, locale));

        _storage.RivalSaves = int.MaxValue;
        var replies = await chat.PressAsync(People.Alex, offer, w.Yes, locale: locale);
        _storage.RivalSaves = 0;

        // Bounded: a handful of attempts, then one plain sentence and none of the lost attempts' cards.
        Assert.Equal(ConcurrentTurn.MaxAttempts, _storage.Conflicts);
        Assert.Equal(w.TryAgain, Assert.Single(replies).Text);
        // Nothing of the lost turn was kept: pressing the same offer again is the step it was, and it works.
        var account = Assert.Single(await chat.PressAsync(People.Alex, offer, w.Yes, locale: locale));
        Assert.Contains("zmkrasnik.onmicrosoft.com", CardReader.Text(account), StringComparison.Ordinal);
    }

    /// <summary>
    /// The real SQLite storage, with another instance's save of the same key slipped in just before the bot's
    /// own, <see cref="RivalSaves"/> times: the rival writes back what is stored, which gives it a new ETag.
    /// </summary>
    private sealed class RivalInstanceStorage(SqliteStorage inner) : IStorage, IExpiringBotState
    {
        private int _conflicts;

        public int RivalSaves { get; set; }

        public int Conflicts => Volatile.Read(ref _conflicts);

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(keys, cancellationToken);

        public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            // The other instance saves the same conversation; a person's recent customers are another document.
            if (RivalSaves > 0 && changes.Keys.Any(k => k.Contains("/conversations/", StringComparison.Ordinal)))
            {
                RivalSaves--;
                // Outside this turn's flow, as another instance saves: nothing the turn offers its own save goes with it.
                Task rival;
                using (ExecutionContext.SuppressFlow())
                {
                    rival = Task.Run(async () => await inner.WriteAsync(await inner.ReadAsync([.. changes.Keys], cancellationToken), cancellationToken), cancellationToken);
                }

                await rival;
            }

            try
            {
                await inner.WriteAsync(changes, cancellationToken);
            }
            catch (ArgumentException ex) when (ConcurrentTurn.IsStateConflict(ex))
            {
                Interlocked.Increment(ref _conflicts);
                throw;
            }
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);

        public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken) => inner.DeleteExpiredAsync(cancellationToken);
    }
}
