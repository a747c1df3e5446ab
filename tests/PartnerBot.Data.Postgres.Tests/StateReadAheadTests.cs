using System.Diagnostics;
using Npgsql;
using PartnerBot.Data.Activities;
using PartnerBot.Data.BotState;
using PartnerBot.Data.Postgres.Activities;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>
/// On PostgreSQL a turn's conversation state is read in the round trip that takes its activity in the ledger
/// (<see cref="IStateReadingActivityLedger"/>): the turn's own read then goes to no server, a turn that runs again
/// reads afresh, the take stays once-only whatever happens to the read, and a server that does not answer fails the
/// take as the take alone fails it (the same answer to the user).
/// </summary>
public sealed class StateReadAheadTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static TheoryData<string> Postgres => TestPostgres.Enabled ? new TheoryData<string> { StoreUnderTest.Postgres } : [];

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task The_turns_first_state_read_takes_what_the_take_read_and_sends_nothing_to_the_server(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new Dictionary<string, object> { ["step"] = 1L } }, None);
        var ledger = (IStateReadingActivityLedger)store.Ledger;
        using var commands = new ServerCommands(store.ConnectionString!);

        var readAhead = StateReadAhead.Begin("conv");
        Assert.True(await ledger.TryTakeAsync("conv", "act-1", Minute, readAhead, None));
        Assert.Equal(1, commands.Count);
        var read = (IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"];

        Assert.Equal(1, commands.Count);
        Assert.Equal(1L, read["step"]);
        // Read with its etag, so the turn's save is checked against the version it started from.
        read["step"] = 2L;
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = read }, None);
        Assert.Equal(2L, ((IDictionary<string, object>)(await other.Storage.ReadAsync(["conv"], None))["conv"])["step"]);
        // The take is the ledger's as ever: the same activity is not taken again, on any instance.
        Assert.False(await other.Ledger.TryTakeAsync("conv", "act-1", Minute, None));
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_turn_that_runs_again_reads_the_state_afresh_and_another_keys_read_is_its_own(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = new Dictionary<string, object> { ["step"] = 1L } }, None);
        var ledger = (IStateReadingActivityLedger)store.Ledger;

        Assert.True(await ledger.TryTakeAsync("conv", "act-1", Minute, StateReadAhead.Begin("conv"), None));
        // Another instance saves the conversation after the take (written by hand here: in one process another
        // instance's read would meet this turn's read-ahead): the turn's first read still starts from what the take
        // read, so its save conflicts, and the attempt after the conflict reads what the other saved.
        await ExecuteAsync(store.ConnectionString!, "UPDATE bot_state SET etag = 'saved-by-the-other' WHERE key = 'conv'");
        Assert.Empty(await store.Storage.ReadAsync(["person/recent"], None));
        var first = (IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"];
        first["step"] = 2L;

        await Assert.ThrowsAsync<ArgumentException>(() => store.Storage.WriteAsync(new Dictionary<string, object> { ["conv"] = first }, None));
        Assert.Equal("saved-by-the-other", ((IDictionary<string, object>)(await store.Storage.ReadAsync(["conv"], None))["conv"])["ETag"]);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_steps_role_check_answers_from_the_takes_read_of_the_sender_and_a_submit_asks_the_server_again(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var ledger = (IStateReadingActivityLedger)store.Ledger;
        var alex = new PartnerUser(DemoData.AlexWilberId, null, "Alex Wilber");
        using var commands = new ServerCommands(store.ConnectionString!);

        Assert.True(await ledger.TryTakeAsync("conv", "act-1", Minute, StateReadAhead.Begin("conv", alex.AadObjectId), None));
        Assert.Equal(1, commands.Count);
        Assert.Contains(PartnerRole.SalesAgent, (await store.Roles.FindAsync(alex, RoleFreshness.ThisTurn, None))!.Roles);
        Assert.Contains(PartnerRole.SalesAgent, (await store.Roles.FindAsync(alex, RoleFreshness.RecentEnough, None))!.Roles);
        Assert.Equal(1, commands.Count);

        // Revoked after the turn began: its steps saw the role as the turn read it, its submit sees it gone.
        Assert.True(await store.RevokeRoleAsync(alex.AadObjectId, PartnerRole.SalesAgent));
        var atSubmit = await store.Roles.FindAsync(alex, RoleFreshness.Current, None);
        Assert.DoesNotContain(PartnerRole.SalesAgent, atSubmit!.Roles);

        // Someone else's lookup in the same turn, and a person the directory does not know, are read as ever.
        var megan = await store.Roles.FindAsync(new PartnerUser(DemoData.MeganBowenId, null, "Megan"), RoleFreshness.ThisTurn, None);
        Assert.Contains(PartnerRole.AdminAgent, megan!.Roles);
        Assert.True(await ledger.TryTakeAsync("conv", "act-2", Minute, StateReadAhead.Begin("conv", "nobody-at-all"), None));
        var before = commands.Count;
        Assert.Null(await store.Roles.FindAsync(new PartnerUser("nobody-at-all", null, "Nobody"), RoleFreshness.ThisTurn, None));
        Assert.Equal(before, commands.Count);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task An_activity_taken_already_is_not_taken_again_and_reads_nothing_ahead(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var ledger = (IStateReadingActivityLedger)store.OtherInstance().Ledger;
        Assert.True(await store.Ledger.TryTakeAsync("conv", "act-1", Minute, None));

        var readAhead = StateReadAhead.Begin("conv");
        Assert.False(await ledger.TryTakeAsync("conv", "act-1", Minute, readAhead, None));
        Assert.False(readAhead.Offered);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_conversation_without_state_reads_as_new_and_expired_state_is_deleted_as_without_the_read_ahead(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var ledger = (IStateReadingActivityLedger)store.Ledger;
        Assert.True(await ledger.TryTakeAsync("conv/new", "act-1", Minute, StateReadAhead.Begin("conv/new"), None));
        Assert.Empty(await store.Storage.ReadAsync(["conv/new"], None));

        await store.Storage.WriteAsync(new Dictionary<string, object> { ["conv/old"] = new Dictionary<string, object> { ["step"] = 1L } }, None);
        store.Clock.Now += TimeSpan.FromDays(8);
        Assert.True(await ledger.TryTakeAsync("conv/old", "act-2", Minute, StateReadAhead.Begin("conv/old"), None));
        Assert.Empty(await store.Storage.ReadAsync(["conv/old"], None));
        Assert.Equal(0, await store.BotStateRowsAsync());
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_take_whose_state_read_fails_stays_taken_once_and_the_turn_meets_the_fault_at_its_own_read(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        var ledger = (IStateReadingActivityLedger)store.Ledger;
        await ExecuteAsync(store.ConnectionString!, "ALTER TABLE bot_state RENAME TO bot_state_away");
        try
        {
            var readAhead = StateReadAhead.Begin("conv");
            Assert.True(await ledger.TryTakeAsync("conv", "act-1", Minute, readAhead, None));

            Assert.False(readAhead.Offered);
            Assert.False(await other.Ledger.TryTakeAsync("conv", "act-1", Minute, None));
            Assert.Equal(new LedgerEntry(false, null), await other.Ledger.FindAsync("conv", "act-1", None));
            await Assert.ThrowsAsync<PostgresException>(() => store.Storage.ReadAsync(["conv"], None));
        }
        finally
        {
            await ExecuteAsync(store.ConnectionString!, "ALTER TABLE bot_state_away RENAME TO bot_state");
        }
    }

    [Fact]
    public async Task A_server_that_does_not_answer_fails_the_take_as_the_take_alone_fails_it()
    {
        // Nothing listens on the port: the store is down, as in an outage.
        using var nobody = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        nobody.Start();
        var port = ((System.Net.IPEndPoint)nobody.LocalEndpoint).Port;
        nobody.Stop();
        await using var database = new PostgresDatabase($"Host=127.0.0.1;Port={port};Username=partnerbot;Database=postgres;Timeout=2");
        var ledger = new PostgresActivityLedger(database);

        var alone = await Record.ExceptionAsync(() => ledger.TryTakeAsync("conv", "act-1", Minute, None));
        var reading = await Record.ExceptionAsync(() => ledger.TryTakeAsync("conv", "act-1", Minute, StateReadAhead.Begin("conv"), None));

        Assert.IsType<NpgsqlException>(alone, exactMatch: false);
        Assert.Equal(alone.GetType(), reading?.GetType());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
