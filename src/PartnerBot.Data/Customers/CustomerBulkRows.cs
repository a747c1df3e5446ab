using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using PartnerBot.Domain.Customers;

namespace PartnerBot.Data.Customers;

/// <summary>
/// Inserts many new customers with multi-row INSERT statements (one statement per table per batch), for the
/// 100k synthetic seed: one statement step per batch instead of three per customer is what makes it fast.
/// The caller makes sure the ids and domains are new; a clash fails the transaction rather than being skipped.
/// </summary>
internal sealed class CustomerBulkRows : IDisposable
{
    // 64 rows × 17 billing values stays far below SQLite's 32,766 host parameters and keeps each statement's
    // parse cheap; larger batches measured no faster.
    public const int BatchSize = 64;

    private const int CustomerValues = 7;
    private const int BillingValues = 17;
    private const int PermissionValues = 4;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Dictionary<int, (SqliteCommand Customers, SqliteCommand Billing, SqliteCommand Permissions)> _commands = [];

    public CustomerBulkRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Inserts <paramref name="accounts"/> (any number) in batches; returns how many were inserted.</summary>
    public int Insert(IReadOnlyList<CustomerAccount> accounts, string source, string now)
    {
        var inserted = 0;
        for (var start = 0; start < accounts.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, accounts.Count - start);
            var (customers, billing, permissions) = CommandsFor(count);
            for (var row = 0; row < count; row++)
            {
                var account = accounts[start + row];
                var c = customers.Parameters;
                var at = row * CustomerValues;
                c[at].Value = account.CustomerId;
                c[at + 1].Value = account.Company.Domain;
                c[at + 2].Value = account.Company.CompanyName;
                c[at + 3].Value = SqlValues.OrNull(account.Company.RegistrationNumber);
                c[at + 4].Value = account.HasAzurePlan ? 1 : 0;
                c[at + 5].Value = source;
                c[at + 6].Value = now;

                var b = billing.Parameters;
                var profile = account.Billing;
                var address = profile.DefaultAddress;
                at = row * BillingValues;
                b[at].Value = profile.CompanyName;
                b[at + 1].Value = profile.FirstName;
                b[at + 2].Value = profile.LastName;
                b[at + 3].Value = profile.Email;
                b[at + 4].Value = profile.Culture;
                b[at + 5].Value = profile.Language;
                b[at + 6].Value = address.AddressLine1;
                b[at + 7].Value = SqlValues.OrNull(address.AddressLine2);
                b[at + 8].Value = SqlValues.OrNull(address.AddressLine3);
                b[at + 9].Value = SqlValues.OrNull(address.City);
                b[at + 10].Value = SqlValues.OrNull(address.State);
                b[at + 11].Value = SqlValues.OrNull(address.PostalCode);
                b[at + 12].Value = address.Country;
                b[at + 13].Value = SqlValues.OrNull(address.PhoneNumber);
                b[at + 14].Value = account.CustomerId;
                b[at + 15].Value = profile.Etag;
                b[at + 16].Value = now;

                var p = permissions.Parameters;
                at = row * PermissionValues;
                p[at].Value = account.CustomerId;
                p[at + 1].Value = account.PurchasePermission.IsAllowed ? 1 : 0;
                p[at + 2].Value = SqlValues.OrNull(account.PurchasePermission.PolicyId);
                p[at + 3].Value = now;
            }

            customers.ExecuteNonQuery();
            billing.ExecuteNonQuery();
            permissions.ExecuteNonQuery();
            inserted += count;
        }

        return inserted;
    }

    public void Dispose()
    {
        foreach (var (customers, billing, permissions) in _commands.Values)
        {
            customers.Dispose();
            billing.Dispose();
            permissions.Dispose();
        }
    }

    private (SqliteCommand Customers, SqliteCommand Billing, SqliteCommand Permissions) CommandsFor(int rows)
    {
        if (!_commands.TryGetValue(rows, out var prepared))
        {
            prepared = (
                Prepare("INSERT INTO customers (id, domain, company_name, registration_number, has_azure_plan, source, created_at)", rows, CustomerValues),
                Prepare($"INSERT INTO billing_profiles ({SqliteCustomerDirectory.BillingColumns}, customer_id, etag, updated_at)", rows, BillingValues),
                Prepare("INSERT INTO purchase_permissions (customer_id, is_allowed, policy_id, updated_at)", rows, PermissionValues));
            _commands[rows] = prepared;
        }

        return prepared;
    }

    private SqliteCommand Prepare(string insert, int rows, int values)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var sql = new StringBuilder(insert).Append(" VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var value = 0; value < values; value++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"$v{(row * values) + value}");
                sql.Append(value == 0 ? name : ", " + name);
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }
}
