using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs.Tests;

/// <summary>
/// A prompt keeps what its card is built from, never the card: the app's builder makes the card when the prompt
/// is sent, again after help, and for a validator's retry, and the stored document holds only the small record.
/// </summary>
public class PromptCardTests
{
    private const string CardContentType = "application/vnd.microsoft.card.adaptive";

    [Fact]
    public async Task The_card_is_built_from_the_kept_record_when_sent_after_help_and_as_the_validators_retry()
    {
        var records = new DialogStateRecords().Add<EmailForm>("test/email-form");
        var storage = new DocumentStorage(records);
        var builder = new EmailFormBuilder();
        var harness = new DialogHarness(
            PromptTests.AskThen(
                new CardFormPrompt("form", (ctx, _) =>
                {
                    var email = (string?)ctx.Recognized.Value?["email"];
                    if (email?.Contains('@', StringComparison.Ordinal) == true)
                    {
                        return Task.FromResult(true);
                    }

                    ctx.RetryPrompt = PromptMessage.FromCard(new EmailForm { Email = email, Error = "Enter an e-mail address." });
                    return Task.FromResult(false);
                }),
                new PromptOptions { Prompt = PromptMessage.FromCard(new EmailForm { Email = "old@contoso.com" }) }),
            storage)
        {
            Options = new DialogRunOptions { PromptCards = builder, Interruptions = HelpAsync },
        };

        await harness.Flow()
            .Send("edit").AssertReply(a => Assert.Equal("old@contoso.com", (string?)CardFormPromptTests.Card(a)["email"]))
            .Send(DialogHarness.Submit("""{"email":"not-an-address"}""")).AssertReply(a =>
            {
                var card = CardFormPromptTests.Card(a);
                Assert.Equal("not-an-address", (string?)card["email"]);
                Assert.Equal("Enter an e-mail address.", (string?)card["error"]);
            })
            .Send("help").AssertReply("Fill in the form.")
            .AssertReply(a => Assert.Equal("Enter an e-mail address.", (string?)CardFormPromptTests.Card(a)["error"]))
            .StartTestAsync();

        var document = Assert.Single(storage.Documents.Values);
        Assert.Contains("\"$record\":\"test/email-form\"", document, StringComparison.Ordinal);
        Assert.DoesNotContain(CardContentType, document, StringComparison.Ordinal);
        Assert.DoesNotContain("attachments", document, StringComparison.Ordinal);
        Assert.Equal(3, builder.Built);

        await harness.Flow()
            .Send(DialogHarness.Submit("""{"email":"new@contoso.com"}""")).AssertReply("""Got form {"email":"new@contoso.com"}""")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_card_prompt_without_a_builder_is_a_bug_that_says_what_is_missing()
    {
        var harness = new DialogHarness(PromptTests.AskThen(
            new CardFormPrompt("form"), new PromptOptions { Prompt = PromptMessage.FromCard(new EmailForm()) }));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Flow().Send("edit").StartTestAsync());

        Assert.Contains("PromptCards", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<DialogInterruption> HelpAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.Context.Activity.Text != "help")
        {
            return DialogInterruption.None;
        }

        await dc.Context.SendActivityAsync("Fill in the form.", cancellationToken: cancellationToken);
        return DialogInterruption.Handled;
    }

    public sealed class EmailForm
    {
        public string? Email { get; set; }

        public string? Error { get; set; }
    }

    private sealed class EmailFormBuilder : IPromptCardBuilder
    {
        public int Built { get; private set; }

        public Task<Activity> BuildAsync(ITurnContext turnContext, object source, CancellationToken cancellationToken)
        {
            var form = Assert.IsType<EmailForm>(source);
            Built++;
            var content = new JObject { ["email"] = form.Email, ["error"] = form.Error };
            return Task.FromResult((Activity)MessageFactory.Attachment(new Attachment(CardContentType, content: content)));
        }
    }
}
