using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Audit;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Conversations;

/// <summary>A person who submits changes faster than the limit is asked to slow down; nothing is written.</summary>
public class SubmitRateLimitTests : IAsyncLifetime
{
    private const int Limit = 3;
    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 13, 0, 0, TimeSpan.Zero));
    private BotHarness _bot = null!;

    /// <summary>The bot on the demo database; the derived class runs every conversation again on the Partner Center connector.</summary>
    private protected virtual Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartAsync(configure);

    public async Task InitializeAsync() => _bot = await StartBotAsync(services =>
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(new SubmitRateLimitOptions { WriteSubmitsPerMinute = Limit });
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("en-US", "Slow down, please: you can submit at most 3 changes a minute. Nothing was written this time", "Try again", "Billing information updated")]
    [InlineData("pl-PL", "Zwolnij, proszę: możesz przesłać najwyżej 3 zmian na minutę. Tym razem niczego nie zapisano", "Spróbuj ponownie", "Zaktualizowano informacje rozliczeniowe")]
    public async Task Past_the_limit_the_user_is_asked_to_slow_down_nothing_is_written_and_try_again_works_a_minute_later(
        string locale, string slowDown, string tryAgain, string updated)
    {
        var chat = new TeamsConversation(_bot.Bot);
        for (var i = 0; i < Limit; i++)
        {
            var applied = await SubmitEmailAsync(chat, $"szybko{i}@zmkrasnik.pl", locale);
            Assert.Contains(updated, CardReader.Text(Assert.Single(applied)), StringComparison.Ordinal);
        }

        var before = (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing;
        var limited = Assert.Single(await SubmitEmailAsync(chat, "za.szybko@zmkrasnik.pl", locale));

        Assert.Contains(slowDown, CardReader.Text(limited), StringComparison.Ordinal);
        Assert.Equal(before, (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing);
        Assert.Equal(Limit, (await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 20, CancellationToken.None)).Count);

        // Another person is not slowed down by Alex's pace.
        var megan = new TeamsConversation(_bot.Bot, "a:megan");
        var confirm = Assert.Single(await megan.SayAsync(People.Megan, "allow Contoso to buy its own products"));
        Assert.Contains("Done:", CardReader.Text((await megan.PressAsync(People.Megan, confirm, "Allow purchases"))[0]), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var done = Assert.Single(await chat.PressAsync(People.Alex, limited, tryAgain, locale: locale));
        Assert.Contains(updated, CardReader.Text(done), StringComparison.Ordinal);
        Assert.Equal("za.szybko@zmkrasnik.pl", (await _bot.Directory.GetAccountAsync(_bot.Reader, Krasnik, CancellationToken.None))!.Billing.Email);
        Assert.All(await _bot.Audit.ListForCustomerAsync(_bot.Reader, Krasnik, 0, 20, CancellationToken.None), e => Assert.Equal(AuditOutcome.Applied, e.Outcome));
    }

    private static async Task<IReadOnlyList<Microsoft.Bot.Schema.IMessageActivity>> SubmitEmailAsync(TeamsConversation chat, string email, string locale)
    {
        var pl = locale == "pl-PL";
        var account = Assert.Single(await chat.SayAsync(People.Alex, pl ? "aktualizuj zaklady miesne krasnik" : "update zaklady miesne krasnik", locale));
        var form = Assert.Single(await chat.PressAsync(People.Alex, account, pl ? "Edytuj informacje rozliczeniowe" : "Edit billing information", locale: locale));
        var confirm = Assert.Single(await chat.PressAsync(People.Alex, form, pl ? "Przejrzyj zmiany" : "Review changes", new Dictionary<string, string> { ["billing.Email"] = email }, locale));
        return await chat.PressAsync(People.Alex, confirm, pl ? "Potwierdź" : "Confirm", locale: locale);
    }
}

/// <summary>The same conversations on the Partner Center connector, against a stand-in holding the demo customers.</summary>
public sealed class SubmitRateLimitOnPartnerCenterTests : SubmitRateLimitTests
{
    private protected override Task<BotHarness> StartBotAsync(Action<IServiceCollection>? configure) => BotHarness.StartOnPartnerCenterAsync(configure);
}
