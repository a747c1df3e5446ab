using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs.Tests;

public class CardFormPromptTests
{
    [Fact]
    public async Task The_submitted_values_are_the_result()
    {
        var harness = new DialogHarness(PromptTests.AskThen(new CardFormPrompt("form"), FormOptions()));

        await harness.Flow()
            .Send("edit").AssertReply(a => Assert.Equal("form", CardId(a)))
            .Send(DialogHarness.Submit("""{"email":"billing@contoso.com","phone":"+48 12 345 67 89"}"""))
            .AssertReply("""Got form {"email":"billing@contoso.com","phone":"+48 12 345 67 89"}""")
            .StartTestAsync();

        Assert.IsType<JObject>(harness.LastResult.Result);
    }

    [Fact]
    public async Task Typed_text_instead_of_a_submit_gets_the_retry_prompt_and_the_validator_sees_it()
    {
        string? seenText = null;
        var harness = new DialogHarness(PromptTests.AskThen(
            new CardFormPrompt("form", (ctx, _) =>
            {
                if (!ctx.Recognized.Succeeded)
                {
                    seenText = ctx.Context.Activity.Text;
                }

                return Task.FromResult(true);
            }),
            FormOptions()));

        await harness.Flow()
            .Send("edit").AssertReply(a => Assert.Equal("form", CardId(a)))
            .Send("billing@contoso.com").AssertReply("Please fill in the form and press Save.")
            .Send(DialogHarness.Submit("""{"email":"a@b.pl"}""")).AssertReply("""Got form {"email":"a@b.pl"}""")
            .StartTestAsync();

        Assert.Equal("billing@contoso.com", seenText);
    }

    [Fact]
    public async Task A_validator_replaces_the_retry_with_the_form_showing_its_errors_and_the_input_kept()
    {
        var harness = new DialogHarness(PromptTests.AskThen(new CardFormPrompt("form", ValidateEmail), FormOptions()));

        await harness.Flow()
            .Send("edit").AssertReply(a => Assert.Equal("form", CardId(a)))
            .Send(DialogHarness.Submit("""{"email":"not-an-address"}""")).AssertReply(a =>
            {
                var card = Card(a);
                Assert.Equal("form-with-errors", (string?)card["id"]);
                Assert.Equal("not-an-address", (string?)card["email"]);
                Assert.Equal("Enter an e-mail address.", (string?)card["error"]);
            })
            .Send(DialogHarness.Submit("""{"email":"ok@contoso.com"}""")).AssertReply("""Got form {"email":"ok@contoso.com"}""")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_error_form_is_the_retry_for_that_attempt_only()
    {
        var harness = new DialogHarness(PromptTests.AskThen(new CardFormPrompt("form", ValidateEmail), FormOptions()));

        await harness.Flow()
            .Send("edit").AssertReply(a => Assert.Equal("form", CardId(a)))
            .Send(DialogHarness.Submit("""{"email":"bad"}""")).AssertReply(a => Assert.Equal("form-with-errors", CardId(a)))
            .Send("just text").AssertReply("Please fill in the form and press Save.")
            .StartTestAsync();
    }

    /// <summary>Checks an e-mail field; on failure answers with the form again, the input kept and an error beside it.</summary>
    internal static Task<bool> ValidateEmail(PromptValidatorContext<JObject> ctx, CancellationToken cancellationToken)
    {
        if (!ctx.Recognized.Succeeded)
        {
            return Task.FromResult(false);
        }

        var email = (string?)ctx.Recognized.Value!["email"];
        if (email?.Contains('@', StringComparison.Ordinal) == true)
        {
            return Task.FromResult(true);
        }

        ctx.RetryPrompt = PromptMessage.FromActivity(CardActivity(new JObject
        {
            ["id"] = "form-with-errors",
            ["email"] = email,
            ["error"] = "Enter an e-mail address.",
        }));
        return Task.FromResult(false);
    }

    internal static PromptOptions FormOptions() => new()
    {
        Prompt = PromptMessage.FromActivity(CardActivity(new JObject { ["id"] = "form" })),
        RetryPrompt = PromptMessage.FromText("Please fill in the form and press Save."),
    };

    /// <summary>Stands in for an Adaptive Card: the engine only carries the attachment, the app builds it.</summary>
    internal static Activity CardActivity(JObject content) => (Activity)MessageFactory.Attachment(
        new Attachment("application/vnd.microsoft.card.adaptive", content: content));

    internal static JObject Card(IActivity activity) =>
        JObject.FromObject(Assert.Single(((IMessageActivity)activity).Attachments).Content);

    internal static string? CardId(IActivity activity) => (string?)Card(activity)["id"];
}
