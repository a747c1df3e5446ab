using System.Collections.Concurrent;
using Microsoft.Bot.Schema;
using PartnerBot.Bots;
using PartnerBot.Data.Seed;
using PartnerBot.Testing;
using PartnerBot.Tests.Support;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace PartnerBot.Tests.ScaleOut;

/// <summary>Many people at once on both instances, and an instance that dies under a conversation.</summary>
public sealed partial class TwoInstancesTests
{
    private static readonly Dictionary<string, (string Update, string History, string EditAgain, string Conflict, string ApplyOnTop)> More = new()
    {
        ["en-US"] = ("update", "history", "Edit again", "Someone else changed", "Apply my edits on top"),
        ["pl-PL"] = ("zmień dane", "historia", "Edytuj ponownie", "Ktoś inny zmienił w międzyczasie", "Nanieś moje zmiany"),
    };

    [PostgresFact]
    public async Task Two_hundred_turns_of_twenty_concurrent_conversations_spread_over_both_instances_each_see_their_turns_in_order()
    {
        const int conversations = 20;
        const int turnsEach = 8;
        // Twenty Polish customers nobody else here edits, twenty people (each their own submit limit), half in Polish.
        var customers = DemoData.Customers.Where(c => c.Billing.DefaultAddress.Country == "PL" && c.CustomerId != Krasnik).Take(conversations).ToList();
        Assert.Equal(conversations, customers.Count);
        var people = new List<string>();
        for (var i = 0; i < conversations; i++)
        {
            people.Add(await bots.AddStaffAsync($"Load Agent {i}", "SalesAgent"));
        }

        // Each turn goes to A or B at random, the same way every run.
        var random = new Random(20261127);
        var routes = Enumerable.Range(0, conversations)
            .Select(_ => Enumerable.Range(0, turnsEach).Select(_ => random.Next(2) == 0 ? bots.A : bots.B).ToArray())
            .ToArray();
        var latencies = new ConcurrentBag<double>();
        var retriedBefore = Retried();
        var clock = Stopwatch.StartNew();

        var walks = Enumerable.Range(0, conversations).Select(i => Task.Run(() => WalkAsync(i)));
        var ended = await Task.WhenAll(walks);
        clock.Stop();

        Assert.Equal(conversations * turnsEach, latencies.Count);
        for (var i = 0; i < conversations; i++)
        {
            Assert.Equal(ended[i], await bots.ScalarAsync<string>("SELECT email FROM billing_profiles WHERE customer_id = @id", ("id", customers[i].CustomerId)));
            Assert.Equal(1L, await bots.ScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE customer_id = @id AND actor_aad_object_id = @who AND outcome = 'Applied'",
                ("id", customers[i].CustomerId),
                ("who", people[i])));
        }

        Assert.Equal((long)conversations, await bots.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE customer_id = ANY(@ids)", ("ids", customers.Select(c => c.CustomerId).ToArray())));
        var sorted = latencies.Order().ToArray();
        output.WriteLine(
            $"{conversations * turnsEach} turns from {conversations} conversations in {clock.Elapsed.TotalSeconds:0.0} s " +
            $"({conversations * turnsEach / clock.Elapsed.TotalSeconds:0} turns/s); turn latency p50 {sorted[sorted.Length / 2]:0} ms, " +
            $"p95 {sorted[sorted.Length * 95 / 100]:0} ms, max {sorted[^1]:0} ms; turns run again after a lost save: {Retried() - retriedBefore}");

        int Retried() => Count(bots.A.Log) + Count(bots.B.Log);

        static int Count(string log) => log.Split("was saved by another turn first").Length - 1;

        async Task<IReadOnlyList<Activity>> TimedAsync(Task<IReadOnlyList<Activity>> turn)
        {
            var started = Stopwatch.GetTimestamp();
            var replies = await turn;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return replies;
        }

        // One person's conversation, turn after turn as a person types and presses: two drafts of the e-mail, the
        // second confirmed, then the history shows it and who made it, and a new update begins. Each card only comes if every turn before it
        // was kept, in order.
        async Task<string> WalkAsync(int i)
        {
            var locale = i % 2 == 0 ? "en-US" : "pl-PL";
            var (w, m) = (Words[locale], More[locale]);
            var customer = customers[i];
            var name = customer.Billing.CompanyName;
            var chat = TwoInstances.Open($"a:load-{i}", people[i], $"Load Agent {i}", locale);
            var drafts = Enumerable.Range(1, 2).Select(d => $"load{i}.draft{d}@{customer.Company.Domain.Split('.')[0]}.pl").ToArray();
            var route = routes[i];
            var turn = 0;
            BotProcess Next() => route[turn++];

            // The customer's exact name: its account opens at once.
            var account = Card(await TimedAsync(chat.SayAsync(Next(), $"{m.Update} {name}")), w.Account.Split(':')[0] + ": " + name);
            Assert.Contains(customer.Billing.Email, CardReader.Text(account), StringComparison.Ordinal);
            var form = Card(await TimedAsync(chat.PressAsync(Next(), account, w.Edit)), customer.Billing.Email);
            var confirm = Card(await TimedAsync(chat.PressAsync(Next(), form, w.Review, new Dictionary<string, string> { [Email] = drafts[0] })), "→ " + drafts[0]);
            form = Card(await TimedAsync(chat.PressAsync(Next(), confirm, m.EditAgain)), drafts[0]);
            confirm = Card(await TimedAsync(chat.PressAsync(Next(), form, w.Review, new Dictionary<string, string> { [Email] = drafts[1] })), "→ " + drafts[1]);
            Assert.DoesNotContain(drafts[0], CardReader.Text(confirm), StringComparison.Ordinal);
            Card(await TimedAsync(chat.PressAsync(Next(), confirm, w.Confirm)), w.Done + ": " + name);
            var history = Card(await TimedAsync(chat.SayAsync(Next(), $"{m.History} {name}")), drafts[1]);
            Assert.Contains($"Load Agent {i}", CardReader.Text(history), StringComparison.Ordinal);
            Card(await TimedAsync(chat.SayAsync(Next(), $"{m.Update} {name}")), name);
            Assert.Equal(turnsEach, turn);
            return drafts[^1];
        }
    }

