using Npgsql;
using PartnerBot.Data.Postgres.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;

namespace PartnerBot.Data.Postgres.Seed;

/// <summary>
/// Seeds <see cref="DemoData"/> into a PostgreSQL database once, like the embedded store's <see cref="DemoSeeder"/>:
/// the run is recorded in data_seeds in the same transaction, so two instances starting together seed once
/// (the second waits on the first's row, then finds it) and a restart never undoes what people changed since.
/// </summary>
public static class PostgresDemoSeeder
{
    public static async Task<DemoSeedResult> SeedAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var mark = new NpgsqlCommand(
            "INSERT INTO data_seeds (name, applied_at) VALUES (@name, now()) ON CONFLICT DO NOTHING", connection, transaction))
        {
            mark.Parameters.AddWithValue("name", DemoSeeder.SeedName);
            if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return new DemoSeedResult(false, 0, 0);
            }
        }

        var customers = 0;
        foreach (var account in DemoData.Customers)
        {
            // A fresh etag per database: etags are versions of this database's rows, not of the demo list.
            customers += await InsertCustomerAsync(connection, transaction, account, "demo", cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        var staff = 0;
        foreach (var member in DemoData.Staff)
        {
            await using var person = new NpgsqlCommand("""
                INSERT INTO staff (aad_object_id, display_name, email) VALUES (@id, @name, @email) ON CONFLICT DO NOTHING
                """, connection, transaction);
            person.Parameters.AddWithValue("id", member.AadObjectId);
            person.Parameters.AddWithValue("name", member.DisplayName);
            person.Parameters.AddWithValue("email", (object?)member.Email ?? DBNull.Value);
            // Someone already known keeps the roles they have now; only a newcomer gets the demo roles.
            if (await person.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                continue;
            }

            staff++;
            foreach (var granted in member.Roles)
            {
                await using var role = new NpgsqlCommand(
                    "INSERT INTO staff_roles (aad_object_id, role, granted_at) VALUES (@id, @role, now()) ON CONFLICT DO NOTHING",
                    connection,
                    transaction);
                role.Parameters.AddWithValue("id", member.AadObjectId);
                role.Parameters.AddWithValue("role", granted.ToString());
                await role.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DemoSeedResult(true, customers, staff);
    }

    /// <summary>Inserts a whole customer unless its id or domain is known; true when it was inserted.</summary>
    public static async Task<bool> InsertCustomerAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CustomerAccount account, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using (var customer = new NpgsqlCommand("""
            INSERT INTO customers (id, domain, company_name, registration_number, has_azure_plan, source, created_at)
            VALUES (@id, @domain, @company_name, @registration_number, @has_azure_plan, @source, now())
            ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            customer.Parameters.AddWithValue("id", account.CustomerId);
            customer.Parameters.AddWithValue("domain", account.Company.Domain);
            customer.Parameters.AddWithValue("company_name", account.Company.CompanyName);
            customer.Parameters.AddWithValue("registration_number", (object?)account.Company.RegistrationNumber ?? DBNull.Value);
            customer.Parameters.AddWithValue("has_azure_plan", account.HasAzurePlan);
            customer.Parameters.AddWithValue("source", source);
            if (await customer.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await using (var billing = new NpgsqlCommand("""
            INSERT INTO billing_profiles (company_name, first_name, last_name, email, culture, language, address_line1,
                address_line2, address_line3, city, state, postal_code, country, phone_number, customer_id, etag, updated_at)
            VALUES (@company_name, @first_name, @last_name, @email, @culture, @language, @address_line1, @address_line2,
                @address_line3, @city, @state, @postal_code, @country, @phone_number, @customer_id, @etag, now())
            """, connection, transaction))
        {
            PostgresCustomerDirectory.BindBilling(billing.Parameters, account.Billing);
            billing.Parameters.AddWithValue("customer_id", account.CustomerId);
            billing.Parameters.AddWithValue("etag", Guid.NewGuid().ToString("N"));
            await billing.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var permission = new NpgsqlCommand("""
            INSERT INTO purchase_permissions (customer_id, is_allowed, policy_id, updated_at)
            VALUES (@customer_id, @is_allowed, @policy_id, now())
            """, connection, transaction);
        permission.Parameters.AddWithValue("customer_id", account.CustomerId);
        permission.Parameters.AddWithValue("is_allowed", account.PurchasePermission.IsAllowed);
        permission.Parameters.AddWithValue("policy_id", (object?)account.PurchasePermission.PolicyId ?? DBNull.Value);
        await permission.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
