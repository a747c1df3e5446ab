using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PartnerBot.Data.Validation;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Data.Tests;

public sealed class SqliteCountryRulesTests
{
    [Fact]
    public async Task Poland_requires_a_phone_and_NN_NNN_postal_codes()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);

        var pl = await new SqliteCountryRules(test.Database).GetAsync("pl", CancellationToken.None);

        Assert.NotNull(pl);
        Assert.Equal("PL", pl.CountryCode);
        Assert.True(pl.IsPhoneNumberRequired);
        Assert.True(pl.IsCityRequired);
        Assert.False(pl.IsStateRequired);
        Assert.Matches(pl.PostalCodeRegex!, "00-950");
        Assert.DoesNotMatch(pl.PostalCodeRegex!, "00950");
        Assert.Matches(pl.PhoneNumberRegex!, "+48 12 345 67 89");
        Assert.Matches(pl.PhoneNumberRegex!, "601 234 567");
        Assert.DoesNotMatch(pl.PhoneNumberRegex!, "+48 12 345");
        Assert.Equal(["pl-PL", "en-US"], pl.SupportedCultures);
        Assert.Equal(["pl", "en"], pl.SupportedLanguages);
        Assert.Equal("pl-PL", pl.DefaultCulture);
        Assert.Empty(pl.SupportedStates);
    }

    [Fact]
    public async Task The_countries_demos_need_are_there_with_valid_patterns()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var source = new SqliteCountryRules(test.Database);

        var all = await source.ListAsync(CancellationToken.None);

        Assert.Superset(new HashSet<string> { "PL", "DE", "GB", "US", "FR", "IN", "BR", "CA", "ES", "IT", "NL" },
            all.Select(r => r.CountryCode).ToHashSet());
        Assert.All(all, rules =>
        {
            // Every pattern compiles and the default culture is one of the supported ones.
            _ = new Regex(rules.PostalCodeRegex ?? string.Empty);
            _ = new Regex(rules.PhoneNumberRegex ?? string.Empty);
            Assert.Contains(rules.DefaultCulture, rules.SupportedCultures);
            Assert.Equal(rules.IsStateRequired, rules.SupportedStates.Count > 0);
        });
        var us = all.Single(r => r.CountryCode == "US");
        Assert.Contains("WA", us.SupportedStates);
        Assert.Equal(51, us.SupportedStates.Count(s => s != "PR"));
        Assert.Matches(all.Single(r => r.CountryCode == "GB").PostalCodeRegex!, "EC2V 7JE");
        Assert.Contains("QC", all.Single(r => r.CountryCode == "CA").SupportedStates);
        Assert.Null(await source.GetAsync("XX", CancellationToken.None));
    }

    [Fact]
    public async Task An_operators_edit_of_a_countrys_rules_counts_once_the_kept_rules_expire_and_not_before()
    {
        await using var test = await TestDatabase.CreateAsync(seed: false);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var rules = new CachedCountryRules(new SqliteCountryRules(test.Database), clock, CachedCountryRules.StoreLifetime);
        Assert.True((await rules.GetAsync("PL", CancellationToken.None))!.IsPhoneNumberRequired);

        await using (var operatorConnection = new SqliteConnection($"Data Source={test.Path};Pooling=False"))
        {
            await operatorConnection.OpenAsync();
            await using var edit = operatorConnection.CreateCommand();
            edit.CommandText = "UPDATE country_validation_rules SET is_phone_number_required = 0 WHERE country_code = 'PL'";
            await edit.ExecuteNonQueryAsync();
        }

        clock.Advance(CachedCountryRules.StoreLifetime - TimeSpan.FromSeconds(1));
        Assert.True((await rules.GetAsync("pl", CancellationToken.None))!.IsPhoneNumberRequired);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False((await rules.GetAsync(" PL ", CancellationToken.None))!.IsPhoneNumberRequired);
    }
}