    [PostgresTheory]
    [InlineData("en-US", "muellersoehne.onmicrosoft.com")]
    [InlineData("pl-PL", "baeckereigrossmann.onmicrosoft.com")]
    public async Task The_same_customer_confirmed_by_two_people_on_both_instances_at_once_is_changed_once_and_the_other_sees_the_conflict(string locale, string domain)
    {
        var (w, m) = (Words[locale], More[locale]);
        var customer = DemoData.Customers.Single(c => c.Company.Domain == domain);
        var name = customer.Billing.CompanyName;
        var first = TwoInstances.Open($"a:race-first-{locale}", await bots.AddStaffAsync("Race First", "SalesAgent"), "Race First", locale);
        var second = TwoInstances.Open($"a:race-second-{locale}", await bots.AddStaffAsync("Race Second", "AdminAgent"), "Race Second", locale);

        // Both open the account before either confirms: both reviewed the same version.
        async Task<Activity> ConfirmCardAsync(TwoInstances.Chat chat, BotProcess instance, string email)
        {
            var account = Card(await chat.SayAsync(instance, $"{m.Update} {name}"), name);
            var form = Card(await chat.PressAsync(instance, account, w.Edit), "@");
            return Card(await chat.PressAsync(instance, form, w.Review, new Dictionary<string, string> { [Email] = email }), "→ " + email);
        }

        var (firstEmail, secondEmail) = ($"first.{locale}@race.example".ToLowerInvariant(), $"second.{locale}@race.example".ToLowerInvariant());
        var confirms = await Task.WhenAll(ConfirmCardAsync(first, bots.A, firstEmail), ConfirmCardAsync(second, bots.B, secondEmail));

        var answers = await Task.WhenAll(first.PressAsync(bots.A, confirms[0], w.Confirm), second.PressAsync(bots.B, confirms[1], w.Confirm));

        var won = Assert.Single(answers, a => Said(a).Contains(w.Done, StringComparison.Ordinal));
        var lost = Assert.Single(answers, a => Said(a).Contains(m.Conflict, StringComparison.Ordinal));
        var (winner, loser) = won == answers[0] ? (firstEmail, secondEmail) : (secondEmail, firstEmail);
        // The loser is shown what the winner changed, and nothing of theirs was written.
        var conflict = Card(lost, winner);
        Assert.Equal(winner, await bots.ScalarAsync<string>("SELECT email FROM billing_profiles WHERE customer_id = @id", ("id", customer.CustomerId)));
        Assert.Equal(1L, await AuditAsync("Applied"));
        Assert.Equal(1L, await AuditAsync("Conflict"));

        // The conflict flow goes on: the loser's edit applied on top of the winner's, with its own confirmation.
        var (loserChat, loserInstance) = won == answers[0] ? (second, bots.B) : (first, bots.A);
        var onTop = Card(await loserChat.PressAsync(loserInstance == bots.A ? bots.B : bots.A, conflict, m.ApplyOnTop), "→ " + loser);
        Assert.Contains(winner, CardReader.Text(onTop), StringComparison.Ordinal);
        Card(await loserChat.PressAsync(loserInstance, onTop, w.Confirm), w.Done);
        Assert.Equal(loser, await bots.ScalarAsync<string>("SELECT email FROM billing_profiles WHERE customer_id = @id", ("id", customer.CustomerId)));
        Assert.Equal(2L, await AuditAsync("Applied"));

        Task<long> AuditAsync(string outcome) => bots.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE customer_id = @id AND outcome = @outcome", ("id", customer.CustomerId), ("outcome", outcome));
    }

