using Microsoft.Bot.Schema;
using PartnerBot.Bots;
using PartnerBot.Data.Seed;
using PartnerBot.Tests.Support;
using Xunit.Abstractions;

namespace PartnerBot.Tests.ScaleOut;

/// <summary>
/// Several instances behind a load balancer on one PostgreSQL: a conversation lands on either instance at each turn,
/// another instance may save the same conversation while a turn runs, and Teams may deliver an activity again,
/// to the other instance.
/// </summary>
public sealed partial class TwoInstancesTests(TwoInstances bots, ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    private const string Email = "billing.Email";

    private static readonly string Krasnik = DemoData.CustomerIdFor("zmkrasnik.onmicrosoft.com");

    // The ask has a typo ("krasnk") so the bot first asks "did you mean", the step these tests press on:
    // an exact name would open the account at once.
    private static readonly Dictionary<string, (string Ask, string Yes, string Account, string Edit, string Review, string Confirm, string Done)> Words = new()
    {
        ["en-US"] = ("update zaklady miesne krasnk", "Yes", "Account: Zakłady Mięsne Kraśnik Sp. z o.o.", "Edit billing information",
            "Review changes", "Confirm", "Billing information updated"),
        ["pl-PL"] = ("zmień dane Zakłady Mięsne Krasnk", "Tak", "Konto: Zakłady Mięsne Kraśnik Sp. z o.o.", "Edytuj informacje rozliczeniowe",
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

    [PostgresTheory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_confirm_redelivered_to_the_other_instance_is_answered_with_the_same_card_and_writes_nothing_twice(string locale)
    {
        var w = Words[locale];
        var chat = TwoInstances.Open($"a:redelivered-confirm-{locale}", locale: locale);
        var email = $"redelivered.{locale}@zmkrasnik.pl".ToLowerInvariant();
        var offer = Card(await chat.SayAsync(bots.A, w.Ask), "Zakłady Mięsne Kraśnik Sp. z o.o.");
        var account = Card(await chat.PressAsync(bots.A, offer, w.Yes), w.Account);
        var form = Card(await chat.PressAsync(bots.A, account, w.Edit), "@");
        var confirm = Card(await chat.PressAsync(bots.A, form, w.Review, new Dictionary<string, string> { [Email] = email }), "→ " + email);
        var press = chat.Press(confirm, w.Confirm);

        var done = Card(await TwoInstances.PostAsync(bots.A, press), w.Done);
        var etag = await bots.ScalarAsync<string>("SELECT etag FROM billing_profiles WHERE customer_id = @id", ("id", Krasnik));
        // Teams sends the press again (its answer was slow to arrive): it must be answered, with the card the first
        // delivery answered, and not obeyed a second time.
        var again = await TwoInstances.PostAsync(bots.B, press);

        Assert.Equal(CardReader.Content(done).ToString(), CardReader.Content(Assert.Single(again)).ToString());
        Assert.Equal(etag, await bots.ScalarAsync<string>("SELECT etag FROM billing_profiles WHERE customer_id = @id", ("id", Krasnik)));
        Assert.Equal(1L, await bots.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE changes LIKE @email", ("email", $"%{email}%")));
        Assert.True(await bots.B.WaitForLogAsync(l => l.Contains($"Activity {press["id"]} in {chat.ConversationId} was already taken", StringComparison.Ordinal), TimeSpan.FromSeconds(5)));
    }

    [PostgresFact]
    public async Task A_press_delivered_to_both_instances_at_once_is_obeyed_once_and_both_get_its_card()
    {
        var w = Words["en-US"];
        var chat = TwoInstances.Open("a:press-at-once");
        var offer = Card(await chat.SayAsync(bots.B, w.Ask), "Zakłady Mięsne Kraśnik Sp. z o.o.");
        var account = Card(await chat.PressAsync(bots.B, offer, w.Yes), w.Account);
        var press = chat.Press(account, w.Edit);

        // One delivery runs the turn; the other waits for its answer instead of running it or answering empty.
        var answers = await Task.WhenAll(TwoInstances.PostAsync(bots.A, press), TwoInstances.PostAsync(bots.B, press));

        var forms = answers.Select(a => Card(a, "@")).ToList();
        Assert.Equal(CardReader.Content(forms[0]).ToString(), CardReader.Content(forms[1]).ToString());
        var retried = $"Activity {press["id"]} in {chat.ConversationId} was already taken";
        Assert.True(await bots.A.WaitForLogAsync(l => l.Contains(retried, StringComparison.Ordinal), TimeSpan.FromSeconds(1))
            || await bots.B.WaitForLogAsync(l => l.Contains(retried, StringComparison.Ordinal), TimeSpan.FromSeconds(5)));
        // The form was opened once: the conversation is at the form, and reviewing it works.
        Card(await chat.PressAsync(bots.A, forms[0], w.Review, new Dictionary<string, string> { [Email] = "at.once@zmkrasnik.pl" }), "→ at.once@zmkrasnik.pl");
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

    [PostgresTheory]
    [InlineData("en-US")]
    [InlineData("pl-PL")]
    public async Task A_turn_whose_save_another_instance_beat_runs_again_and_the_user_sees_one_answer(string locale)
    {
        var w = Words[locale];
        var chat = TwoInstances.Open($"a:rival-once-{locale}", locale: locale);
        var offer = Card(await chat.SayAsync(bots.A, w.Ask), "Zakłady Mięsne Kraśnik Sp. z o.o.");
        await bots.RivalSavesAsync(chat.ConversationId, 2);

        var replies = await chat.PressAsync(bots.B, offer, w.Yes);

        Assert.Equal(0L, await bots.RivalSavesLeftAsync(chat.ConversationId));
        var account = Card(replies, w.Account);
        Assert.Single(replies);
        Assert.True(await bots.B.WaitForLogAsync(l => l.Contains($"Conversation {chat.ConversationId} was saved by another turn first (attempt 2 of", StringComparison.Ordinal), TimeSpan.FromSeconds(5)));
        // The attempt that saved is the one the conversation goes on from, on the other instance.
        Card(await chat.PressAsync(bots.A, account, w.Edit), "@");
    }

    [PostgresTheory]
    [InlineData("en-US", "Someone else changed this conversation at the same moment, so I did not go on. Please send your last message again.")]
    [InlineData("pl-PL", "W tej samej chwili ktoś inny zmienił tę rozmowę, więc nie kontynuowałem. Wyślij proszę ostatnią wiadomość jeszcze raz.")]
    public async Task A_turn_that_keeps_losing_its_save_stops_after_a_few_attempts_and_asks_again_in_the_users_language(string locale, string tryAgain)
    {
        var w = Words[locale];
        var chat = TwoInstances.Open($"a:rival-always-{locale}", locale: locale);
        var offer = Card(await chat.SayAsync(bots.B, w.Ask), "Zakłady Mięsne Kraśnik Sp. z o.o.");
        await bots.RivalSavesAsync(chat.ConversationId, 1000);

        var replies = await chat.PressAsync(bots.A, offer, w.Yes);

        Assert.Equal(1000L - ConcurrentTurn.MaxAttempts, await bots.RivalSavesLeftAsync(chat.ConversationId));
        Assert.Equal(tryAgain, Assert.Single(replies).Text);
        await bots.RivalSavesAsync(chat.ConversationId, 0);
        // Nothing of the lost turn was kept: the offer is still the open question, and answering it works.
        Card(await chat.PressAsync(bots.B, offer, w.Yes), w.Account);
    }


    [PostgresFact]
    public async Task Two_messages_of_one_conversation_at_once_on_both_instances_are_each_answered_once()
    {
        // A real race, not a simulated one: the same person's two messages reach the two instances together. Whichever
        // order the saves land in, each message gets its own answer once and the conversation is left usable.
        var chat = TwoInstances.Open("a:two-at-once");
        for (var round = 0; round < 5; round++)
        {
            var answers = await Task.WhenAll(chat.SayAsync(bots.A, "help"), chat.SayAsync(bots.B, "history Contoso"));

            // Help answers once; it may go on to re-ask the open dialog's question ("Now, where we were:").
            Assert.Single(answers[0], r => r.Text?.StartsWith("I can update", StringComparison.Ordinal) == true);
            Assert.Contains("Contoso", Said(answers[1]), StringComparison.Ordinal);
            Assert.DoesNotContain("I can update a customer's billing information", Said(answers[1]), StringComparison.Ordinal);
        }

        Card(await chat.SayAsync(bots.A, "update zaklady miesne krasnik"), "Zakłady Mięsne Kraśnik Sp. z o.o.");
        output.WriteLine($"turns run again after a lost save: A {Count(bots.A.Log)}, B {Count(bots.B.Log)}");

        static int Count(string log) => log.Split("was saved by another turn first").Length - 1;
    }
}
