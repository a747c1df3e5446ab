using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data;

namespace PartnerBot.Tests.State;

/// <summary>The bot_state and bot_state_quarantine rows of a running bot, read and damaged with plain SQL.</summary>
internal sealed class StoredState(IServiceProvider services)
{
    public const string PersonalKey = "msteams/conversations/a:personal";

    private SqliteDatabase Database => services.GetRequiredService<SqliteDatabase>();

    public async Task<string?> DocumentAsync(string key = PersonalKey) =>
        await ScalarAsync("SELECT document FROM bot_state WHERE key = $key", key) as string;

    public async Task ReplaceDocumentAsync(string document, string key = PersonalKey)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE bot_state SET document = $document WHERE key = $key";
        command.Parameters.AddWithValue("$document", document);
        command.Parameters.AddWithValue("$key", key);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>The documents put aside for a key, oldest first.</summary>
    public async Task<List<(string Reference, string Document, string Problem)>> QuarantinedAsync(string key = PersonalKey)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT reference, document, problem FROM bot_state_quarantine WHERE key = $key ORDER BY quarantined_at";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    private async Task<object?> ScalarAsync(string sql, string key)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync();
    }
}