    [PostgresTheory]
    [InlineData("en-US", "harringtonshaw.onmicrosoft.com")]
    [InlineData("pl-PL", "penroseengineering.onmicrosoft.com")]
    public async Task An_instance_killed_mid_dialog_leaves_the_conversation_to_go_on_on_the_other(string locale, string domain)
    {
        var (w, m) = (Words[locale], More[locale]);
        var customer = DemoData.Customers.Single(c => c.Company.Domain == domain);
        var name = customer.Billing.CompanyName;
        var chat = TwoInstances.Open($"a:killed-{locale}", await bots.AddStaffAsync("Killed Instance User", "SalesAgent"), "Killed Instance User", locale);
        var email = $"after.kill.{locale}@example.com".ToLowerInvariant();
        Activity confirm;
        var doomed = await bots.StartAnotherAsync();
        await using (doomed)
        {
            var account = Card(await chat.SayAsync(doomed, $"{m.Update} {name}"), name);
            var form = Card(await chat.PressAsync(doomed, account, w.Edit), "@");
            confirm = Card(await chat.PressAsync(doomed, form, w.Review, new Dictionary<string, string> { [Email] = email }), "→ " + email);
        }

        // Killed (SIGKILL, no shutdown): what it knew of the conversation is only what it saved.
        Assert.True(doomed.HasExited);
        await Assert.ThrowsAsync<HttpRequestException>(() => chat.SayAsync(doomed, "help"));

        Card(await chat.PressAsync(bots.B, confirm, w.Confirm), w.Done + ": " + name);
        Assert.Equal(email, await bots.ScalarAsync<string>("SELECT email FROM billing_profiles WHERE customer_id = @id", ("id", customer.CustomerId)));
        Assert.Equal(1L, await bots.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE customer_id = @id AND outcome = 'Applied'", ("id", customer.CustomerId)));
    }

    [PostgresFact]
    public async Task A_confirm_run_again_after_lost_saves_counts_once_against_the_submit_limit()
    {
        var (w, m) = (Words["en-US"], More["en-US"]);
        var customer = DemoData.Customers.Single(c => c.Company.Domain == "thistlerowan.onmicrosoft.com");
        var name = customer.Billing.CompanyName;
        var chat = TwoInstances.Open("a:limit-rerun", await bots.AddStaffAsync("Limit Rerun", "SalesAgent"), "Limit Rerun");
        const int limit = 10; // Limits:WriteSubmitsPerMinute's default, which the instances run with

        async Task<IReadOnlyList<Activity>> SubmitAsync(int n, int lostSaves)
        {
            var account = Card(await chat.SayAsync(bots.A, $"{m.Update} {name}"), name);
            var form = Card(await chat.PressAsync(bots.A, account, w.Edit), "@");
            var confirm = Card(await chat.PressAsync(bots.A, form, w.Review, new Dictionary<string, string> { [Email] = $"limit{n}@thistlerowan.co.uk" }), "→ ");
            await bots.RivalSavesAsync(chat.ConversationId, lostSaves);
            return await chat.PressAsync(bots.A, confirm, w.Confirm);
        }

        // The first confirm's turn runs as many times as ConcurrentTurn allows, the change applied by the first run.
        Card(await SubmitAsync(1, ConcurrentTurn.MaxAttempts - 1), w.Done);
        Assert.Equal(0L, await bots.RivalSavesLeftAsync(chat.ConversationId));
        Assert.True(await bots.A.WaitForLogAsync(
            l => l.Contains($"Conversation {chat.ConversationId} was saved by another turn first (attempt {ConcurrentTurn.MaxAttempts - 1} of", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5)));

        // So the person still has the rest of the minute's submits, and the limit still holds after them.
        for (var n = 2; n <= limit; n++)
        {
            Card(await SubmitAsync(n, 0), w.Done);
        }

        Assert.Contains("Slow down, please: you can submit at most 10 changes a minute.", Said(await SubmitAsync(limit + 1, 0)), StringComparison.Ordinal);
        Assert.Equal((long)limit, await bots.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE customer_id = @id AND outcome = 'Applied'", ("id", customer.CustomerId)));
    }
}
