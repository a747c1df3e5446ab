using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

public sealed class BackendFailureTests : IAsyncLifetime
{
    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");
    private FlakyWriter _writer = null!;
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(services =>
        services.AddSingleton<ICustomerAccountWriter>(sp => _writer = new FlakyWriter(sp.GetRequiredService<SqliteCustomerDirectory>())));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_backend_failure_at_submit_keeps_the_edits_and_try_again_saves_them()
    {
        var chat = new TeamsConversation(_bot.Bot);
        var account = Assert.Single(await chat.SayAsync(People.Alex, "update zaklady miesne krasnik"));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, "Edit billing information"));
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, "Review changes", new Dictionary<string, string> { ["billing.Email"] = "po.awarii@zmkrasnik.pl" }));

        _writer.FailuresLeft = 1;
        var failure = Assert.Single(await chat.PressAsync(People.Alex, confirm, "Confirm"));
        Assert.Contains("Your edits are kept", CardReader.Text(failure), StringComparison.Ordinal);
        Assert.NotEqual("po.awarii@zmkrasnik.pl", (await _bot.Customers.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.Email);

        var done = Assert.Single(await chat.PressAsync(People.Alex, failure, "Try again"));
        Assert.Contains("Billing information updated", CardReader.Text(done), StringComparison.Ordinal);
        Assert.Equal("po.awarii@zmkrasnik.pl", (await _bot.Customers.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.Email);
        var outcomes = (await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 10, CancellationToken.None)).Select(e => e.Outcome);
        Assert.Equal([AuditOutcome.Applied, AuditOutcome.Failed], outcomes);
    }
}
