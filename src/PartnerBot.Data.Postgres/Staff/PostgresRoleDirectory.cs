using Npgsql;
using PartnerBot.Data.BotState;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Postgres.Staff;

/// <summary>
/// The partner's staff and their roles on PostgreSQL. Every lookup reads the database: a role revoked on one
/// instance a second ago must already count at the next submit on another. A conversation step's check
/// (<see cref="RoleFreshness.ThisTurn"/>, <see cref="RoleFreshness.RecentEnough"/>) answers from the sender's record as
/// the turn's ledger take read it (<see cref="StateReadAhead"/>), when it did: one round trip less a turn.
/// </summary>
public sealed class PostgresRoleDirectory(PostgresDatabase database) : IRoleDirectory
{
    // Ids match whatever their case (ux_staff_id is unique on lower(aad_object_id)), but the id as the channel sends it
    // is looked for first, as it is stored: a staff table of a few hundred rows is scanned, not searched through the
    // index, and lower() of every row's id (a conversion to wide characters and back under a UTF-8 locale) made this
    // the second-costliest statement of a turn (issue 13: 0.28 ms a call at 32 conversations, pg_stat_statements).
    // The second branch runs only when the first finds nobody (LIMIT 1 stops the Append there).
    internal const string FindSql = """
        SELECT s.aad_object_id, s.display_name, s.email, r.role
        FROM staff s LEFT JOIN staff_roles r ON r.aad_object_id = s.aad_object_id
        WHERE s.aad_object_id = (
            SELECT aad_object_id FROM staff WHERE aad_object_id = $1
            UNION ALL
            SELECT aad_object_id FROM staff WHERE lower(aad_object_id) = lower($1)
            LIMIT 1)
        """;

    public async Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(FindSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = aadObjectId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadMemberAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public Task<StaffMember?> FindAsync(PartnerUser user, RoleFreshness freshness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return freshness != RoleFreshness.Current && StateReadAhead.TryGetStaff(user.AadObjectId, out var member)
            ? Task.FromResult(member)
            : FindAsync(user.AadObjectId, cancellationToken);
    }

    /// <summary>The person in the rows of <see cref="FindSql"/> (one per role); null when there are none.</summary>
    internal static async Task<StaffMember?> ReadMemberAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        StaffMember? member = null;
        var roles = new List<PartnerRole>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            member ??= new StaffMember(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), roles);
            // A role name this build does not know (written by a newer version) grants nothing here.
            if (!reader.IsDBNull(3) && Enum.TryParse<PartnerRole>(reader.GetString(3), out var role))
            {
                roles.Add(role);
            }
        }

        roles.Sort();
        return member;
    }

    /// <summary>Adds the person or updates their name and e-mail; their roles stay as they are.</summary>
    public async Task SaveStaffAsync(string aadObjectId, string displayName, string? email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        ArgumentNullException.ThrowIfNull(displayName);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO staff (aad_object_id, display_name, email) VALUES (@id, @name, @email)
            ON CONFLICT ((lower(aad_object_id))) DO UPDATE SET display_name = excluded.display_name, email = excluded.email
            """, connection);
        command.Parameters.AddWithValue("id", aadObjectId);
        command.Parameters.AddWithValue("name", displayName);
        command.Parameters.AddWithValue("email", (object?)email ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Grants a role to a known staff member; false when they already held it.</summary>
    /// <exception cref="InvalidOperationException">The person is not in the staff directory.</exception>
    public async Task<bool> GrantRoleAsync(string aadObjectId, PartnerRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO staff_roles (aad_object_id, role, granted_at)
            SELECT aad_object_id, @role, now() FROM staff WHERE lower(aad_object_id) = lower(@id)
            ON CONFLICT DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("id", aadObjectId);
        command.Parameters.AddWithValue("role", role.ToString());
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            return true;
        }

        return await FindAsync(aadObjectId, cancellationToken).ConfigureAwait(false) is null
            ? throw new InvalidOperationException($"No staff member {aadObjectId}; save them before granting a role.")
            : false;
    }

    /// <summary>Revokes a role; false when the person did not hold it.</summary>
    public async Task<bool> RevokeRoleAsync(string aadObjectId, PartnerRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "DELETE FROM staff_roles WHERE lower(aad_object_id) = lower(@id) AND role = @role", connection);
        command.Parameters.AddWithValue("id", aadObjectId);
        command.Parameters.AddWithValue("role", role.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }
}
