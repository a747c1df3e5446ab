using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs.Tests;

public class InterruptionTests
{
    [Fact]
    public async Task Help_is_answered_and_the_waterfall_goes_on_at_the_same_step()
    {
        var harness = Harness(NameAndCity());

        await harness.Flow()
            .Send("go").AssertReply("Name?")
            .Send("Ann").AssertReply("City?")
            .Send("help").AssertReply("Answer the question, or say cancel.").AssertReply("City?")
            .Send("Kraków").AssertReply("Done: Ann, Kraków")
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_after_a_form_error_shows_the_form_with_its_errors_again()
    {
        var harness = Harness(PromptTests.AskThen(
            new CardFormPrompt("form", CardFormPromptTests.ValidateEmail), CardFormPromptTests.FormOptions()));

        await harness.Flow()
            .Send("edit").AssertReply(a => Assert.Equal("form", CardFormPromptTests.CardId(a)))
            .Send(DialogHarness.Submit("""{"email":"bad"}""")).AssertReply(a => Assert.Equal("form-with-errors", CardFormPromptTests.CardId(a)))
            .Send("help").AssertReply("Answer the question, or say cancel.")
            .AssertReply(a => Assert.Equal("bad", (string?)CardFormPromptTests.Card(a)["email"]))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_quiet_interruption_keeps_the_dialog_waiting_without_asking_again()
    {
        var harness = Harness(NameAndCity());

        await harness.Flow()
            .Send("go").AssertReply("Name?")
            .Send("thanks").AssertReply("You're welcome.")
            .AssertNoReplyAfterTheTurn(harness.Adapter)
            .Send("Ann").AssertReply("City?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Cancel_ends_every_dialog_and_the_next_message_starts_afresh()
    {
        var harness = Harness(NameAndCity());

        await harness.Flow()
            .Send("go").AssertReply("Name?")
            .Send("Ann").AssertReply("City?")
            .Send("cancel").AssertReply("Cancelled.")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Cancelled, harness.LastResult.Status);
        Assert.Empty((await harness.SavedStateAsync(harness.KeyOf()))!.DialogStack);
        await harness.Flow().Send("hello again").AssertReply("Name?").StartTestAsync();
    }

    [Fact]
    public async Task Start_over_cancels_and_begins_the_root_dialog_again()
    {
        var harness = Harness(NameAndCity());

        await harness.Flow()
            .Send("go").AssertReply("Name?")
            .Send("Ann").AssertReply("City?")
            .Send("start over").AssertReply("Starting over.").AssertReply("Name?")
            .Send("Bob").AssertReply("City?")
            .Send("Łódź").AssertReply("Done: Bob, Łódź")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_hook_is_asked_only_while_a_dialog_is_active()
    {
        var harness = Harness(NameAndCity());

        await harness.Flow()
            .Send("help").AssertReply("Name?")
            .Send("help").AssertReply("Answer the question, or say cancel.").AssertReply("Name?")
            .StartTestAsync();
    }

    private static DialogHarness Harness(Dialog root) => new(root)
    {
        Options = new DialogRunOptions { Interruptions = HelpCancelStartOver },
    };

    /// <summary>The app's side: its own words, its own replies.</summary>
    private static async Task<DialogInterruption> HelpCancelStartOver(DialogContext dc, CancellationToken cancellationToken)
    {
        switch (dc.Context.Activity.Text?.Trim().ToUpperInvariant())
        {
            case "HELP":
                await dc.Context.SendActivityAsync("Answer the question, or say cancel.", cancellationToken: cancellationToken);
                return DialogInterruption.Handled;
            case "THANKS":
                await dc.Context.SendActivityAsync("You're welcome.", cancellationToken: cancellationToken);
                return DialogInterruption.EndTurn;
            case "CANCEL":
                await dc.Context.SendActivityAsync("Cancelled.", cancellationToken: cancellationToken);
                return DialogInterruption.CancelAll;
            case "START OVER":
                await dc.Context.SendActivityAsync("Starting over.", cancellationToken: cancellationToken);
                return DialogInterruption.StartOver;
            default:
                return DialogInterruption.None;
        }
    }

    private static ComponentDialog NameAndCity()
    {
        var root = new ComponentDialog("root");
        root.AddDialog(new WaterfallDialog("steps",
        [
            (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = PromptMessage.FromText("Name?") }, ct),
            (step, ct) =>
            {
                step.Values["name"] = step.Result;
                return step.PromptAsync("text", new PromptOptions { Prompt = PromptMessage.FromText("City?") }, ct);
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Done: {step.GetValue<string>("name")}, {step.Result}", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]));
        root.AddDialog(new TextPrompt("text"));
        return root;
    }
}
