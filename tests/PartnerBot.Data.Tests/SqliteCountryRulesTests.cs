using System.Text.RegularExpressions;
using PartnerBot.Data.Validation;

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
}
