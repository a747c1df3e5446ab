using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Data;
using PartnerBot.Data.BotState;
using PartnerBot.Dialogs;
using PartnerBot.Hosting;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.State;

/// <summary>
/// A conversation's next turn on the instance that saved it takes the saved state back instead of parsing its
/// document, but only while the store still holds exactly what was saved: another instance's save, a restart, a hand
/// edit, a failed save or a turn that changed its state without saving it all read the store.
/// </summary>
public sealed class SavedStateKeepTests : IAsyncLifetime
{
    private const string Conversation = "a:kept";
    private const string Key = "msteams/conversations/" + Conversation;

    private BotHarness _bot = null!;
    private FailingStorage _storage = null!;
    private DocumentConversationState _state = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.StartAsync();
        _storage = new FailingStorage(_bot.Services.GetRequiredService<IStorage>());
        _state = new DocumentConversationState(_storage, _bot.Services.GetRequiredService<DialogBotStateFormat>());
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_next_turn_here_continues_from_the_state_it_saved_without_reading_it_back()
    {
        await TurnAsync(_state, turn => SetStepAsync(_state, turn, 1));

        DialogState? first = null, second = null;
        await TurnAsync(_state, async turn => first = await DialogsAsync(_state, turn));
        await TurnAsync(_state, async turn =>
        {
            second = await DialogsAsync(_state, turn);
            second.DialogStack[0].State["stepIndex"] = 2;
        });
        Assert.Same(first, second);

        await TurnAsync(_state, async turn => Assert.Equal(2, (await DialogsAsync(_state, turn)).DialogStack[0].State["stepIndex"]));
        Assert.Equal(2, await StepInStoreAsync());
    }

    [Fact]
    public async Task A_save_by_another_instance_or_a_restarted_one_is_read_from_the_store()
    {
        await TurnAsync(_state, turn => SetStepAsync(_state, turn, 1));

        // Another instance (or this one after a restart): its own format and storage over the same database.
        var other = OtherInstance();
        await TurnAsync(other, async turn =>
        {
            var dialogs = await DialogsAsync(other, turn);
            Assert.Equal(1, dialogs.DialogStack[0].State["stepIndex"]);
            dialogs.DialogStack[0].State["stepIndex"] = 7;
        });

        await TurnAsync(_state, async turn => Assert.Equal(7, (await DialogsAsync(_state, turn)).DialogStack[0].State["stepIndex"]));
    }

    [Fact]
    public async Task A_document_changed_by_hand_under_the_same_etag_is_read_from_the_store()
    {
        await TurnAsync(_state, turn => SetStepAsync(_state, turn, 1));
        var stored = new StoredState(_bot.Services);
        var document = await stored.DocumentAsync(Key);
        Assert.NotNull(document);
        await stored.ReplaceDocumentAsync(document.Replace("\"stepIndex\":1", "\"stepIndex\":4", StringComparison.Ordinal), Key);

        await TurnAsync(_state, async turn => Assert.Equal(4, (await DialogsAsync(_state, turn)).DialogStack[0].State["stepIndex"]));
    }

    [Fact]
    public async Task A_turn_whose_save_fails_or_that_fails_before_saving_leaves_its_changes_to_no_later_turn()
    {
        await TurnAsync(_state, turn => SetStepAsync(_state, turn, 1));

        _storage.FailWrites = true;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => TurnAsync(_state, async turn =>
            (await DialogsAsync(_state, turn)).DialogStack[0].State["stepIndex"] = 5));
        _storage.FailWrites = false;
        await TurnAsync(_state, async turn => Assert.Equal(1, (await DialogsAsync(_state, turn)).DialogStack[0].State["stepIndex"]));

        using (var failing = Turn())
        {
            await _state.LoadAsync(failing, force: true);
            (await DialogsAsync(_state, failing)).DialogStack[0].State["stepIndex"] = 6;

            // The turn throws here: nothing saves it.
        }

        await TurnAsync(_state, async turn => Assert.Equal(1, (await DialogsAsync(_state, turn)).DialogStack[0].State["stepIndex"]));
        Assert.Equal(1, await StepInStoreAsync());
    }

    [Fact]
    public void The_keep_holds_at_most_its_capacity_dropping_the_oldest_and_hands_a_state_out_once()
    {
        var keep = new SavedStateKeep();
        for (var i = 0; i <= SavedStateKeep.Capacity; i++)
        {
            keep.Put($"k{i}", "e", "{}", new Dictionary<string, object>());
        }

        Assert.Equal(SavedStateKeep.Capacity, keep.Count);
        Assert.False(keep.TryTake("k0", "e", "{}", out _));
        Assert.True(keep.TryTake("k1", "e", "{}", out _));
        Assert.False(keep.TryTake("k1", "e", "{}", out _));

        // Another etag or document: not handed out, and no longer kept.
        Assert.False(keep.TryTake("k2", "other", "{}", out _));
        Assert.False(keep.TryTake("k2", "e", "{}", out _));
        Assert.False(keep.TryTake("k3", "e", "{\"v\":2}", out _));
        Assert.Equal(SavedStateKeep.Capacity - 3, keep.Count);
    }

    private DocumentConversationState OtherInstance()
    {
        var format = new DialogBotStateFormat(_bot.Services.GetRequiredService<DialogStateDocument>());
        var storage = new SqliteStorage(
            _bot.Services.GetRequiredService<SqliteDatabase>(),
            format,
            _bot.Services.GetRequiredService<BotStateOptions>(),
            TimeProvider.System,
            NullLogger<SqliteStorage>.Instance);
        return new DocumentConversationState(storage, format);
    }

    private async Task<object?> StepInStoreAsync()
    {
        var document = await new StoredState(_bot.Services).DocumentAsync(Key);
        var bag = _bot.Services.GetRequiredService<DialogStateDocument>().Read(document!);
        return ((DialogState)bag[nameof(DialogState)]).DialogStack[0].State["stepIndex"];
    }

    private static async Task SetStepAsync(BotState state, ITurnContext turn, int step)
    {
        var dialogs = new DialogState();
        dialogs.DialogStack.Add(new DialogInstance { Id = "survey", State = new Dictionary<string, object?> { ["stepIndex"] = step } });
        await state.CreateProperty<DialogState>(nameof(DialogState)).SetAsync(turn, dialogs, CancellationToken.None);
    }

    private static Task<DialogState> DialogsAsync(BotState state, ITurnContext turn) =>
        state.CreateProperty<DialogState>(nameof(DialogState)).GetAsync(turn, () => new DialogState(), CancellationToken.None);

    private static async Task TurnAsync(BotState state, Func<ITurnContext, Task> work)
    {
        using var turn = Turn();
        await state.LoadAsync(turn, force: true);
        await work(turn);
        await state.SaveChangesAsync(turn);
    }

    private static TurnContext Turn() => new(new TestAdapter(), new Activity
    {
        Type = ActivityTypes.Message,
        ChannelId = "msteams",
        Conversation = new ConversationAccount(id: Conversation),
        From = new ChannelAccount("29:alex"),
        Recipient = new ChannelAccount("28:bot"),
    });

    /// <summary>The app's real storage, whose writes fail as an unavailable store's do while asked to.</summary>
    private sealed class FailingStorage(IStorage inner) : IStorage
    {
        public bool FailWrites { get; set; }

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) => inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
            FailWrites
                ? throw new StoreUnavailableException(StoreFault.Damaged, "The database reported an I/O error.")
                : inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);
    }
}
