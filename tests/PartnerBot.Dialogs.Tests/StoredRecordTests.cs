using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PartnerBot.Dialogs.Tests;

/// <summary>
/// Stored state names records, not CLR types: a release that renames or moves a record's class, or adds or
/// removes a property, continues the conversations saved before it; a record it does not know resets politely.
/// </summary>
public class StoredRecordTests
{
    private const string Unreadable = "I could not read that.";

    [Fact]
    public async Task A_record_whose_class_was_renamed_and_moved_with_a_property_added_and_one_removed_continues()
    {
        var storage = new DocumentStorage(new DialogStateRecords().Add<ReleaseOne.OrderDraft>("order/draft"));
        var harness = new DialogHarness(Ordering(), storage) { Options = Options() };
        harness.Adapter.Use(new BeginWith(new ReleaseOne.OrderDraft { Customer = "Contoso", Quantity = 3, Note = "dropped later" }));
        await harness.Flow().Send("order").AssertReply("How many for Contoso?").StartTestAsync();

        var saved = Assert.Single(storage.Documents.Values);
        Assert.DoesNotContain("ReleaseOne", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("OrderDraft", saved, StringComparison.Ordinal);
        Assert.Contains("\"$record\":\"order/draft\"", saved, StringComparison.Ordinal);

        // The next release: another class in another namespace under the same name, Note gone, Priority new.
        storage.Records = new DialogStateRecords().Add<ReleaseTwo.DraftOrder>("order/draft");
        await harness.Flow().Send("5").AssertReply("Contoso: 5 (was 3), priority normal").StartTestAsync();
    }

    [Fact]
    public async Task A_record_this_build_does_not_know_resets_politely_and_the_message_is_answered()
    {
        var resets = new List<DialogStateException>();
        var storage = new DocumentStorage(new DialogStateRecords().Add<ReleaseOne.OrderDraft>("order/draft"));
        var harness = new DialogHarness(Ordering(), storage) { Options = Options(resets.Add) };
        var begin = new BeginWith(new ReleaseOne.OrderDraft { Customer = "Contoso", Quantity = 3 });
        harness.Adapter.Use(begin);
        await harness.Flow().Send("order").AssertReply("How many for Contoso?").StartTestAsync();

        storage.Records = new DialogStateRecords().Add<ReleaseTwo.DraftOrder>("order/draft-v2");
        begin.Options = new ReleaseTwo.DraftOrder { Customer = "Contoso", Quantity = 3 };
        await harness.Flow().Send("5").AssertReply(Unreadable).AssertReply("How many for Contoso?").StartTestAsync();

        var reset = Assert.Single(resets);
        Assert.True(reset.StateUnreadable);
        Assert.Contains("'order/draft'", reset.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_equal_to_its_id_is_left_out_and_read_back_and_an_earlier_document_with_it_reads_the_same()
    {
        var document = new DialogStateDocument(new DialogStateRecords());
        var state = new DialogState();
        state.DialogStack.Add(new DialogInstance { Id = "survey", Version = "survey", State = new Dictionary<string, object?>() });
        state.DialogStack.Add(new DialogInstance { Id = "survey.steps", Version = "survey.steps/3", State = new Dictionary<string, object?>() });
        state.DialogStack.Add(new DialogInstance { Id = "legacy", Version = null, State = new Dictionary<string, object?>() });

        var written = document.Write(new Dictionary<string, object?> { ["DialogState"] = state });
        Assert.DoesNotContain("\"version\":\"survey\"", written, StringComparison.Ordinal);
        var earlier = written.Replace("{\"id\":\"survey\",", "{\"id\":\"survey\",\"version\":\"survey\",", StringComparison.Ordinal);

        foreach (var stored in new[] { written, earlier })
        {
            var stack = Assert.IsType<DialogState>(document.Read(stored)["DialogState"]).DialogStack;
            Assert.Equal(["survey", "survey.steps/3", null], stack.Select(d => d.Version));
        }
    }

    [Fact]
    public void Writing_a_type_that_is_not_registered_fails_loudly_instead_of_storing_what_cannot_be_read()
    {
        var document = new DialogStateDocument(new DialogStateRecords());
        var state = new DialogState();
        state.DialogStack.Add(new DialogInstance { Id = "x", State = new Dictionary<string, object?> { ["options"] = new ReleaseOne.OrderDraft() } });

        var refused = Assert.Throws<InvalidOperationException>(() => document.Write(new Dictionary<string, object?> { ["DialogState"] = state }));
        Assert.Contains("register it", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_of_value_reads_back_as_it_was_written()
    {
        var records = new DialogStateRecords().Add<ReleaseOne.OrderDraft>("order/draft");
        var document = new DialogStateDocument(records);
        var inner = new DialogState();
        inner.DialogStack.Add(new DialogInstance { Id = "inner", Version = "inner/2", State = new Dictionary<string, object?> { ["stepIndex"] = 1 } });
        var prompt = new PromptOptions
        {
            Prompt = PromptMessage.FromText("Łódź?"),
            Choices = [new Choice("yes", "Tak", ["ok"])],
            Validations = new ReleaseOne.OrderDraft { Customer = "Zakłady", Quantity = 2 },
            MaxAttempts = 3,
        };
        var state = new DialogState();
        state.DialogStack.Add(new DialogInstance
        {
            Id = "outer",
            Version = null,
            State = new Dictionary<string, object?>
            {
                ["dialogs"] = inner,
                ["options"] = prompt,
                ["values"] = new Dictionary<string, object?> { ["n"] = 5_000_000_000L, ["x"] = 1.5, ["b"] = true, ["s"] = "ś", ["none"] = null },
                ["submitted"] = Newtonsoft.Json.Linq.JObject.Parse("""{"billing.Email":"a@b.pl"}"""),
            },
        });

        var text = document.Write(new Dictionary<string, object?> { ["DialogState"] = state });
        var read = (DialogState)document.Read(text)["DialogState"];

        Assert.Equal(text, document.Write(new Dictionary<string, object?> { ["DialogState"] = read }));
        Assert.Contains("Łódź", text, StringComparison.Ordinal);
        var readPrompt = Assert.IsType<PromptOptions>(read.DialogStack[0].State["options"]);
        Assert.Equal("Łódź?", readPrompt.Prompt!.Text);
        Assert.Equal("Zakłady", Assert.IsType<ReleaseOne.OrderDraft>(readPrompt.Validations).Customer);
        Assert.Equal(5_000_000_000L, ((IDictionary<string, object?>)read.DialogStack[0].State["values"]!)["n"]);
    }

    [Fact]
    public void One_record_kept_in_several_places_is_stored_once_and_read_back_as_one_object()
    {
        var records = new DialogStateRecords().Add<ReleaseOne.OrderDraft>("order/draft");
        var document = new DialogStateDocument(records);
        var draft = new ReleaseOne.OrderDraft { Customer = "Zakłady Mięsne Kraśnik", Quantity = 2, Note = "pilne" };
        var state = new DialogState();
        state.DialogStack.Add(new DialogInstance
        {
            Id = "edit",
            State = new Dictionary<string, object?>
            {
                ["options"] = draft,
                ["values"] = new Dictionary<string, object?> { ["edit"] = draft },
                ["prompt"] = new PromptOptions { Prompt = PromptMessage.FromText("?"), Validations = draft },
            },
        });

        var text = document.Write(new Dictionary<string, object?> { ["DialogState"] = state });
        var read = ((DialogState)document.Read(text)["DialogState"]).DialogStack[0].State;

        Assert.Equal(1, CountOf("Zakłady Mięsne Kraśnik", text));
        Assert.Equal(2, CountOf("\"$same\"", text));
        var options = Assert.IsType<ReleaseOne.OrderDraft>(read["options"]);
        Assert.Same(options, ((IDictionary<string, object?>)read["values"]!)["edit"]);
        Assert.Same(options, Assert.IsType<PromptOptions>(read["prompt"]).Validations);
        Assert.Equal(text, document.Write(new Dictionary<string, object?> { ["DialogState"] = new DialogState { DialogStack = [new DialogInstance { Id = "edit", State = read }] } }));
    }

    [Fact]
    public void A_version_1_document_without_prompts_still_reads()
    {
        var document = new DialogStateDocument(new DialogStateRecords().Add<ReleaseOne.OrderDraft>("order/draft"));

        var read = document.Read("""{"v":1,"properties":{"kept":{"$record":"order/draft","data":{"customer":"Łomża","quantity":3}}}}""");

        Assert.Equal("Łomża", Assert.IsType<ReleaseOne.OrderDraft>(read["kept"]).Customer);
    }

    private static int CountOf(string what, string text) =>
        (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"v\":1}")]
    [InlineData("{\"v\":\"1\",\"properties\":{}}")]
    [InlineData("{\"v\":1,\"properties\":{\"DialogState\":{\"$stack\":[{\"version\":\"x\"}]}}}")]
    [InlineData("{\"v\":1,\"properties\":{\"DialogState\":{\"$stack\":{}}}}")]
    [InlineData("{\"v\":1,\"properties\":{\"DialogState\":{\"$type\":\"System.IO.FileInfo\"}}}")]
    [InlineData("{\"v\":1,\"properties\":{\"DialogState\":{\"$record\":\"order/draft\",\"data\":{\"quantity\":\"many\"}}}}")]
    [InlineData("{\"v\":1,\"properties\":{\"DialogState\":{\"$prompt\":{\"prompt\":[1]}}}}")]
    [InlineData("{\"v\":3,\"properties\":{}}")]
    [InlineData("{\"v\":1,\"properties\":{\"DialogState\":{\"$prompt\":{\"prompt\":{\"type\":\"message\",\"attachments\":[]}}}}}")]
    [InlineData("{\"v\":1,\"properties\":{\"DialogState\":{\"$prompt\":{\"prompt\":{\"$activity\":{\"type\":\"message\"}}}}}}")]
    [InlineData("{\"v\":2,\"properties\":{\"DialogState\":{\"$prompt\":{\"prompt\":{\"type\":\"message\",\"text\":\"hi\"}}}}}")]
    [InlineData("{\"v\":2,\"properties\":{\"DialogState\":{\"$same\":0}}}")]
    [InlineData("{\"v\":1,\"properties\":{\"a\":{\"$record\":\"order/draft\",\"data\":{},\"ref\":0},\"b\":{\"$same\":0}}}")]
    [InlineData("{\"v\":2,\"properties\":{\"a\":{\"$record\":\"order/draft\",\"data\":{},\"ref\":0},\"b\":{\"$record\":\"order/draft\",\"data\":{},\"ref\":0}}}")]
    [InlineData("{\"v\":1,\"properties\":{\"DialogState\":{\"$stack\":[{\"id\":\"a\",\"state\":{\"x\":{\"$map\":[]}}}]}}}")]
    public void A_document_that_is_not_exactly_the_format_is_unreadable_never_guessed_at(string json)
    {
        var document = new DialogStateDocument(new DialogStateRecords().Add<ReleaseOne.OrderDraft>("order/draft"));

        var refused = Assert.Throws<DialogStateException>(() => document.Read(json));

        Assert.True(refused.StateUnreadable);
    }

    private static DialogRunOptions Options(Action<DialogStateException>? onReset = null) => new()
    {
        UnreadableStateMessage = _ => Unreadable,
        OnStateReset = (_, ex) => onReset?.Invoke(ex),
    };

    /// <summary>Asks for a quantity for the draft it was started with, then says what it has; reads the draft by shape.</summary>
    private static WaterfallDialog Ordering() => new(
        "ordering",
        [
            async (step, ct) =>
            {
                step.Values["draft"] = step.Context.TurnState["options"];
                var draft = step.GetValue<ReleaseTwo.DraftOrder>("draft")!;
                await step.Context.SendActivityAsync($"How many for {draft.Customer}?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            async (step, ct) =>
            {
                var draft = step.GetValue<ReleaseTwo.DraftOrder>("draft")!;
                await step.Context.SendActivityAsync($"{draft.Customer}: {step.Result} (was {draft.Quantity}), priority {draft.Priority ?? "normal"}", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]);

    /// <summary>Hands the first step the draft to keep, as an app's main dialog would pass options.</summary>
    private sealed class BeginWith(object options) : IMiddleware
    {
        public object Options { get; set; } = options;

        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            turnContext.TurnState["options"] = Options;
            return next(cancellationToken);
        }
    }
}

