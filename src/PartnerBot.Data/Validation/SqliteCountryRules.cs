using System.Text.Json;
using Microsoft.Data.Sqlite;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Data.Validation;

/// <summary>Country validation rules from the embedded database (seeded by migration 0002).</summary>
public sealed class SqliteCountryRules(SqliteDatabase database) : ICountryRulesSource
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
        using var lease = await database.LeaseConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = Columns + " WHERE country_code = $code";
        command.Add("$code", countryCode.Trim());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Every supported country's rules, by country code (for country pickers and seed checks).</summary>
    public async Task<IReadOnlyList<CountryValidationRules>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Columns + " ORDER BY country_code";
        var rules = new List<CountryValidationRules>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rules.Add(Read(reader));
        }

        return rules;
    }

    private static CountryValidationRules Read(SqliteDataReader reader) => new(
        CountryCode: reader.GetString(0),
        IsCityRequired: reader.GetInt64(1) != 0,
        IsStateRequired: reader.GetInt64(2) != 0,
        IsPostalCodeRequired: reader.GetInt64(3) != 0,
        IsPhoneNumberRequired: reader.GetInt64(4) != 0,
        PostalCodeRegex: reader.NullableString(5),
        PhoneNumberRegex: reader.NullableString(6),
        SupportedStates: List(reader.GetString(7)),
        SupportedCultures: List(reader.GetString(8)),
        SupportedLanguages: List(reader.GetString(9)),
        DefaultCulture: reader.GetString(10));

    private static List<string> List(string json) => JsonSerializer.Deserialize<List<string>>(json, SqlValues.Json) ?? [];
}
