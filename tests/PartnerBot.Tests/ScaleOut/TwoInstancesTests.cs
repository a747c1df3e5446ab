using Microsoft.Bot.Schema;
using PartnerBot.Data.Seed;
using PartnerBot.Tests.Support;
using Xunit.Abstractions;

namespace PartnerBot.Tests.ScaleOut;

/// <summary>
/// Several instances behind a load balancer on one PostgreSQL: a conversation lands on either instance at each turn,
/// another instance may save the same conversation while a turn runs, and Teams may deliver an activity again,
/// to the other instance.
/// </summary>
public sealed class TwoInstancesTests(TwoInstances bots, ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    private const string Email = "billing.Email";

    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");

    private static readonly Dictionary<string, (string Ask, string Yes, string Account, string Edit, string Review, string Confirm, string Done)> Words = new()
    {
        ["en-US"] = ("update zaklady miesne krasnik", "Yes", "Account: Zakłady Mięsne Kraśnik Sp. z o.o.", "Edit billing information",
            "Review changes", "Confirm", "Billing information updated"),
        ["pl-PL"] = ("zmień dane Zakłady Mięsne Kraśnik", "Tak", "Konto: Zakłady Mięsne Kraśnik Sp. z o.o.", "Edytuj informacje rozliczeniowe",
            "Przejrzyj zmiany", "Potwierdź", "Zaktualizowano informacje rozliczeniowe"),
    };

    private static Activity Card(IReadOnlyList<Activity> replies, string expected)
    {
        var card = Assert.Single(replies, r => CardReader.IsCard(r));
        Assert.Contains(expected, CardReader.Text(card), StringComparison.Ordinal);
        return card;
    }

    private static string Said(IReadOnlyList<Activity> replies) => string.Join("\n", replies.Select(CardReader.Text));

    [PostgresFact]
    public async Task Two_instances_started_at_once_on_an_empty_database_migrate_and_seed_it_once()
    {
        output.WriteLine($"ready after: A {bots.StartedA.TotalSeconds:0.0} s, B {bots.StartedB.TotalSeconds:0.0} s");

        Assert.Equal(
            await bots.ScalarAsync<long>("SELECT count(DISTINCT version) FROM schema_migrations"),
            await bots.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(1L, await bots.ScalarAsync<long>("SELECT count(*) FROM data_seeds"));
        Assert.Equal((long)DemoData.Customers.Count, await bots.ScalarAsync<long>("SELECT count(*) FROM customers"));
        // Each instance says what it did: one applied the migrations and the seed, the other found them done.
        Assert.Contains("migrations applied 0", bots.A.Log + bots.B.Log, StringComparison.Ordinal);
        Assert.Contains("demo customers added 0", bots.A.Log + bots.B.Log, StringComparison.Ordinal);
    }

    [PostgresTheory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_conversation_alternating_between_the_instances_goes_through_the_whole_update_and_is_recorded_once(string locale)
    {
        var w = Words[locale];
        var chat = TwoInstances.Open($"a:alternating-{locale}", locale: locale);
        var email = $"alternating.{locale}@zmkrasnik.pl".ToLowerInvariant();
        var offer = Card(await chat.SayAsync(bots.A, w.Ask), "Zakłady Mięsne Kraśnik Sp. z o.o.");
        var account = Card(await chat.PressAsync(bots.B, offer, w.Yes), w.Account);
        var form = Card(await chat.PressAsync(bots.A, account, w.Edit), "@");
        var confirm = Card(await chat.PressAsync(bots.B, form, w.Review, new Dictionary<string, string> { [Email] = email }), "→ " + email);
        Card(await chat.PressAsync(bots.A, confirm, w.Confirm), w.Done);

        Assert.Equal(email, await bots.ScalarAsync<string>("SELECT email FROM billing_profiles WHERE customer_id = @id", ("id", Krasnik)));
        Assert.Equal(1L, await bots.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE changes LIKE @email", ("email", $"%{email}%")));
    }

    [PostgresFact]
    public async Task A_confirm_redelivered_to_the_other_instance_gets_no_second_answer_and_no_second_write()
    {
        var w = Words["en-US"];
        var chat = TwoInstances.Open("a:redelivered-confirm");
        const string email = "redelivered@zmkrasnik.pl";
        var offer = Card(await chat.SayAsync(bots.A, w.Ask), "Zakłady Mięsne Kraśnik Sp. z o.o.");
        var account = Card(await chat.PressAsync(bots.A, offer, w.Yes), w.Account);
        var form = Card(await chat.PressAsync(bots.A, account, w.Edit), "@");
        var confirm = Card(await chat.PressAsync(bots.A, form, w.Review, new Dictionary<string, string> { [Email] = email }), "→ " + email);
        var press = chat.Press(confirm, w.Confirm);

        Card(await TwoInstances.PostAsync(bots.A, press), w.Done);
        var etag = await bots.ScalarAsync<string>("SELECT etag FROM billing_profiles WHERE customer_id = @id", ("id", Krasnik));
        var again = await TwoInstances.PostAsync(bots.B, press);

        Assert.Empty(again);
        Assert.Equal(etag, await bots.ScalarAsync<string>("SELECT etag FROM billing_profiles WHERE customer_id = @id", ("id", Krasnik)));
        Assert.Equal(1L, await bots.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE changes LIKE @email", ("email", $"%{email}%")));
    }

    [PostgresFact]
    public async Task The_same_activity_delivered_to_both_instances_at_once_is_answered_once()
    {
        var chat = TwoInstances.Open("a:redelivered-at-once");
        var activity = chat.Message("update contoso");

        var answers = await Task.WhenAll(TwoInstances.PostAsync(bots.A, activity), TwoInstances.PostAsync(bots.B, activity));

        var answered = Assert.Single(answers, a => a.Count > 0);
        Assert.Contains("Contoso", Said(answered), StringComparison.Ordinal);
        Assert.Empty(await TwoInstances.PostAsync(bots.A, activity));
    }
}
