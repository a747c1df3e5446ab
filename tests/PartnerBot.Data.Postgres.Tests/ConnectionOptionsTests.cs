using Npgsql;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>An operator's own Npgsql keywords in the connection string must not stop the bot at start.</summary>
public sealed class ConnectionOptionsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string> Postgres => TestPostgres.Enabled ? new TheoryData<string> { StoreUnderTest.Postgres } : [];

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task With_multiplexing_in_the_connection_string_the_pool_answers_and_the_search_names_are_still_listened_for(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await using var database = new PostgresDatabase(store.ConnectionString + ";Multiplexing=true");

        // The pool multiplexes as asked.
        Assert.Null(await database.GetProblemAsync(None));

        // The listening connection is unpooled, which Npgsql allows only without multiplexing.
        await using var listening = await database.OpenListeningConnectionAsync(None);
        await using var listen = new NpgsqlCommand("LISTEN partnerbot_search_names", listening);
        await listen.ExecuteNonQueryAsync(None);
    }
}
