using Microsoft.Data.Sqlite;
using PartnerBot.Domain.Customers;

namespace PartnerBot.Data.Customers;

/// <summary>
/// Inserts whole customers (company, billing profile, purchase permission) with three prepared commands,
/// so the demo seed and the 100k synthetic generator share one fast path. Existing ids are left alone.
/// </summary>
internal sealed class CustomerRows : IDisposable
{
    private readonly SqliteCommand _customer;
    private readonly SqliteCommand _billing;
    private readonly SqliteCommand _permission;

    public CustomerRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        _customer = Prepare(connection, transaction, """
            INSERT OR IGNORE INTO customers (id, domain, company_name, registration_number, has_azure_plan, source, created_at)
            VALUES ($id, $domain, $company_name, $registration_number, $has_azure_plan, $source, $now)
            """, "$id", "$domain", "$company_name", "$registration_number", "$has_azure_plan", "$source", "$now");
        _billing = Prepare(connection, transaction, $"""
            INSERT OR IGNORE INTO billing_profiles ({SqliteCustomerDirectory.BillingColumns}, customer_id, etag, updated_at)
            VALUES ({SqliteCustomerDirectory.BillingParameters}, $customer_id, $etag, $now)
            """, [.. SqliteCustomerDirectory.BillingParameterNames, "$customer_id", "$etag", "$now"]);
        _permission = Prepare(connection, transaction, """
            INSERT OR IGNORE INTO purchase_permissions (customer_id, is_allowed, policy_id, updated_at)
            VALUES ($customer_id, $is_allowed, $policy_id, $now)
            """, "$customer_id", "$is_allowed", "$policy_id", "$now");
    }

    /// <summary>Inserts the account unless its id is known; true when it was inserted.</summary>
    public bool Insert(CustomerAccount account, string source, string now)
    {
        var p = _customer.Parameters;
        p["$id"].Value = account.CustomerId;
        p["$domain"].Value = account.Company.Domain;
        p["$company_name"].Value = account.Company.CompanyName;
        p["$registration_number"].Value = SqlValues.OrNull(account.Company.RegistrationNumber);
        p["$has_azure_plan"].Value = account.HasAzurePlan ? 1 : 0;
        p["$source"].Value = source;
        p["$now"].Value = now;
        if (_customer.ExecuteNonQuery() == 0)
        {
            return false;
        }

        SqliteCustomerDirectory.BindBilling(_billing, account.Billing);
        _billing.Parameters["$customer_id"].Value = account.CustomerId;
        _billing.Parameters["$etag"].Value = account.Billing.Etag;
        _billing.Parameters["$now"].Value = now;
        _billing.ExecuteNonQuery();

        var q = _permission.Parameters;
        q["$customer_id"].Value = account.CustomerId;
        q["$is_allowed"].Value = account.PurchasePermission.IsAllowed ? 1 : 0;
        q["$policy_id"].Value = SqlValues.OrNull(account.PurchasePermission.PolicyId);
        q["$now"].Value = now;
        _permission.ExecuteNonQuery();
        return true;
    }

    public void Dispose()
    {
        _customer.Dispose();
        _billing.Dispose();
        _permission.Dispose();
    }

    private static SqliteCommand Prepare(
        SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }
}
