using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs.Tests;

public class ControlTests
{
    [Fact]
    public async Task Cancelling_all_dialogs_from_a_step_empties_the_stack()
    {
        var root = new ComponentDialog("root");
        root.AddDialog(new WaterfallDialog("main",
        [
            (step, ct) => step.BeginDialogAsync("child", null, ct),
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("never reached", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
        ]));
        root.AddDialog(new WaterfallDialog("child",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Continue?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Stopped.", cancellationToken: ct);
                return await step.CancelAllDialogsAsync(ct);
            },
        ]));
        var harness = new DialogHarness(root);

        await harness.Flow()
            .Send("go").AssertReply("Continue?")
            .Send("stop").AssertReply("Stopped.")
            .StartTestAsync();

        Assert.Empty((await harness.SavedStateAsync(harness.KeyOf()))!.DialogStack);
    }

    [Fact]
    public async Task Cancel_all_at_the_top_reports_cancelled()
    {
        var harness = new DialogHarness(new WaterfallDialog("main",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Continue?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            (step, ct) => step.CancelAllDialogsAsync(ct),
        ]));

        await harness.Flow().Send("go").AssertReply("Continue?").Send("stop").AssertNoReplyAfterTheTurn(harness.Adapter).StartTestAsync();

        Assert.Equal(DialogTurnStatus.Cancelled, harness.LastResult.Status);
        Assert.Empty((await harness.SavedStateAsync(harness.KeyOf()))!.DialogStack);
    }

    [Fact]
    public async Task Replacing_a_dialog_with_itself_loops_without_growing_the_stack()
    {
        var loop = new ComponentDialog("loop");
        loop.AddDialog(new WaterfallDialog("sum",
        [
            (step, ct) => step.PromptAsync(
                "number",
                new PromptOptions { Prompt = PromptMessage.FromText($"Total {step.GetOptions<int>()}. Next number?") },
                ct),
            async (step, ct) =>
            {
                var total = step.GetOptions<int>();
                if (step.Result is "done")
                {
                    await step.Context.SendActivityAsync($"Final {total}", cancellationToken: ct);
                    return await step.EndDialogAsync(total, ct);
                }

                return await step.ReplaceDialogAsync("sum", total + int.Parse((string)step.Result!, System.Globalization.CultureInfo.InvariantCulture), ct);
            },
        ]));
        loop.AddDialog(new TextPrompt("number"));
        var harness = new DialogHarness(loop);
        var depths = new List<int>();

        await harness.Flow()
            .Send("start").AssertReply("Total 0. Next number?")
            .Send("2").AssertReply("Total 2. Next number?")
            .Send("3").AssertReply("Total 5. Next number?")
            .StartTestAsync();
        depths.Add(InnerDepth((await harness.SavedStateAsync(harness.KeyOf()))!));
        await harness.Flow().Send("done").AssertReply("Final 5").StartTestAsync();

        Assert.Equal([2], depths);
        Assert.Equal(5, harness.LastResult.Result);
    }

    [Fact]
    public async Task Reprompting_asks_the_active_prompt_again_without_moving_on()
    {
        var harness = new DialogHarness(PromptTests.AskThen(
            new TextPrompt("prompt"),
            new PromptOptions { Prompt = PromptMessage.FromText("Name?") }))
        {
            Options = new DialogRunOptions
            {
                Interruptions = (dc, _) => Task.FromResult(
                    dc.Context.Activity.Text == "again" ? DialogInterruption.Handled : DialogInterruption.None),
            },
        };

        await harness.Flow()
            .Send("go").AssertReply("Name?")
            .Send("again").AssertReply("Name?")
            .Send("again").AssertReply("Name?")
            .Send("Ann").AssertReply("Got Ann")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_dialog_context_reprompt_reaches_the_prompt_inside_nested_components()
    {
        var root = PromptTests.AskThen(new TextPrompt("prompt"), new PromptOptions { Prompt = PromptMessage.FromText("Name?") });
        var harness = new DialogHarness(root);
        await harness.Flow().Send("go").AssertReply("Name?").StartTestAsync();

        // A turn outside TestFlow, so the test can call the DialogContext itself.
        var adapter = harness.Adapter;
        var accessor = new DialogConversationState(harness.Storage).CreateProperty<DialogState>(DialogHarness.StateProperty);
        await adapter.ProcessActivityAsync(DialogHarness.Message("(reprompt)"), async (turn, ct) =>
        {
            var dc = await new DialogSet(accessor).Add(root).CreateContextAsync(turn, ct);
            await dc.RepromptDialogAsync(ct);
        }, CancellationToken.None);

        Assert.Equal("Name?", adapter.GetNextReply()?.AsMessageActivity().Text);
    }

    private static int InnerDepth(DialogState saved) =>
        Newtonsoft.Json.Linq.JToken.FromObject(saved.DialogStack[0].State["dialogs"]!).ToObject<DialogState>()!.DialogStack.Count;
}
