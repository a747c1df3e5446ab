using System.Globalization;
using PartnerBot.Data;
using PartnerBot.Data.Postgres;
using PartnerBot.Data.Postgres.Staff;
using PartnerBot.Data.Staff;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Benchmarks;

/// <summary>
/// The sales team the turn benchmark drives: each concurrent conversation is its own sales agent, as one instance
/// carries a team. Until session 12 one demo person drove every conversation, so each press that chose a customer
/// raced the same person's 31 other conversations on their one recent-customers list (lost races of a convenience
/// list, an exception each: ~380 a second at 32 conversations), which no team of people does.
/// </summary>
internal static class BenchTeam
{
    /// <summary>People in the team: the most conversations the benchmark drives at once.</summary>
    public const int Size = 128;

    /// <summary>The Entra ID object id of person <paramref name="person"/> (0-based, taken modulo <see cref="Size"/>).</summary>
    public static string AadObjectId(int person) =>
        string.Create(CultureInfo.InvariantCulture, $"5a1e5000-0000-4000-8000-{person % Size:D12}");

    public static string Name(int person) => string.Create(CultureInfo.InvariantCulture, $"Bench Sales Agent {(person % Size) + 1}");

    /// <summary>Adds the team, each a sales agent, to a copy of the embedded database (through the product's own role directory).</summary>
    public static async Task AddToSqliteAsync(string databasePath)
    {
        var database = new SqliteDatabase(databasePath);
        try
        {
            var directory = new SqliteRoleDirectory(database);
            await AddAsync(directory.SaveStaffAsync, directory.GrantRoleAsync);
        }
        finally
        {
            // The copy is handed to a server next: no connection of this process may keep it open.
            database.ReleasePooledConnections();
        }
    }

    /// <summary>Adds the team, each a sales agent, to a copy of the PostgreSQL database.</summary>
    public static async Task AddToPostgresAsync(string connectionString)
    {
        await using var database = new PostgresDatabase(connectionString);
        var directory = new PostgresRoleDirectory(database);
        await AddAsync(directory.SaveStaffAsync, directory.GrantRoleAsync);
    }

    private static async Task AddAsync(
        Func<string, string, string?, CancellationToken, Task> saveStaff, Func<string, PartnerRole, CancellationToken, Task<bool>> grantRole)
    {
        for (var person = 0; person < Size; person++)
        {
            await saveStaff(AadObjectId(person), Name(person), null, CancellationToken.None);
            await grantRole(AadObjectId(person), PartnerRole.SalesAgent, CancellationToken.None);
        }
    }
}
