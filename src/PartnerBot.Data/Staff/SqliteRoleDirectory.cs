using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Staff;

/// <summary>
/// The partner's staff and their roles in the embedded database. Every lookup reads the database:
/// a role revoked a second ago must already count at the next submit.
/// </summary>
public sealed class SqliteRoleDirectory(SqliteDatabase database, TimeProvider clock) : IRoleDirectory
{
    // Every turn that acts for someone looks them up: kept prepared with the connection (PreparedStatements), as a
    // command parsed and planned the join again at every lookup (issue 13).
    private const string FindSql = """
        SELECT s.aad_object_id, s.display_name, s.email, r.role
        FROM staff s LEFT JOIN staff_roles r ON r.aad_object_id = s.aad_object_id
        WHERE s.aad_object_id = $id
        """;

    public SqliteRoleDirectory(SqliteDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    public async Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        using var lease = await database.LeaseConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        cancellationToken.ThrowIfCancellationRequested();
        using var read = PreparedStatements.Get(connection, FindSql).Bind("$id", aadObjectId);
        StaffMember? member = null;
        var roles = new List<PartnerRole>();
        while (read.Read())
        {
            member ??= new StaffMember(read.Text(0), read.Text(1), read.TextOrNull(2), roles);
            // A role name this build does not know (written by a newer version) grants nothing here.
            if (read.TextOrNull(3) is { } name && Enum.TryParse<PartnerRole>(name, out var role))
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
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO staff (aad_object_id, display_name, email) VALUES ($id, $name, $email)
            ON CONFLICT (aad_object_id) DO UPDATE SET display_name = excluded.display_name, email = excluded.email
            """;
        command.Add("$id", aadObjectId);
        command.Add("$name", displayName);
        command.Add("$email", email);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Grants a role to a known staff member; false when they already held it.</summary>
    /// <exception cref="InvalidOperationException">The person is not in the staff directory.</exception>
    public async Task<bool> GrantRoleAsync(string aadObjectId, PartnerRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO staff_roles (aad_object_id, role, granted_at)
            SELECT aad_object_id, $role, $now FROM staff WHERE aad_object_id = $id
            """;
        command.Add("$id", aadObjectId);
        command.Add("$role", role.ToString());
        command.Add("$now", SqlValues.Time(clock.GetUtcNow()));
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
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM staff_roles WHERE aad_object_id = $id AND role = $role";
        command.Add("$id", aadObjectId);
        command.Add("$role", role.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }
}
