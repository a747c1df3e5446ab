using System.Data.Common;
using PartnerBot.Data;
using PartnerBot.Data.Seed;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Whether a reused benchmark template holds the customers the synthetic generator makes now. A template seeded before
/// a change to the generator measures old data: the French phones in unassigned ranges (+33 4 0…), fixed in the
/// generator by a021038, stayed in templates seeded earlier, and the bot rightly refused them unchanged, so every run
/// failed a few flows at "review fixed" with "Please correct the fields marked below".
/// </summary>
internal static class TemplateCheck
{
    /// <summary>The first difference between the template and the generator (and how many differ), or null when none.</summary>
    public static async Task<string?> DifferenceAsync(DbConnection connection, int customers)
    {
        var expected = SyntheticCustomerGenerator.Generate(customers, new SqliteDataOptions().SyntheticSeed)
            .ToDictionary(a => a.Company.Domain, a => Row(a.Billing.CompanyName, a.Billing.Email, a.Billing.DefaultAddress.PostalCode, a.Billing.DefaultAddress.PhoneNumber), StringComparer.OrdinalIgnoreCase);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.domain, b.company_name, b.email, b.postal_code, b.phone_number FROM customers c "
            + "JOIN billing_profiles b ON b.customer_id = c.id WHERE c.source = 'synthetic'";
        await using var reader = await command.ExecuteReaderAsync();
        var seen = 0;
        var differ = 0;
        string? first = null;
        while (await reader.ReadAsync())
        {
            seen++;
            var domain = reader.GetString(0);
            var held = Row(reader.GetString(1), reader.GetString(2), Text(reader, 3), Text(reader, 4));
            if (!expected.TryGetValue(domain, out var made) || made != held)
            {
                differ++;
                first ??= $"{domain}: the template has \"{held}\", the generator makes \"{made ?? "no such customer"}\"";
            }
        }

        return differ == 0 && seen == expected.Count
            ? null
            : $"{differ:N0} of {seen:N0} synthetic customers differ from the generator's {expected.Count:N0}" + (first is null ? string.Empty : $", e.g. {first}");
    }

    private static string Row(string company, string email, string? postalCode, string? phone) => $"{company} | {email} | {postalCode} | {phone}";

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
