using System.Collections.Concurrent;

namespace PartnerBot.Domain.Validation;

/// <summary>
/// A store's country rules kept for <paramref name="lifetime"/>: the edit form and every review of it look the
/// country's rules up, about two turns in three, and the rules change only when a migration is applied (at start) or
/// an operator edits the table, which then counts within the lifetime (issue 13: one query per turn saved).
/// </summary>
/// <remarks>
/// Only a well-formed ISO 3166 alpha-2 code is kept, so the cache holds at most 676 entries whatever a forged submit
/// names; anything else goes to the store, which knows no such country. "Not supported" is kept like rules are. A
/// lookup that fails is not kept: the next one asks the store again.
/// </remarks>
public sealed class CachedCountryRules(ICountryRulesSource store, TimeProvider clock, TimeSpan lifetime) : ICountryRulesSource
{
    /// <summary>How long rules read from the partner's own store are kept: an operator's edit counts within minutes.</summary>
    public static readonly TimeSpan StoreLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (CountryValidationRules? Rules, DateTimeOffset FetchedAt)> _rules = new(StringComparer.Ordinal);

    public async Task<CountryValidationRules?> GetAsync(string countryCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countryCode);
        var code = countryCode.Trim();
        if (!IsAlpha2(code))
        {
            return await store.GetAsync(countryCode, cancellationToken).ConfigureAwait(false);
        }

        var key = code.ToUpperInvariant();
        var now = clock.GetUtcNow();
        if (_rules.TryGetValue(key, out var kept) && now - kept.FetchedAt < lifetime)
        {
            return kept.Rules;
        }

        var rules = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        _rules[key] = (rules, now);
        return rules;
    }

    private static bool IsAlpha2(string code) => code.Length == 2 && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]);
}
