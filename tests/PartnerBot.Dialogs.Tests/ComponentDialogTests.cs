using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs.Tests;

public class ComponentDialogTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData("plain-json")]
    public async Task A_component_runs_its_child_and_hands_the_result_to_the_parent(string storageKind)
    {
        var harness = new DialogHarness(Root(new ProfileDialog()), DialogHarness.CreateStorage(storageKind));

        await harness.Flow()
            .Send("hi").AssertReply("Your name?")
            .Send("Ann").AssertReply("Your city?")
            .Send("Łódź").AssertReply("Welcome Ann from Łódź")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult.Status);
    }

    [Fact]
    public async Task A_component_keeps_its_inner_stack_in_its_own_instance_state()
    {
        var harness = new DialogHarness(Root(new ProfileDialog()));

        await harness.Flow().Send("hi").AssertReply("Your name?").StartTestAsync();

        var top = (await harness.SavedStateAsync(harness.KeyOf()))!.DialogStack;
        Assert.Equal(["app"], top.Select(i => i.Id));
        var app = Inner(top[0]);
        Assert.Equal(["profile", "root"], app.Select(i => i.Id));
        Assert.Equal(["text", "profile-steps"], Inner(app[0]).Select(i => i.Id));

        static List<DialogInstance> Inner(DialogInstance component) =>
            Newtonsoft.Json.Linq.JToken.FromObject(component.State["dialogs"]!).ToObject<DialogState>()!.DialogStack;
    }

    [Fact]
    public async Task A_component_subclass_intercepts_messages_before_its_children()
    {
        var harness = new DialogHarness(Root(new SkippableProfileDialog()));

        await harness.Flow()
            .Send("hi").AssertReply("Your name?")
            .Send("skip").AssertReply("Skipped.").AssertReply("Welcome nobody")
            .StartTestAsync();
    }

    private static ComponentDialog Root(ComponentDialog profile)
    {
        var root = new ComponentDialog("app");
        root.AddDialog(new WaterfallDialog("root",
        [
            (step, ct) => step.BeginDialogAsync("profile", null, ct),
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Welcome {step.Result ?? "nobody"}", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]));
        root.AddDialog(profile);
        return root;
    }

    private class ProfileDialog : ComponentDialog
    {
        public ProfileDialog()
            : base("profile")
        {
            AddDialog(new WaterfallDialog("profile-steps",
            [
                (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = PromptMessage.FromText("Your name?") }, ct),
                (step, ct) =>
                {
                    step.Values["name"] = step.Result;
                    return step.PromptAsync("text", new PromptOptions { Prompt = PromptMessage.FromText("Your city?") }, ct);
                },
                (step, ct) => step.EndDialogAsync($"{step.GetValue<string>("name")} from {step.Result}", ct),
            ]));
            AddDialog(new TextPrompt("text"));
        }
    }

    /// <summary>The SDK samples' CancelAndHelpDialog pattern: look at the message before the children do.</summary>
    private sealed class SkippableProfileDialog : ProfileDialog
    {
        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
        {
            if (innerDc.Context.Activity.Text == "skip")
            {
                await innerDc.Context.SendActivityAsync("Skipped.", cancellationToken: cancellationToken);
                return await innerDc.CancelAllDialogsAsync(cancellationToken);
            }

            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
    }
}
