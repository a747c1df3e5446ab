using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs.Tests;

public class WaterfallTests
{
    [Fact]
    public async Task Steps_run_one_per_turn_and_NextAsync_runs_the_next_step_at_once()
    {
        var harness = new DialogHarness(new WaterfallDialog("main",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("What's your name?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            async (step, ct) =>
            {
                step.Values["name"] = step.Result;
                await step.Context.SendActivityAsync($"Hi {step.Result}", cancellationToken: ct);
                return await step.NextAsync(42, ct);
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Got {step.Result} in step {step.Index} for {step.GetValue<string>("name")}", cancellationToken: ct);
                return await step.EndDialogAsync("done", ct);
            },
        ]));

        await harness.Flow()
            .Send("hello").AssertReply("What's your name?")
            .Send("Ann").AssertReply("Hi Ann").AssertReply("Got 42 in step 2 for Ann")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult.Status);
        Assert.Equal("done", harness.LastResult.Result);
        Assert.Empty((await harness.SavedStateAsync(harness.KeyOf()))!.DialogStack);
    }

    [Fact]
    public async Task A_waterfall_that_runs_past_its_last_step_ends_and_the_next_message_begins_it_again()
    {
        var harness = new DialogHarness(new WaterfallDialog("main",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Only step", cancellationToken: ct);
                return await step.NextAsync("last", ct);
            },
        ]));

        await harness.Flow()
            .Send("one").AssertReply("Only step")
            .Send("two").AssertReply("Only step")
            .StartTestAsync();

        Assert.All(harness.Results, r => Assert.Equal(DialogTurnStatus.Complete, r.Status));
        Assert.Equal("last", harness.LastResult.Result);
    }

    [Theory]
    [InlineData("memory", "Int32", "Order")]
    [InlineData("plain-json", "Int64", "JObject")]
    public async Task Values_and_options_come_back_typed_after_a_round_trip_through_storage(
        string storageKind, string savedCountType, string savedOrderType)
    {
        string? rawCountType = null;
        string? rawOrderType = null;
        var order = new WaterfallDialog("order",
        [
            async (step, ct) =>
            {
                step.Values["count"] = 3;
                step.Values["order"] = new Order("Łódź Sp. z o.o.", 7, ["a", "b"]);
                step.Values["note"] = "kept";
                await step.Context.SendActivityAsync("Saved.", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            async (step, ct) =>
            {
                rawCountType = step.Values["count"]?.GetType().Name;
                rawOrderType = step.Values["order"]?.GetType().Name;
                var count = step.GetValue<int>("count");
                var saved = step.GetValue<Order>("order")!;
                var options = step.GetOptions<Order>()!;
                var hasMissing = step.TryGetValue<int>("missing", out _);
                var noteAsNumber = step.TryGetValue<int>("note", out _);
                await step.Context.SendActivityAsync(
                    $"{count} {saved.Customer} {saved.Quantity} {string.Join("+", saved.Tags)} | {options.Customer} {options.Quantity} | {hasMissing} {noteAsNumber}",
                    cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]);
        var main = new ComponentDialog("main");
        main.AddDialog(new WaterfallDialog("start",
        [
            (step, ct) => step.BeginDialogAsync("order", new Order("Contoso", 2, []), ct),
        ]));
        main.AddDialog(order);
        var harness = new DialogHarness(main, DialogHarness.CreateStorage(storageKind));

        await harness.Flow()
            .Send("start").AssertReply("Saved.")
            .Send("go on").AssertReply("3 Łódź Sp. z o.o. 7 a+b | Contoso 2 | False False")
            .StartTestAsync();

        // What the storage really gave back: with type names the objects survive, without them a plain
        // cast would have failed (a long for the int, a JObject for the record), and the accessors coped.
        Assert.Equal(savedCountType, rawCountType);
        Assert.Equal(savedOrderType, rawOrderType);
    }

    [Fact]
    public async Task The_waterfall_state_is_saved_as_options_values_and_step_index()
    {
        var harness = new DialogHarness(new WaterfallDialog("main",
        [
            (step, ct) => step.NextAsync(null, ct),
            async (step, ct) =>
            {
                step.Values["x"] = "y";
                await step.Context.SendActivityAsync("Waiting in step 1", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            (step, ct) => step.EndDialogAsync(null, ct),
        ]), new PlainJsonStorage());

        await harness.Flow().Send("hi").AssertReply("Waiting in step 1").StartTestAsync();

        var instance = Assert.Single((await harness.SavedStateAsync(harness.KeyOf()))!.DialogStack);
        Assert.Equal("main", instance.Id);
        Assert.Equal("main/3", instance.Version);
        Assert.Equal(1L, instance.State["stepIndex"]);
        Assert.Equal("y", (string?)((Newtonsoft.Json.Linq.JObject)instance.State["values"]!)["x"]);
        Assert.True(instance.State.ContainsKey("options"));
    }

    [Fact]
    public async Task Calling_NextAsync_twice_in_one_step_is_refused()
    {
        var harness = new DialogHarness(new WaterfallDialog("main",
        [
            async (step, ct) =>
            {
                await step.NextAsync(null, ct);
                return await step.NextAsync(null, ct);
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("second", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
        ]));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => harness.Flow().Send("hi").AssertReply("second").StartTestAsync());
        Assert.Contains("NextAsync was already called", ex.Message, StringComparison.Ordinal);
    }

    public sealed record Order(string Customer, int Quantity, List<string> Tags);
}
