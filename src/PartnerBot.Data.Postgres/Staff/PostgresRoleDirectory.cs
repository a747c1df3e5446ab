using Npgsql;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Postgres.Staff;

/// <summary>
/// The partner's staff and their roles on PostgreSQL. Every lookup reads the database: a role revoked on one
/// instance a second ago must already count at the next submit on another.
/// </summary>
public sealed class PostgresRoleDirectory(PostgresDatabase database) : IRoleDirectory
{
    public async Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT s.aad_object_id, s.display_name, s.email, r.role
            FROM staff s LEFT JOIN staff_roles r ON r.aad_object_id = s.aad_object_id
            WHERE lower(s.aad_object_id) = lower(@id)
            """, connection);
        command.Parameters.AddWithValue("id", aadObjectId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
