using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PartnerBot.Dialogs.Tests;

public class PromptTests
{
    [Fact]
    public async Task A_failed_validation_sends_the_retry_prompt_and_a_valid_reply_ends_the_prompt()
    {
        var attempts = new List<int>();
        var harness = new DialogHarness(AskThen(
            new TextPrompt("prompt", (ctx, _) =>
            {
                attempts.Add(ctx.AttemptCount);
                return Task.FromResult(ctx.Recognized.Value?.Length >= ctx.GetValidations<int>());
            }),
            new PromptOptions
            {
                Prompt = PromptMessage.FromText("Company name?"),
                RetryPrompt = PromptMessage.FromText("At least 3 letters, please."),
                Validations = 3,
            }));

        await harness.Flow()
            .Send("go").AssertReply("Company name?")
            .Send("AB").AssertReply("At least 3 letters, please.")
            .Send("  Contoso ").AssertReply("Got Contoso")
            .StartTestAsync();

        Assert.Equal([1, 2], attempts);
    }

    [Fact]
    public async Task Without_a_retry_prompt_the_prompt_itself_is_asked_again()
    {
        var harness = new DialogHarness(AskThen(
            new TextPrompt("prompt", (ctx, _) => Task.FromResult(ctx.Recognized.Value != "no")),
            new PromptOptions { Prompt = PromptMessage.FromText("Name?") }));

        await harness.Flow()
            .Send("go").AssertReply("Name?")
            .Send("no").AssertReply("Name?")
            .StartTestAsync();
    }

