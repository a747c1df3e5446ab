using System.Text.Json;
using Npgsql;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Data.Postgres.Validation;

/// <summary>Country validation rules on PostgreSQL (seeded by migration 0002, the embedded store's own).</summary>
public sealed class PostgresCountryRules(PostgresDatabase database) : ICountryRulesSource
{
    private const string Columns = """
        SELECT country_code, is_city_required, is_state_required, is_postal_code_required, is_phone_number_required,
               postal_code_regex, phone_number_regex, supported_states, supported_cultures, supported_languages,
               default_culture
        FROM country_validation_rules
        """;

    public async Task<CountryValidationRules?> GetAsync(string countryCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countryCode);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Columns + " WHERE upper(country_code) = upper(@code)", connection);
        command.Parameters.AddWithValue("code", countryCode.Trim());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Every supported country's rules, by country code.</summary>
    public async Task<IReadOnlyList<CountryValidationRules>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Columns + " ORDER BY country_code", connection);
        var rules = new List<CountryValidationRules>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rules.Add(Read(reader));
        }

        return rules;
    }

    private static CountryValidationRules Read(NpgsqlDataReader reader) => new(
        CountryCode: reader.GetString(0),
        IsCityRequired: reader.GetInt32(1) != 0,
        IsStateRequired: reader.GetInt32(2) != 0,
        IsPostalCodeRequired: reader.GetInt32(3) != 0,
        IsPhoneNumberRequired: reader.GetInt32(4) != 0,
        PostalCodeRegex: reader.IsDBNull(5) ? null : reader.GetString(5),
        PhoneNumberRegex: reader.IsDBNull(6) ? null : reader.GetString(6),
        SupportedStates: List(reader.GetString(7)),
        SupportedCultures: List(reader.GetString(8)),
        SupportedLanguages: List(reader.GetString(9)),
        DefaultCulture: reader.GetString(10));

    private static List<string> List(string json) => JsonSerializer.Deserialize<List<string>>(json, SqlValues.Json) ?? [];
}
