using Microsoft.Data.Sqlite;
using PartnerBot.Data.Customers;

namespace PartnerBot.Data.Seed;

/// <summary>What a seed run did.</summary>
public sealed record DemoSeedResult(bool Applied, int CustomersInserted, int StaffInserted);

/// <summary>
/// Seeds <see cref="DemoData"/> once per database. The run is recorded in data_seeds, so a restart never
/// duplicates anything and never undoes what people changed since (an edited profile, a revoked role).
/// </summary>
public static class DemoSeeder
{
    /// <summary>The name recorded in data_seeds; a new demo data set would get a new name.</summary>
    public const string SeedName = "demo-v1";

    public static async Task<DemoSeedResult> SeedAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = SqlValues.Time(DateTimeOffset.UtcNow);

        await using (var mark = connection.CreateCommand())
        {
            mark.Transaction = transaction;
            mark.CommandText = "INSERT OR IGNORE INTO data_seeds (name, applied_at) VALUES ($name, $now)";
            mark.Add("$name", SeedName);
            mark.Add("$now", now);
            if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return new DemoSeedResult(false, 0, 0);
            }
        }

        var customers = 0;
        using (var rows = new CustomerRows(connection, transaction))
        {
            foreach (var account in DemoData.Customers)
            {
                // A fresh etag per database: etags are versions of this database's rows, not of the demo list.
                var fresh = account with { Billing = account.Billing with { Etag = SqliteCustomerEtag.New() } };
                customers += rows.Insert(fresh, "demo", now) ? 1 : 0;
            }
        }

        var staff = 0;
        await using var person = connection.CreateCommand();
        person.Transaction = transaction;
        person.CommandText =
            "INSERT OR IGNORE INTO staff (aad_object_id, display_name, email) VALUES ($id, $name, $email)";
        await using var role = connection.CreateCommand();
        role.Transaction = transaction;
        role.CommandText =
            "INSERT OR IGNORE INTO staff_roles (aad_object_id, role, granted_at) VALUES ($id, $role, $now)";
        foreach (var member in DemoData.Staff)
        {
            person.Parameters.Clear();
            person.Add("$id", member.AadObjectId);
            person.Add("$name", member.DisplayName);
            person.Add("$email", member.Email);
            // Someone already known keeps the roles they have now; only a newcomer gets the demo roles.
            if (await person.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                continue;
            }

            staff++;
            foreach (var granted in member.Roles)
            {
                role.Parameters.Clear();
                role.Add("$id", member.AadObjectId);
                role.Add("$role", granted.ToString());
                role.Add("$now", now);
                await role.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DemoSeedResult(true, customers, staff);
    }
}