    [Fact]
    public async Task When_attempts_run_out_the_prompt_ends_with_a_result_that_says_so()
    {
        var harness = new DialogHarness(AskThen(
            new TextPrompt("prompt", (ctx, _) => Task.FromResult(ctx.Recognized.Value == "secret")),
            new PromptOptions
            {
                Prompt = PromptMessage.FromText("Password?"),
                RetryPrompt = PromptMessage.FromText("Wrong, try again."),
                MaxAttempts = 2,
            }));

        await harness.Flow()
            .Send("go").AssertReply("Password?")
            .Send("one").AssertReply("Wrong, try again.")
            .Send("two").AssertReply("Gave up after 2 attempts, last 'two'")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult.Status);
    }

    [Fact]
    public async Task A_text_prompt_does_not_accept_a_card_submit()
    {
        var harness = new DialogHarness(AskThen(
            new TextPrompt("prompt"),
            new PromptOptions { Prompt = PromptMessage.FromText("Name?"), RetryPrompt = PromptMessage.FromText("Please type it.") }));

        await harness.Flow()
            .Send("go").AssertReply("Name?")
            .Send(DialogHarness.Submit("""{"choice":"x"}""")).AssertReply("Please type it.")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("""{"choice":"lodz-id"}""", null)]
    [InlineData(null, "lodz")]
    [InlineData(null, "ŁÓDŹ")]
    [InlineData(null, "  Łódź.")]
    [InlineData(null, "the lodz one")]
    [InlineData(null, "2")]
    public async Task A_choice_is_recognized_by_button_value_typed_title_or_synonym_and_number(string? submit, string? typed)
    {
        var harness = new DialogHarness(AskThen(new ChoicePrompt("prompt"), CityChoices()));
        var reply = submit is null ? DialogHarness.Message(typed!) : DialogHarness.Submit(submit);

        await harness.Flow()
            .Send("go").AssertReply("Which city?\n\n1. Kraków\n2. Łódź\n3. Zakłady Łódzkie")
            .Send(reply).AssertReply("Got lodz-id at 1")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("warsaw")]
    [InlineData("""{"choice":"warsaw-id"}""")]
    public async Task An_unknown_choice_gets_the_retry_prompt(string reply)
    {
        var harness = new DialogHarness(AskThen(new ChoicePrompt("prompt"), CityChoices()));
        var activity = reply.StartsWith('{') ? DialogHarness.Submit(reply) : DialogHarness.Message(reply);

        await harness.Flow()
            .Send("go").AssertReply("Which city?\n\n1. Kraków\n2. Łódź\n3. Zakłady Łódzkie")
            .Send(activity).AssertReply("Pick one of the cities.\n\n1. Kraków\n2. Łódź\n3. Zakłady Łódzkie")
            .Send("zaklady lodzkie").AssertReply("Got zaklady-id at 2")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_choice_prompt_with_a_card_sends_the_card_as_it_is()
    {
        var options = CityChoices();
        var prompt = (Activity)MessageFactory.Text("Which city?");
        prompt.Attachments = [new Attachment("application/vnd.microsoft.card.adaptive", content: new { type = "AdaptiveCard" })];
        options.Prompt = PromptMessage.FromActivity(prompt);
        var harness = new DialogHarness(AskThen(new ChoicePrompt("prompt"), options));

        await harness.Flow()
            .Send("go").AssertReply(a =>
            {
                Assert.Equal("Which city?", ((IMessageActivity)a).Text);
                Assert.Single(((IMessageActivity)a).Attachments);
            })
            .Send(DialogHarness.Submit("""{"choice":"krakow-id"}""")).AssertReply("Got krakow-id at 0")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("yes", "True")]
    [InlineData("OK!", "True")]
    [InlineData("Tak", "True")]
    [InlineData("t", "True")]
    [InlineData("jasne", "True")]
    [InlineData("no", "False")]
    [InlineData("n", "False")]
    [InlineData("Nie.", "False")]
    public async Task A_confirm_prompt_understands_the_english_and_polish_words_it_is_given(string typed, string expected)
    {
        var harness = new DialogHarness(AskThen(new ConfirmPrompt("prompt", YesNo), ConfirmOptions()));

        await harness.Flow()
            .Send("go").AssertReply("Save the changes? (yes/no)")
            .Send(typed).AssertReply($"Got {expected}")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("""{"confirm":false}""", "False")]
    [InlineData("""{"confirm":true}""", "True")]
    [InlineData("""{"confirm":"true"}""", "True")]
    public async Task A_confirm_prompt_understands_card_buttons(string submit, string expected)
    {
        var harness = new DialogHarness(AskThen(new ConfirmPrompt("prompt", YesNo), ConfirmOptions()));

        await harness.Flow()
            .Send("go").AssertReply("Save the changes? (yes/no)")
            .Send(DialogHarness.Submit(submit)).AssertReply($"Got {expected}")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_confirm_prompt_hints_in_the_users_language_and_retries_on_anything_else()
    {
        var harness = new DialogHarness(AskThen(new ConfirmPrompt("prompt", YesNo), new PromptOptions
        {
            Prompt = PromptMessage.FromText("Zapisać zmiany?"),
            RetryPrompt = PromptMessage.FromText("Odpowiedz tak lub nie."),
        }));

        await harness.Flow()
            .Send(DialogHarness.Message("start", locale: "pl-PL")).AssertReply("Zapisać zmiany? (tak/nie)")
            .Send(DialogHarness.Message("może", locale: "pl-PL")).AssertReply("Odpowiedz tak lub nie. (tak/nie)")
            .Send(DialogHarness.Message("tak", locale: "pl-PL")).AssertReply("Got True")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_confirm_prompt_knows_only_the_words_and_hint_the_app_gives_it()
    {
        var harness = new DialogHarness(AskThen(new ConfirmPrompt("prompt", new ConfirmWords(["yes"], ["no"])), ConfirmOptions()));

        await harness.Flow()
            .Send("go").AssertReply("Save the changes?")
            .Send("tak").AssertReply("Please answer yes or no.")
            .Send("yes").AssertReply("Got True")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_action_execute_whose_verb_is_a_choice_answers_the_choice_prompt()
    {
        var harness = new DialogHarness(AskThen(new ChoicePrompt("prompt"), CityChoices()));

        await harness.Flow()
            .Send("go").AssertReply(a => Assert.StartsWith("Which city?", ((IMessageActivity)a).Text, StringComparison.Ordinal))
            .Send(DialogHarness.Execute("nowhere")).AssertReply(a => Assert.StartsWith("Pick one of the cities.", ((IMessageActivity)a).Text, StringComparison.Ordinal))
            .Send(DialogHarness.Execute("lodz-id")).AssertReply("Got lodz-id at 1")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_action_execute_carrying_the_choice_as_data_answers_the_choice_prompt()
    {
        var harness = new DialogHarness(AskThen(new ChoicePrompt("prompt"), CityChoices()));

        await harness.Flow()
            .Send("go").AssertReply(_ => { })
            .Send(DialogHarness.Execute("chooseCity", """{"choice":"krakow-id"}""")).AssertReply("Got krakow-id at 0")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_action_execute_answers_a_confirm_prompt_and_a_submit_shaped_invoke_does_not()
    {
        var harness = new DialogHarness(AskThen(new ConfirmPrompt("prompt", YesNo), ConfirmOptions()));

        await harness.Flow()
            .Send("go").AssertReply("Save the changes? (yes/no)")
            .Send(DialogHarness.Execute("yes", """{"confirm":true}""", type: "Action.Submit")).AssertReply("Please answer yes or no. (yes/no)")
            .Send(DialogHarness.Execute("no", """{"confirm":false}""")).AssertReply("Got False")
            .StartTestAsync();
    }

    /// <summary>An app's yes/no words in two languages, and its hint by the activity's locale.</summary>
    private static readonly ConfirmWords YesNo = new(
        ["yes", "y", "ok", "tak", "t", "jasne"],
        ["no", "n", "nie"],
        turn => turn.Activity.Locale?.StartsWith("pl", StringComparison.OrdinalIgnoreCase) == true ? "(tak/nie)" : "(yes/no)");

    /// <summary>A root waterfall that asks with the prompt under test and reports what it got.</summary>
    internal static ComponentDialog AskThen(Dialog prompt, PromptOptions options)
    {
        var root = new ComponentDialog("root");
        root.AddDialog(new WaterfallDialog("ask",
        [
            (step, ct) => step.PromptAsync(prompt.Id, options, ct),
            async (step, ct) =>
            {
                var said = step.Result switch
                {
                    PromptAttemptsExhausted gaveUp => $"Gave up after {gaveUp.Attempts} attempts, last '{gaveUp.LastText}'",
                    FoundChoice choice => $"Got {choice.Value} at {choice.Index}",
                    Newtonsoft.Json.Linq.JObject form => $"Got form {form.ToString(Newtonsoft.Json.Formatting.None)}",
                    var other => $"Got {other}",
                };
                await step.Context.SendActivityAsync(said, cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            },
        ]));
        root.AddDialog(prompt);
        return root;
    }

    private static PromptOptions CityChoices() => new()
    {
        Prompt = PromptMessage.FromText("Which city?"),
        RetryPrompt = PromptMessage.FromText("Pick one of the cities."),
        Choices =
        [
            new Choice("krakow-id", "Kraków"),
            new Choice("lodz-id", "Łódź", ["the lodz one"]),
            new Choice("zaklady-id", "Zakłady Łódzkie"),
        ],
    };

    private static PromptOptions ConfirmOptions() => new()
    {
        Prompt = PromptMessage.FromText("Save the changes?"),
        RetryPrompt = PromptMessage.FromText("Please answer yes or no."),
    };
}
