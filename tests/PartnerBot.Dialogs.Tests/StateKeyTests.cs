using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PartnerBot.Dialogs.Tests;

public class StateKeyTests
{
    [Theory]
    [InlineData("personal", null, "msteams/conversations/c1")]
    [InlineData(null, null, "msteams/conversations/c1")]
    [InlineData("groupChat", null, "msteams/conversations/c1/users/29:u1")]
    [InlineData("channel", null, "msteams/conversations/c1/users/29:u1")]
    [InlineData(null, true, "msteams/conversations/c1/users/29:u1")]
    public void The_key_is_per_conversation_in_personal_chat_and_per_user_in_shared_ones(
        string? conversationType, bool? isGroup, string expected)
    {
        var activity = new Activity
        {
            ChannelId = "msteams",
            Conversation = new ConversationAccount(isGroup: isGroup, conversationType: conversationType, id: "c1"),
            From = new ChannelAccount("29:u1"),
        };

        Assert.Equal(expected, DialogConversationState.StorageKey(activity));
    }

    [Theory]
    [InlineData("groupChat", null)]
    [InlineData("channel", true)]
    public async Task Two_users_in_one_shared_conversation_each_have_their_own_waterfall(string conversationType, bool? isGroup)
    {
        var harness = new DialogHarness(NameThenGreet(), conversation: DialogHarness.SharedChat(conversationType, isGroup));

        await harness.Flow()
            .Send(DialogHarness.Message("hi", "29:ann")).AssertReply("Name?")
            .Send(DialogHarness.Message("hi", "29:bob")).AssertReply("Name?")
            .Send(DialogHarness.Message("Ann", "29:ann")).AssertReply("Hi Ann, that was step 1 for 29:ann")
            .Send(DialogHarness.Message("Bob", "29:bob")).AssertReply("Hi Bob, that was step 1 for 29:bob")
            .StartTestAsync();

        Assert.NotNull(await harness.SavedStateAsync(harness.KeyOf("29:ann")));
        Assert.NotNull(await harness.SavedStateAsync(harness.KeyOf("29:bob")));
    }

    [Fact]
    public async Task A_personal_chat_is_keyed_per_conversation()
    {
        var storage = new MemoryStorage();
        var first = new DialogHarness(NameThenGreet(), storage, DialogHarness.PersonalChat("a:chat-1"));
        var second = new DialogHarness(NameThenGreet(), storage, DialogHarness.PersonalChat("a:chat-2"));

        await first.Flow().Send("hi").AssertReply("Name?").StartTestAsync();
        await second.Flow().Send("hi").AssertReply("Name?").StartTestAsync();
        await first.Flow().Send("Ann").AssertReply("Hi Ann, that was step 1 for 29:user-1").StartTestAsync();

        var keys = new[] { "msteams/conversations/a:chat-1", "msteams/conversations/a:chat-2" };
        Assert.Equal(keys, (await storage.ReadAsync(keys, CancellationToken.None)).Keys.Order());
    }

    private static WaterfallDialog NameThenGreet() => new("greet",
    [
        async (step, ct) =>
        {
            await step.Context.SendActivityAsync("Name?", cancellationToken: ct);
            return Dialog.EndOfTurn;
        },
        async (step, ct) =>
        {
            await step.Context.SendActivityAsync(
                $"Hi {step.Result}, that was step {step.Index} for {step.Context.Activity.From.Id}", cancellationToken: ct);
            return await step.EndDialogAsync(null, ct);
        },
    ]);
}
