using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerBot.Conversations;
using PartnerBot.Data.Seed;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Audit;
using PartnerBot.Hosting;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.State;

/// <summary>
/// Every record the conversations keep is stored by a stable name; a later release whose records gained or lost
/// properties continues a conversation saved before it, all the way to the applied change.
/// </summary>
public sealed class StoredShapeTests : IAsyncLifetime
{
    private const string Email = "billing.Email";
    private const string PostalCode = "billing.PostalCode";
    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");

    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string> RecordNames() => new(AppRecords().Registered.Keys);

    /// <summary>The records as the app composes them: the shared ones and every registered conversation's own.</summary>
    private static DialogStateRecords AppRecords()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddConversations();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<DialogStateRecords>();
    }

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Each_record_in_its_current_shape_reads_back_as_written(string name)
    {
        var records = AppRecords();
        var document = new DialogStateDocument(records);
        var record = Activator.CreateInstance(records.Registered[name])!;
        var bag = new Dictionary<string, object?> { ["values"] = new Dictionary<string, object?> { ["kept"] = record } };

        var written = document.Write(bag);
        var read = ((IDictionary<string, object?>)document.Read(written)["values"])["kept"];

        Assert.IsType(records.Registered[name], read);
        Assert.Equal(written, document.Write(new Dictionary<string, object?> { ["values"] = new Dictionary<string, object?> { ["kept"] = read } }));
        Assert.Contains($"\"$record\":\"{name}\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_saved_before_its_records_gained_and_lost_properties_goes_on_to_the_applied_change()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var stored = new StoredState(_bot.Services);
        var account = Assert.Single(await chat.SayAsync(People.Alex, "update zaklady miesne krasnik"));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, "Edit billing information"));
        var confirm = Assert.Single(await chat.PressAsync(
            People.Alex, form, "Review changes", new Dictionary<string, string> { [Email] = "ksiegowosc@zmkrasnik.pl" }));

        // As an older release would have saved it: every record has a property this build no longer has,
        // and lacks the ones that are optional here.
        var document = JsonNode.Parse((await stored.DocumentAsync())!)!;
        var records = 0;
        foreach (var record in Records(document))
        {
            record["removedInThisRelease"] = "kept by the old build";
            record.Remove("skipForm");
            record.Remove("resubmit");
            record.Remove("draft");
            records++;
        }

        Assert.True(records >= 2, $"the confirm step keeps several records, found {records}");
        await stored.ReplaceDocumentAsync(document.ToJsonString());

        var done = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Confirm"));

        Assert.Contains("Billing information updated", CardReader.Text(done), StringComparison.Ordinal);
        Assert.Equal("ksiegowosc@zmkrasnik.pl", (await _bot.Customers.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.Email);
        Assert.Equal(AuditOutcome.Applied, Assert.Single(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None)).Outcome);
        Assert.Empty(await stored.QuarantinedAsync());
    }

    [Fact]
    public async Task An_account_card_saved_with_its_review_beside_it_by_the_previous_build_opens_the_form_of_that_account()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var stored = new StoredState(_bot.Services);
        var account = Assert.Single(await chat.SayAsync(People.Alex, "zaklady miesne krasnik"));

        // This build keeps the card's source once ($same) as the step's value; the previous one kept the review there.
        var document = JsonNode.Parse((await stored.DocumentAsync())!)!;
        var card = Records(document).Single(r => r["account"] is not null);
        var billing = card["account"]!["billing"]!;
        var steps = Stacks(document).Single(s => s["values"]?["$map"]?["customer"] is not null);
        steps["values"]!["$map"]!["customer"] = new JsonObject
        {
            ["$record"] = "billing-edit/state",
            ["data"] = new JsonObject
            {
                ["customerId"] = Krasnik,
                ["customerName"] = billing["companyName"]!.GetValue<string>(),
                ["reviewed"] = billing.DeepClone(),
            },
        };
        await stored.ReplaceDocumentAsync(document.ToJsonString());

        var form = Assert.Single(await chat.PressAsync(People.Alex, account, "Edit billing information"));

        Assert.Contains("Zakłady Mięsne Kraśnik", CardReader.Text(form), StringComparison.Ordinal);
        Assert.Contains("bartlomiej.wrobel@zmkrasnik.pl", CardReader.Text(form), StringComparison.Ordinal);
        Assert.Empty(await stored.QuarantinedAsync());
    }

    [Fact]
    public async Task A_form_with_an_error_and_a_confirm_saved_with_whole_drafts_by_the_previous_build_go_on_with_what_was_typed()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var stored = new StoredState(_bot.Services);
        var account = Assert.Single(await chat.SayAsync(People.Alex, "update zaklady miesne krasnik"));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, "Edit billing information"));
        var invalid = Assert.Single(await chat.PressAsync(
            People.Alex, form, "Review changes", new Dictionary<string, string> { [PostalCode] = "23200", [Email] = "ksiegowosc@zmkrasnik.pl" }));

        // The previous build kept every field of a form's draft, empty or not, and every note, on or off.
        var document = JsonNode.Parse((await stored.DocumentAsync())!)!;
        var sources = Records(document).Where(r => r["draft"] is not null && r["country"] is not null).ToList();
        Assert.Equal(2, sources.Count);
        foreach (var source in sources)
        {
            WholeDraft(source["draft"]!.AsObject(), "PL");
            source["errors"] ??= new JsonArray();
            source["suggestionFilledIn"] = false;
            source["nothingChanged"] = false;
        }

        await stored.ReplaceDocumentAsync(document.ToJsonString());

        // Help shows the form again as the user left it: what they typed, the error beside it, the rest as reviewed.
        var reprompted = (await chat.SayAsync(People.Alex, "help"))[^1];
        Assert.Equal("23200", CardReader.InputValue(reprompted, PostalCode));
        Assert.Equal("ksiegowosc@zmkrasnik.pl", CardReader.InputValue(reprompted, Email));
        Assert.Equal("Kraśnik", CardReader.InputValue(reprompted, "billing.City"));
        Assert.Equal(string.Empty, CardReader.InputValue(reprompted, "billing.AddressLine2") ?? string.Empty);
        Assert.Contains("postal code", CardReader.Text(reprompted), StringComparison.OrdinalIgnoreCase);

        var confirm = Assert.Single(await chat.PressAsync(
            People.Alex, reprompted, "Review changes", new Dictionary<string, string> { [PostalCode] = "23-200", [Email] = "ksiegowosc@zmkrasnik.pl" }));

        // The edit as the previous build kept it at the confirm: the whole draft, not only what was typed.
        document = JsonNode.Parse((await stored.DocumentAsync())!)!;
        var edit = Records(document).Single(r => r["reviewed"] is not null && r["proposed"] is not null);
        edit["draft"] = WholeDraft(new JsonObject { ["Email"] = "ksiegowosc@zmkrasnik.pl" }, "PL", edit["reviewed"]!);
        await stored.ReplaceDocumentAsync(document.ToJsonString());

        var again = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Edit again"));
        Assert.Equal("ksiegowosc@zmkrasnik.pl", CardReader.InputValue(again, Email));
        Assert.Equal("23-200", CardReader.InputValue(again, PostalCode));
        Assert.Equal("Bartłomiej", CardReader.InputValue(again, "billing.FirstName"));
        Assert.Empty(await stored.QuarantinedAsync());
    }

    /// <summary>
    /// <paramref name="draft"/> with every field, as the previous build kept it: the missing ones from
    /// <paramref name="reviewed"/> when given, else empty (a card source's draft lacked only empty inputs and the country).
    /// </summary>
    private static JsonObject WholeDraft(JsonObject draft, string country, JsonNode? reviewed = null)
    {
        string? Reviewed(string field) => reviewed is null ? null : field switch
        {
            "CompanyName" or "FirstName" or "LastName" or "Email" or "Culture" or "Language" =>
                reviewed[char.ToLowerInvariant(field[0]) + field[1..]]?.GetValue<string>(),
            "PhoneNumber" or "AddressLine1" or "AddressLine2" or "AddressLine3" or "City" or "State" or "PostalCode" =>
                reviewed["defaultAddress"]?[char.ToLowerInvariant(field[0]) + field[1..]]?.GetValue<string>(),
            _ => null,
        };

        foreach (var field in Enum.GetNames<PartnerBot.Domain.Accounts.BillingProfileField>())
        {
            draft[field] ??= field == "Country" ? country : Reviewed(field) ?? string.Empty;
        }

        return draft;
    }

    /// <summary>The state of every dialog on every stack of the document.</summary>
    private static IEnumerable<JsonObject> Stacks(JsonNode? node) => node switch
    {
        JsonObject obj when obj["$stack"] is JsonArray stack => stack.OfType<JsonObject>()
            .SelectMany(entry => (entry["state"] as JsonObject) is { } state ? Stacks(state).Prepend(state) : []),
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Stacks),
        _ => [],
    };

    private static IEnumerable<JsonObject> Records(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            if (obj["$record"] is not null && obj["data"] is JsonObject data)
            {
                yield return data;
            }

            foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().ToList())
            {
                foreach (var found in Records(child))
                {
                    yield return found;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>().ToList())
            {
                foreach (var found in Records(child))
                {
                    yield return found;
                }
            }
        }
    }
}
