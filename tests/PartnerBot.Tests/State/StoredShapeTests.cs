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
