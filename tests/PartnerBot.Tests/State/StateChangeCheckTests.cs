using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Bots;
using PartnerBot.Dialogs;
using PartnerBot.Hosting;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.State;

/// <summary>
/// The conversation state tells a changed conversation from an unchanged one by its stored document (not the SDK's
/// Newtonsoft hash): every change is saved, wherever in the state it was made; a turn that changes nothing writes
/// nothing; two instances saving the same conversation still conflict, and so do two starting it at once.
/// </summary>
public sealed class StateChangeCheckTests : IAsyncLifetime
{
    private BotHarness _bot = null!;
    private CountingStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.StartAsync();
        _storage = new CountingStorage(_bot.Services.GetRequiredService<IStorage>());
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_turn_that_changes_nothing_writes_nothing_and_a_change_deep_inside_the_stack_is_saved()
    {
        var state = NewState();

        // A new conversation left empty is not written.
        await TurnAsync(state, "a:quiet", _ => Task.CompletedTask);
        Assert.Equal(0, _storage.Writes);

        await TurnAsync(state, "a:quiet", async turn =>
        {
            var dialogs = new DialogState();
            dialogs.DialogStack.Add(new DialogInstance { Id = "survey", State = new Dictionary<string, object?> { ["stepIndex"] = 0 } });
            await state.CreateProperty<DialogState>(nameof(DialogState)).SetAsync(turn, dialogs, CancellationToken.None);
        });
        Assert.Equal(1, _storage.Writes);

        // Read and not changed: nothing written.
        await TurnAsync(state, "a:quiet", async turn => await StackAsync(state, turn));
        Assert.Equal(1, _storage.Writes);

        // Changed in place, three levels down, without setting the property again.
        await TurnAsync(state, "a:quiet", async turn => (await StackAsync(state, turn))[0].State["stepIndex"] = 2);
        Assert.Equal(2, _storage.Writes);

        int? stepIndex = null;
        await TurnAsync(state, "a:quiet", async turn => stepIndex = (int?)(await StackAsync(state, turn))[0].State["stepIndex"]);
        Assert.Equal(2, stepIndex);
        Assert.Equal(2, _storage.Writes);
    }

    [Fact]
    public async Task Two_instances_saving_the_same_conversation_still_conflict_and_so_do_two_starting_it()
    {
        var (first, second) = (NewState(), NewState());
        foreach (var conversation in new[] { "a:started-twice", "a:saved-twice" })
        {
            if (conversation == "a:saved-twice")
            {
                await TurnAsync(first, conversation, turn => SetStepAsync(first, turn, 0));
            }

            var (one, two) = (Turn(conversation), Turn(conversation));
            await first.LoadAsync(one, force: true);
            await second.LoadAsync(two, force: true);
            await SetStepAsync(first, one, 1);
            await SetStepAsync(second, two, 2);

            await first.SaveChangesAsync(one);
            var conflict = await Assert.ThrowsAsync<ArgumentException>(() => second.SaveChangesAsync(two));
            Assert.True(ConcurrentTurn.IsStateConflict(conflict), conflict.Message);

            int? kept = null;
            await TurnAsync(second, conversation, async turn => kept = (int?)(await StackAsync(second, turn))[0].State["stepIndex"]);
            Assert.Equal(1, kept);
        }
    }

    [Fact]
    public async Task Turns_loaded_at_once_each_hold_only_their_own_conversation()
    {
        // Every load's cache is a copy of one kept cache (LoadedStateCache): no bag may be shared between turns.
        var state = NewState();
        using var one = Turn("a:own-1");
        using var two = Turn("a:own-2");
        using var three = Turn("a:own-3");
        await state.LoadAsync(one, force: true);
        await state.LoadAsync(two, force: true);
        await SetStepAsync(state, one, 7);
        await state.LoadAsync(three, force: true);

        Assert.Null(await state.CreateProperty<DialogState>(nameof(DialogState)).GetAsync(two, null, CancellationToken.None));
        Assert.Null(await state.CreateProperty<DialogState>(nameof(DialogState)).GetAsync(three, null, CancellationToken.None));
        await state.SaveChangesAsync(two);
        await state.SaveChangesAsync(three);
        Assert.Equal(0, _storage.Writes);
        await state.SaveChangesAsync(one);
        Assert.Equal(1, _storage.Writes);

        int? kept = null;
        await TurnAsync(state, "a:own-1", async turn => kept = (int?)(await StackAsync(state, turn))[0].State["stepIndex"]);
        Assert.Equal(7, kept);
    }

    private DocumentConversationState NewState() => new(_storage, _bot.Services.GetRequiredService<DialogBotStateFormat>());

    private static async Task SetStepAsync(BotState state, ITurnContext turn, int step)
    {
        var dialogs = new DialogState();
        dialogs.DialogStack.Add(new DialogInstance { Id = "survey", State = new Dictionary<string, object?> { ["stepIndex"] = step } });
        await state.CreateProperty<DialogState>(nameof(DialogState)).SetAsync(turn, dialogs, CancellationToken.None);
    }

    private static async Task<List<DialogInstance>> StackAsync(BotState state, ITurnContext turn) =>
        (await state.CreateProperty<DialogState>(nameof(DialogState)).GetAsync(turn, () => new DialogState(), CancellationToken.None)).DialogStack;

    private static async Task TurnAsync(BotState state, string conversation, Func<ITurnContext, Task> work)
    {
        using var turn = Turn(conversation);
        await state.LoadAsync(turn, force: true);
        await work(turn);
        await state.SaveChangesAsync(turn);
    }

    private static TurnContext Turn(string conversation) => new(new TestAdapter(), new Activity
    {
        Type = ActivityTypes.Message,
        ChannelId = "msteams",
        Conversation = new ConversationAccount(id: conversation),
        From = new ChannelAccount("29:alex"),
        Recipient = new ChannelAccount("28:bot"),
    });

    /// <summary>The app's real storage, counting the writes it is asked for.</summary>
    private sealed class CountingStorage(IStorage inner) : IStorage
    {
        public int Writes { get; private set; }

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) => inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            Writes++;
            return inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);
    }
}
