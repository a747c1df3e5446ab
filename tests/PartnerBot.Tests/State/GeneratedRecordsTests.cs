using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerBot.Dialogs;
using PartnerBot.Hosting;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.State;

/// <summary>
/// The conversations' records are written by code generated at build time (issue 13), and must be stored exactly as
/// the reflection path wrote them before: a document saved by the previous build reads and saves again unchanged,
/// and one saved now is what the previous build would have saved.
/// </summary>
public sealed class GeneratedRecordsTests : IAsyncLifetime
{
    private const string Email = "billing.Email";
    private const string PostalCode = "billing.PostalCode";

    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string> RecordNames() => new(AppRecords().Registered.Keys);

    private static DialogStateRecords AppRecords()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddConversations();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<DialogStateRecords>();
    }

    /// <summary>The same records as the previous build wrote them: every one by reflection.</summary>
    private static DialogStateDocument ByReflection(DialogStateRecords records)
    {
        var plain = new DialogStateRecords();
        foreach (var (name, type) in records.Registered)
        {
            plain.Add(type, name);
        }

        return new DialogStateDocument(plain);
    }

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Each_record_has_generated_code_that_writes_it_as_reflection_did(string name)
    {
        var records = AppRecords();
        var type = records.Registered[name];
        Assert.True(records.Serialization?.TryGetTypeInfo(type, out _) == true, $"{type.Name} is missing from StateRecordsJson");
        var bag = new Dictionary<string, object?> { ["values"] = new Dictionary<string, object?> { ["kept"] = Activator.CreateInstance(type) } };

        Assert.Equal(ByReflection(records).Write(bag), new DialogStateDocument(records).Write(bag));
    }

    [Fact]
    public async Task Every_document_of_an_account_update_a_purchase_switch_and_a_history_reads_and_saves_the_same_in_both_builds()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var stored = new StoredState(_bot.Services);
        var documents = new List<string>();
        async Task KeepAsync() => documents.Add((await stored.DocumentAsync())!);

        var account = Assert.Single(await chat.SayAsync(People.Alex, "update zaklady miesne krasnik", "pl-PL"));
        await KeepAsync();
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, "Edytuj informacje rozliczeniowe", locale: "pl-PL"));
        await KeepAsync();
        var invalid = Assert.Single(await chat.PressAsync(
            People.Alex, form, "Przejrzyj zmiany", new Dictionary<string, string> { [PostalCode] = "23200", [Email] = "ksiegowosc@zmkrasnik.pl" }, "pl-PL"));
        await KeepAsync();
        Assert.Single(await chat.PressAsync(
            People.Alex, invalid, "Przejrzyj zmiany", new Dictionary<string, string> { [PostalCode] = "23-200", [Email] = "ksiegowosc@zmkrasnik.pl" }, "pl-PL"));
        await KeepAsync();
        Assert.Single(await chat.SayAsync(People.Adele, "allow Contoso to buy its own products"));
        await KeepAsync();
        await chat.SayAsync(People.Alex, "history zaklady miesne krasnik");
        await KeepAsync();

        var records = _bot.Services.GetRequiredService<DialogStateRecords>();
        var generated = new DialogStateDocument(records);
        var reflection = ByReflection(records);
        Assert.Contains(documents, d => d.Contains("\"$record\":\"card/billing-form\"", StringComparison.Ordinal) && d.Contains("\"errors\"", StringComparison.Ordinal));
        Assert.Contains(documents, d => d.Contains("\"$record\":\"card/change-confirm\"", StringComparison.Ordinal));
        foreach (var document in documents)
        {
            Assert.Equal(document, generated.Write(reflection.Read(document)!));
            Assert.Equal(document, reflection.Write(generated.Read(document)!));
        }
    }
}
