using Microsoft.Bot.Schema;
using PartnerBot.Data.Seed;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.ScaleOut;

/// <summary>
/// Several instances behind a load balancer on one PostgreSQL: a conversation may land on either instance at each
/// turn, Teams may deliver the same activity twice, and two people may edit one customer at once.
/// </summary>
[Collection(nameof(TwoInstancesTests))]
public sealed class TwoInstancesTests(TwoInstances bots) : IClassFixture<TwoInstances>
{
    private const string Email = "billing.Email";
    private const string Ask = "update zaklady miesne krasnik";

    public static TheoryData<string> Postgres => TwoInstances.Enabled ? new TheoryData<string> { "Postgres" } : [];

    private static Activity Card(IReadOnlyList<Activity> replies, string expected)
    {
        var card = Assert.Single(replies, r => CardReader.IsCard(r));
        Assert.Contains(expected, CardReader.Text(card), StringComparison.Ordinal);
        return card;
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_conversation_alternating_between_the_instances_goes_through_the_whole_update(string store)
    {
        Assert.Equal("Postgres", store);
        var chat = TwoInstances.Open("a:alternating");
        var offer = Card(await chat.SayAsync(bots.A, Ask), "Zakłady Mięsne Kraśnik Sp. z o.o.");
        var account = Card(await chat.PressAsync(bots.B, offer, "Yes"), "Account: Zakłady Mięsne Kraśnik Sp. z o.o.");
        var form = Card(await chat.PressAsync(bots.A, account, "Edit billing information"), "Billing e-mail");
        var confirm = Card(
            await chat.PressAsync(bots.B, form, "Review changes", new Dictionary<string, string> { [Email] = "alternating@zmkrasnik.pl" }),
            "→ alternating@zmkrasnik.pl");
        Card(await chat.PressAsync(bots.A, confirm, "Confirm"), "Billing information updated");

        Assert.Equal("alternating@zmkrasnik.pl", await bots.ScalarAsync<string>(
            $"SELECT email FROM billing_profiles WHERE customer_id = '{DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com")}'"));
        Assert.Equal(1L, await bots.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE changes LIKE '%alternating@zmkrasnik.pl%'"));
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task The_same_activity_delivered_to_both_instances_at_once_is_answered_once(string store)
    {
        Assert.Equal("Postgres", store);
        var chat = TwoInstances.Open("a:redelivered");
        var activity = chat.Message("update contoso");

        var answers = await Task.WhenAll(TwoInstances.PostAsync(bots.A, activity), TwoInstances.PostAsync(bots.B, activity));
        var late = await TwoInstances.PostAsync(bots.B, activity);

        Assert.Single(answers, a => a.Count > 0);
        Assert.Contains("Contoso", CardReader.Text(answers.Single(a => a.Count > 0)[0]), StringComparison.Ordinal);
        Assert.Empty(late);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task One_customer_confirmed_from_both_instances_at_once_applies_once_and_offers_the_other_the_conflict(string store)
    {
        Assert.Equal("Postgres", store);
        const string customer = "update contoso";
        var alex = TwoInstances.Open("a:editor-alex");
        var megan = TwoInstances.Open("a:editor-megan", DemoData.MeganBowenId, "Megan Bowen");

        async Task<Activity> ConfirmCardAsync(TwoInstances.Chat chat, string email)
        {
            var replies = await chat.SayAsync(bots.A, customer);
            var card = Assert.Single(replies, r => CardReader.IsCard(r));
            if (CardReader.Actions(CardReader.Content(card)).Any(a => (string?)a["title"] == "Yes"))
            {
                card = Assert.Single(await chat.PressAsync(bots.A, card, "Yes"), r => CardReader.IsCard(r));
            }

            var form = Card(await chat.PressAsync(bots.B, card, "Edit billing information"), "Billing e-mail");
            return Card(await chat.PressAsync(bots.A, form, "Review changes", new Dictionary<string, string> { [Email] = email }), "→ " + email);
        }

        var alexConfirm = await ConfirmCardAsync(alex, "alex@contoso.com");
        var meganConfirm = await ConfirmCardAsync(megan, "megan@contoso.com");

        var outcomes = await Task.WhenAll(alex.PressAsync(bots.A, alexConfirm, "Confirm"), megan.PressAsync(bots.B, meganConfirm, "Confirm"));
        var texts = outcomes.Select(o => string.Join("\n", o.Select(CardReader.Text))).ToList();

        Assert.Single(texts, t => t.Contains("Billing information updated", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("Someone else changed", StringComparison.Ordinal));
        var winner = texts[0].Contains("Billing information updated", StringComparison.Ordinal) ? "alex@contoso.com" : "megan@contoso.com";
        Assert.Equal(winner, await bots.ScalarAsync<string>(
            $"SELECT email FROM billing_profiles WHERE customer_id = '{DemoData.CustomerIdFor("contoso.onmicrosoft.com")}'"));
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task Two_hundred_turns_of_twenty_conversations_over_both_instances_keep_every_dialog_in_step(string store)
    {
        Assert.Equal("Postgres", store);

        // Each conversation walks the waterfall to the confirm card and cancels, twice (10 turns), its turns
        // alternating between the instances; the 20 conversations run at once.
        async Task WalkAsync(int n)
        {
            var chat = TwoInstances.Open($"a:load-{n}");
            for (var walk = 0; walk < 2; walk++)
            {
                var first = n % 2 == walk % 2 ? bots.A : bots.B;
                var second = first == bots.A ? bots.B : bots.A;
                var offer = Card(await chat.SayAsync(first, Ask), "Zakłady Mięsne Kraśnik Sp. z o.o.");
                var account = Card(await chat.PressAsync(second, offer, "Yes"), "Account: Zakłady Mięsne Kraśnik Sp. z o.o.");
                var form = Card(await chat.PressAsync(first, account, "Edit billing information"), "Billing e-mail");
                var confirm = Card(
                    await chat.PressAsync(second, form, "Review changes", new Dictionary<string, string> { [Email] = $"load{n}.{walk}@zmkrasnik.pl" }),
                    $"→ load{n}.{walk}@zmkrasnik.pl");
                var cancelled = await chat.PressAsync(first, confirm, "Cancel");
                Assert.Contains(cancelled, r => CardReader.Text(r).Contains("Cancel", StringComparison.OrdinalIgnoreCase)
                    || CardReader.Text(r).Contains("Nothing was changed", StringComparison.Ordinal));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Task.Run(() => WalkAsync(n))));

        Assert.Equal(20L, await bots.ScalarAsync<long>("SELECT count(*) FROM bot_state WHERE key LIKE 'msteams/conversations/a:load-%'"));
        Assert.Equal(0L, await bots.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE changes LIKE '%@zmkrasnik.pl%' AND changes LIKE '%load%'"));
    }
}

/// <summary>An instance stops in the middle of a dialog; the conversation goes on on the other.</summary>
public sealed class InstanceStoppedTests(TwoInstances bots) : IClassFixture<TwoInstances>
{
    public static TheoryData<string> Postgres => TwoInstancesTests.Postgres;

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task The_conversation_continues_on_the_other_instance(string store)
    {
        Assert.Equal("Postgres", store);
        var chat = TwoInstances.Open("a:survivor");
        var offer = Assert.Single(await chat.SayAsync(bots.A, "update zaklady miesne krasnik"));
        var account = Assert.Single(await chat.PressAsync(bots.A, offer, "Yes"), r => CardReader.IsCard(r));

        await bots.A.DisposeAsync();
        Assert.True(bots.A.HasExited);

        var form = Assert.Single(await chat.PressAsync(bots.B, account, "Edit billing information"), r => CardReader.IsCard(r));
        Assert.Contains("Billing e-mail", CardReader.Text(form), StringComparison.Ordinal);
    }
}
