using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs.Tests;

public class ChangedDialogTests
{
    [Fact]
    public async Task A_dialog_whose_version_changed_mid_conversation_restarts_politely()
    {
        var resets = new List<DialogStateException>();
        var harness = new DialogHarness(Survey("survey", version: "1"))
        {
            Options = new DialogRunOptions { OnStateReset = (_, ex) => resets.Add(ex) },
        };
        await harness.Flow().Send("go").AssertReply("Q1?").Send("a").AssertReply("Q2?").StartTestAsync();

        harness.Root = Survey("survey", version: "2");
        await harness.Flow()
            .Send("b").AssertReply(DialogRunOptions.DefaultChangedDialogMessage).AssertReply("Q1?")
            .Send("x").AssertReply("Q2?")
            .StartTestAsync();

        Assert.Contains("version '1', now '2'", Assert.Single(resets).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waterfall_that_lost_a_step_restarts_politely()
    {
        var harness = new DialogHarness(Survey("survey", steps: 3));
        await harness.Flow().Send("go").AssertReply("Q1?").Send("a").AssertReply("Q2?").StartTestAsync();

        harness.Root = Survey("survey", steps: 2);
        await harness.Flow()
            .Send("b").AssertReply(DialogRunOptions.DefaultChangedDialogMessage).AssertReply("Q1?")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_saved_dialog_that_no_longer_exists_restarts_politely()
    {
        var harness = new DialogHarness(Survey("survey-2024"));
        await harness.Flow().Send("go").AssertReply("Q1?").StartTestAsync();

        harness.Root = Survey("survey-2025");
        await harness.Flow()
            .Send("a").AssertReply(DialogRunOptions.DefaultChangedDialogMessage).AssertReply("Q1?")
            .StartTestAsync();

        Assert.Equal("survey-2025", Assert.Single((await harness.SavedStateAsync(harness.KeyOf()))!.DialogStack).Id);
    }

    [Fact]
    public async Task A_changed_child_inside_a_component_restarts_politely()
    {
        var harness = new DialogHarness(App(Survey("inner", version: "1")));
        await harness.Flow().Send("go").AssertReply("Q1?").StartTestAsync();

        harness.Root = App(Survey("inner", version: "2"));
        await harness.Flow()
            .Send("a").AssertReply(DialogRunOptions.DefaultChangedDialogMessage).AssertReply("Q1?")
            .StartTestAsync();

        static ComponentDialog App(Dialog inner) => new ComponentDialog("app").AddDialog(inner);
    }

    [Fact]
    public async Task A_redeploy_that_only_adds_a_sibling_dialog_does_not_interrupt_anyone()
    {
        var harness = new DialogHarness(new ComponentDialog("app").AddDialog(Survey("inner")));
        await harness.Flow().Send("go").AssertReply("Q1?").StartTestAsync();

        harness.Root = new ComponentDialog("app").AddDialog(Survey("inner")).AddDialog(new TextPrompt("added-later"));
        await harness.Flow().Send("a").AssertReply("Q2?").StartTestAsync();
    }

    [Theory]
    [InlineData("\"garbage\"")]
    [InlineData("""{"dialogStack":"not a list"}""")]
    [InlineData("""{"dialogStack":[{"state":{}}]}""")]
    [InlineData("""{"dialogStack":[{"id":"survey","version":"survey/3","state":{"stepIndex":"abc"}}]}""")]
    [InlineData("""{"dialogStack":[{"id":"survey","version":"survey/3","state":{"stepIndex":-5}}]}""")]
    public async Task Unreadable_saved_state_restarts_politely(string savedJson)
    {
        var harness = new DialogHarness(Survey("survey"));
        var key = DialogConversationState.StorageKey(harness.KeyOf());
        await harness.Storage.WriteAsync(new Dictionary<string, object>
        {
            [key] = new JObject { [DialogHarness.StateProperty] = JToken.Parse(savedJson) },
        });

        await harness.Flow()
            .Send("a").AssertReply(DialogRunOptions.DefaultChangedDialogMessage).AssertReply("Q1?")
            .Send("b").AssertReply("Q2?")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_app_localizes_the_message_and_may_choose_not_to_restart()
    {
        var harness = new DialogHarness(Survey("survey", version: "1"))
        {
            Options = new DialogRunOptions
            {
                ChangedDialogMessage = turn => turn.Activity.Locale == "pl-PL"
                    ? "Przepraszam, zaktualizowano mnie w trakcie rozmowy. Zacznijmy od nowa."
                    : "Sorry, let's start again.",
                RestartRootAfterChange = false,
            },
        };
        await harness.Flow().Send("go").AssertReply("Q1?").StartTestAsync();

        harness.Root = Survey("survey", version: "2");
        await harness.Flow()
            .Send(DialogHarness.Message("a", locale: "pl-PL"))
            .AssertReply("Przepraszam, zaktualizowano mnie w trakcie rozmowy. Zacznijmy od nowa.")
            .AssertNoReplyAfterTheTurn(harness.Adapter)
            .Send("hello").AssertReply("Q1?")
            .StartTestAsync();
    }

    /// <summary>Asks Q1?, Q2?, ... one per turn; the step count is part of the default version.</summary>
    private static WaterfallDialog Survey(string id, string? version = null, int steps = 3) =>
        new(id, Enumerable.Range(1, steps).Select(n => (WaterfallStep)(async (step, ct) =>
        {
            await step.Context.SendActivityAsync($"Q{n}?", cancellationToken: ct);
            return Dialog.EndOfTurn;
        })), version);
}
