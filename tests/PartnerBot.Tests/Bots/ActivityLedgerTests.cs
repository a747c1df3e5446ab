using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Data;
using PartnerBot.Data.BotState;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Bots;

/// <summary>
/// Teams delivers an activity again when its answer was slow: on the embedded store the activity's ledger entry is
/// done in the same commit as the turn's state (issue 13), and a re-delivery is still answered once, a press with
/// the card its first delivery answered; a turn that saved nothing is given back and runs on its re-delivery.
/// </summary>
public sealed class ActivityLedgerTests : IAsyncLifetime
{
    private const string Email = "billing.Email";

    private static readonly Dictionary<string, (string Ask, string Yes, string Account, string Edit)> Words = new()
    {
        ["en-US"] = ("update zaklady miesne krasnk", "Yes", "Account: Zakłady Mięsne Kraśnik Sp. z o.o.", "Edit billing information"),
        ["pl-PL"] = ("zmień dane Zakłady Mięsne Krasnk", "Tak", "Konto: Zakłady Mięsne Kraśnik Sp. z o.o.", "Edytuj informacje rozliczeniowe"),
    };

    private BotHarness _bot = null!;
    private FaultyStateStorage _storage = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(services =>
    {
        services.AddSingleton(sp => _storage = new FaultyStateStorage(new SqliteStorage(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<IBotStateFormat>(),
            sp.GetRequiredService<BotStateOptions>(),
            TimeProvider.System,
            NullLogger<SqliteStorage>.Instance)));
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<FaultyStateStorage>());
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_press_delivered_again_gets_the_card_its_first_delivery_got_and_is_not_obeyed_again(string locale)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, w.Ask, locale));
        var press = chat.Press(People.Alex, offer, w.Yes, locale: locale);

        var account = Assert.Single(await chat.SendAsync(press));
        var again = Assert.Single(await chat.DeliverAgainAsync(press));

        Assert.Equal(CardReader.Content(account).ToString(), CardReader.Content(again).ToString());
        // The conversation is where the first delivery left it: the account card's next step works.
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, w.Edit, locale: locale));
        Assert.NotNull(CardReader.InputValue(form, Email));
    }

    [Fact]
    public async Task A_message_delivered_again_is_not_answered_again()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var message = TeamsActivities.Message(People.Alex, Words["en-US"].Ask);

        Assert.NotEmpty(await chat.SendAsync(message));
        Assert.Empty(await chat.DeliverAgainAsync(message));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_press_whose_state_could_not_be_saved_runs_when_delivered_again(string locale)
    {
        var w = Words[locale];
        var chat = new TeamsConversation(_bot.Bot);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, w.Ask, locale));
        var press = chat.Press(People.Alex, offer, w.Yes, locale: locale);

        _storage.BusyBeforeNextSave = true;
        // The turn fails (the adapter's error handler, not part of this harness, tells the user the store is busy).
        await Assert.ThrowsAsync<StoreBusyException>(() => chat.SendAsync(press));
        var again = Assert.Single(await chat.DeliverAgainAsync(press));

        Assert.Contains(w.Account, CardReader.Text(again), StringComparison.Ordinal);
        Assert.NotNull(CardReader.InputValue(Assert.Single(await chat.PressAsync(People.Alex, again, w.Edit, locale: locale)), Email));
    }

    [Fact]
    public async Task A_press_whose_state_was_saved_before_its_turn_failed_is_not_run_again_when_delivered_again()
    {
        var w = Words["en-US"];
        var chat = new TeamsConversation(_bot.Bot);
        var offer = Assert.Single(await chat.SayAsync(People.Alex, w.Ask));
        var press = chat.Press(People.Alex, offer, w.Yes);

        _storage.FailAfterNextSave = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => chat.SendAsync(press));
        var again = Assert.Single(await chat.DeliverAgainAsync(press));

        // The re-delivery is answered with the saved turn's card: the turn did not run a second time.
        Assert.Contains(w.Account, CardReader.Text(again), StringComparison.Ordinal);
        Assert.NotNull(CardReader.InputValue(Assert.Single(await chat.PressAsync(People.Alex, again, w.Edit)), Email));
    }

    /// <summary>The real storage, made to fail the next conversation save before it writes, or right after it wrote.</summary>
    private sealed class FaultyStateStorage(SqliteStorage inner) : IStorage, IExpiringBotState
    {
        public bool BusyBeforeNextSave { get; set; }

        public bool FailAfterNextSave { get; set; }

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(keys, cancellationToken);

        public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            var conversation = changes.Keys.Any(k => k.Contains("/conversations/", StringComparison.Ordinal));
            if (conversation && BusyBeforeNextSave)
            {
                BusyBeforeNextSave = false;
                throw new StoreBusyException("Another connection held the write lock (test).", null);
            }

            await inner.WriteAsync(changes, cancellationToken);
            if (conversation && FailAfterNextSave)
            {
                FailAfterNextSave = false;
                throw new InvalidOperationException("The turn failed after its state was saved (test).");
            }
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);

        public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken) => inner.DeleteExpiredAsync(cancellationToken);
    }
}
