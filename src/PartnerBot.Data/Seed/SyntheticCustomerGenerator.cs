using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PartnerBot.Data.Customers;
using PartnerBot.Domain.Customers;

namespace PartnerBot.Data.Seed;

/// <summary>What a synthetic run did and how long the insert took.</summary>
public sealed record SyntheticSeedResult(int Requested, int Existing, int Inserted, TimeSpan Elapsed);

/// <summary>
/// Generates realistic customers for benchmarks and load tests, the one source of synthetic customers in the
/// repository: about half Polish (diacritics, legal forms, NIP numbers, NN-NNN postal codes, +48 phones), the
/// rest US, German, British and French, each valid under its country's rules. Names are distinct as in a real
/// customer list (no exact duplicates), except about one in 40 that is a near-namesake of an earlier customer:
/// the same firm name with another legal form or city. Each has an initial domain made from its name.
/// Deterministic: the same seed gives the same customers, ids included.
/// </summary>
public static class SyntheticCustomerGenerator
{
    public const int MaxCustomers = 1_000_000;

    public const string Source = "synthetic";

    /// <summary>The first <paramref name="count"/> customers of the sequence that <paramref name="seed"/> defines.</summary>
    public static IEnumerable<CustomerAccount> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCustomers);
        // A seeded System.Random is fine here: the data must be repeatable, not unpredictable.
#pragma warning disable CA5394
        var random = new Random(seed);
        var book = new NameBook();
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            yield return roll switch
            {
                < 50 => Polish(random, book, seed, i),
                < 65 => American(random, book, seed, i),
                < 77 => German(random, book, seed, i),
                < 89 => British(random, book, seed, i),
                _ => French(random, book, seed, i),
            };
        }
#pragma warning restore CA5394
    }

    /// <summary>
    /// Makes sure <paramref name="count"/> synthetic customers of <paramref name="seed"/> exist, inserting the
    /// missing ones in one transaction; a restart with the same settings inserts nothing.
    /// </summary>
    public static async Task<SyntheticSeedResult> EnsureAsync(
        SqliteDatabase database, int count, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCustomers);
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int existing;
        await using (var counter = connection.CreateCommand())
        {
            counter.Transaction = transaction;
            counter.CommandText = "SELECT COUNT(*) FROM customers WHERE source = $source";
            counter.Add("$source", Source);
            existing = (int)(long)(await counter.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (existing >= count)
        {
            return new SyntheticSeedResult(count, existing, 0, stopwatch.Elapsed);
        }

        // Ids are deterministic, so customers inserted by an earlier, smaller run are skipped.
        var known = existing > 0
            ? await SyntheticIdsAsync(connection, transaction, cancellationToken).ConfigureAwait(false)
            : [];
        var inserted = 0;
        var now = SqlValues.Time(DateTimeOffset.UtcNow);
        // Random tenant ids land all over three indexes; with the default 2 MB page cache the transaction
        // spills pages to the WAL again and again. A bigger cache for this one connection avoids that.
        await SetCacheSizeAsync(connection, transaction, BulkCacheKibibytes, cancellationToken).ConfigureAwait(false);
        using (var rows = new CustomerBulkRows(connection, transaction))
        {
            var batch = new List<CustomerAccount>(CustomerBulkRows.BatchSize * 16);
            foreach (var account in Generate(count, seed))
            {
                if (known.Contains(account.CustomerId))
                {
                    continue;
                }

                batch.Add(account);
                if (batch.Count == batch.Capacity)
                {
                    inserted += rows.Insert(batch, Source, now);
                    batch.Clear();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            inserted += rows.Insert(batch, Source, now);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        // The connection goes back to the pool: give it the default cache again.
        await SetCacheSizeAsync(connection, null, DefaultCacheKibibytes, cancellationToken).ConfigureAwait(false);
        return new SyntheticSeedResult(count, existing, inserted, stopwatch.Elapsed);
    }

    private static async Task<HashSet<string>> SyntheticIdsAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM customers WHERE source = $source";
        command.Add("$source", Source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private const int BulkCacheKibibytes = 256 * 1024;

    private const int DefaultCacheKibibytes = 2000;

    private static async Task SetCacheSizeAsync(
        SqliteConnection connection, SqliteTransaction? transaction, int kibibytes, CancellationToken cancellationToken)
    {
        await using var pragma = connection.CreateCommand();
        pragma.Transaction = transaction;
        // A negative cache_size is in KiB; PRAGMA takes no parameters, and the value is a constant of this class.
        pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{kibibytes}");
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

#pragma warning disable CA5394 // repeatable test data, see Generate
    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string Digits(Random random, int length)
    {
        Span<char> digits = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        return new string(digits);
    }

    private static CustomerAccount Polish(Random random, NameBook book, int seed, int index)
    {
        var parts = book.Next(random, Country.Pl, Pl.Cities.Length, Pl.LegalForms, PolishStem);
        var city = Pl.Cities[parts.City >= 0 ? parts.City : random.Next(Pl.Cities.Length)];
        var billTo = parts.Display(city.Name);
        var female = random.Next(2) == 0;
        var first = female ? Pick(random, Pl.FemaleFirstNames) : Pick(random, Pl.MaleFirstNames);
        var (male, femaleSurname) = Pick(random, Pl.Surnames);
        var last = female ? femaleSurname : male;
        var number = random.Next(1, 180).ToString(CultureInfo.InvariantCulture);
        var line1 = random.Next(3) switch
        {
            0 => $"{Pick(random, Pl.Streets)} {number}/{random.Next(1, 60)}",
            1 => $"{Pick(random, Pl.Streets)} {number} lok. {random.Next(1, 20)}",
            _ => $"{Pick(random, Pl.Streets)} {number}",
        };
        var postal = $"{Pick(random, city.PostalPrefixes)}-{Digits(random, 3)}";
        var phone = random.Next(3) == 0
            ? $"+48 {Pick(random, Pl.MobilePrefixes)}{Digits(random, 1)} {Digits(random, 3)} {Digits(random, 3)}"
            : $"+48 {city.AreaCode} {Digits(random, 3)} {Digits(random, 2)} {Digits(random, 2)}";
        var english = random.Next(10) == 0;
        return Account(random, book, seed, index, "PL", english ? "en-US" : "pl-PL", english ? "en" : "pl",
            billTo, tenantName: parts.Display(city.Name, withLegalForm: false), ".pl",
            Text.NipFrom(random.Next(100_000_000, 999_999_999)), first, last, line1, city.Name, state: null, postal, phone);
    }

    /// <summary>The shapes Polish firms take in the KRS and CEIDG registers; the city, if any, goes last.</summary>
    private static (string Stem, bool WithCity) PolishStem(Random random) => random.Next(7) switch
    {
        0 => ($"{Pick(random, Pl.Industries)} {Pick(random, Pl.FirmSurnames)}", false),
        1 => ($"{Pick(random, Pl.Industries)} {Brand(random)}", random.Next(3) == 0),
        2 => ($"{Brand(random)} {Pick(random, Pl.Industries)}", true),
        3 => random.Next(2) == 0
            ? ($"{Pick(random, Pl.FirmSurnames)} i {Pick(random, Pl.FirmSurnames)}", false)
            : ($"{Pick(random, Pl.FirmSurnames)} i Wspólnicy", true),
        4 => ($"{Pick(random, Pl.Industries)} \"{Brand(random)}\" {Pick(random, Pl.MaleFirstNames)} {Pick(random, Pl.FirmSurnames)}", false),
        5 => ($"{Pick(random, Pl.Industries)} {Pick(random, Pl.Names)}", true),
        _ => (Brand(random), true),
    };

    /// <summary>"Elektromex", "Drew-Pol": the coined trade names Polish firms favour.</summary>
    private static string Brand(Random random)
    {
        var brand = Pick(random, Pl.BrandHeads) + Pick(random, Pl.BrandTails);
        if (random.Next(4) == 0)
        {
            var second = Pick(random, Pl.BrandTails);
            brand += "-" + char.ToUpperInvariant(second[0]) + second[1..];
        }

        return brand;
    }

    private static CustomerAccount American(Random random, NameBook book, int seed, int index)
    {
        var parts = book.Next(random, Country.Us, Us.Cities.Length, Us.LegalForms, random => random.Next(3) switch
        {
            0 => ($"{Pick(random, En.Words)} {Pick(random, Us.Industries)}", false),
            1 => ($"{Pick(random, En.Words)} {Pick(random, En.Words)} {Pick(random, Us.Industries)}", false),
            _ => ($"{Pick(random, En.Words)} {Pick(random, Us.Industries)} of", true),
        });
        var city = Us.Cities[parts.City >= 0 ? parts.City : random.Next(Us.Cities.Length)];
        var billTo = parts.Display(city.Name);
        var line1 = $"{random.Next(10, 9900)} {Pick(random, Us.Streets)} {Pick(random, Us.StreetKinds)}";
        var zip = city.ZipPrefix + Digits(random, 5 - city.ZipPrefix.Length);
        var phone = $"+1 {city.AreaCode} 555 01{Digits(random, 2)}";
        return Account(random, book, seed, index, "US", "en-US", "en", billTo, parts.Display(city.Name, withLegalForm: false),
            ".com", registration: null,
            Pick(random, Us.FirstNames), Pick(random, Us.LastNames), line1, city.Name, city.State, zip, phone);
    }

    private static CustomerAccount German(Random random, NameBook book, int seed, int index)
    {
        var parts = book.Next(random, Country.De, De.Cities.Length, De.LegalForms, random => random.Next(4) switch
        {
            0 => ($"{Pick(random, De.Surnames)} {Pick(random, De.Industries)}", random.Next(2) == 0),
            1 => ($"{Pick(random, De.Industries)} {Pick(random, De.Surnames)}", true),
            2 => ($"{Pick(random, De.Surnames)} & {Pick(random, De.Surnames)} {Pick(random, De.Industries)}", false),
            _ => ($"{Pick(random, De.Industries)} {Pick(random, De.Surnames)} & Söhne", random.Next(2) == 0),
        });
        var city = De.Cities[parts.City >= 0 ? parts.City : random.Next(De.Cities.Length)];
        var billTo = parts.Display(city.Name);
        var postal = city.PostalPrefix + Digits(random, 5 - city.PostalPrefix.Length);
        var phone = $"+49 {city.AreaCode} {Digits(random, 3)} {Digits(random, 4)}";
        var line1 = $"{Pick(random, De.Streets)} {random.Next(1, 140)}";
        var registration = (random.Next(4) == 0 ? "HRA " : "HRB ") + random.Next(1000, 250_000).ToString(CultureInfo.InvariantCulture);
        return Account(random, book, seed, index, "DE", "de-DE", "de", billTo, parts.Display(city.Name, withLegalForm: false),
            ".de", registration,
            Pick(random, De.FirstNames), Pick(random, De.Surnames), line1, city.Name, state: null, postal, phone);
    }

    private static CustomerAccount British(Random random, NameBook book, int seed, int index)
    {
        var parts = book.Next(random, Country.Gb, Gb.Cities.Length, Gb.LegalForms, random => random.Next(4) switch
        {
            0 => ($"{Pick(random, Gb.Names)} & {Pick(random, Gb.Names)}", false),
            1 => ($"{Pick(random, Gb.Names)} {Pick(random, Gb.Industries)}", true),
            2 => ($"{Pick(random, En.Words)} {Pick(random, Gb.Names)} {Pick(random, Gb.Industries)}", false),
            _ => ($"{Pick(random, Gb.Names)} {Pick(random, En.Words)} {Pick(random, Gb.Industries)}", false),
        });
        var city = Gb.Cities[parts.City >= 0 ? parts.City : random.Next(Gb.Cities.Length)];
        var billTo = parts.Display(city.Name);
        const string inwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
        var postcode = $"{Pick(random, city.Outward)} {random.Next(1, 10)}" +
            $"{inwardLetters[random.Next(inwardLetters.Length)]}{inwardLetters[random.Next(inwardLetters.Length)]}";
        var phone = $"+44 {city.DramaPrefix}{Digits(random, 3)}";
        var line1 = $"{random.Next(1, 200)} {Pick(random, Gb.Streets)}";
        return Account(random, book, seed, index, "GB", "en-GB", "en", billTo, tenantName: null, ".co.uk", registration: null,
            Pick(random, Gb.FirstNames), Pick(random, Gb.LastNames), line1, city.Name, state: null, postcode, phone);
    }

    private static CustomerAccount French(Random random, NameBook book, int seed, int index)
    {
        var parts = book.Next(random, Country.Fr, Fr.Cities.Length, Fr.LegalForms, random => random.Next(4) switch
        {
            0 => ($"{Pick(random, Fr.Industries)} {Pick(random, Fr.Surnames)}", true),
            1 => ($"{Pick(random, Fr.Industries)} {Pick(random, Fr.Surnames)} {Pick(random, Fr.Surnames)}", false),
            2 => ($"{Pick(random, Fr.Surnames)} et {Pick(random, Fr.Surnames)}", random.Next(2) == 0),
            _ => ($"{Pick(random, Fr.Industries)} {Pick(random, Fr.Surnames)} et Fils", random.Next(2) == 0),
        });
        var city = Fr.Cities[parts.City >= 0 ? parts.City : random.Next(Fr.Cities.Length)];
        var billTo = parts.Display(city.Name);
        var postal = Pick(random, city.PostalCodes);
        // French numbers starting 4 0, 2 6 or 5 9 are (mostly) unassigned, so libphonenumber and the bot refuse them:
        // such a first pair starts with 1 instead. The random draws stay the same, so every later customer is still
        // the one earlier benchmarks and query sets were made from.
        var pair = Digits(random, 2);
        pair = (city.PhoneDigit, pair[0]) is ("4", '0') or ("2", '6') or ("5", '9') ? "1" + pair[1..] : pair;
        var phone = $"+33 {city.PhoneDigit} {pair} {Digits(random, 2)} {Digits(random, 2)} {Digits(random, 2)}";
        var line1 = $"{random.Next(1, 120)} {Pick(random, Fr.Streets)}";
        return Account(random, book, seed, index, "FR", "fr-FR", "fr", billTo, parts.Display(city.Name, withLegalForm: false),
            ".fr", registration: null,
            Pick(random, Fr.FirstNames), Pick(random, Fr.Surnames), line1, city.Name, state: null, postal, phone);
    }

    private static CustomerAccount Account(
        Random random,
        NameBook book,
        int seed,
        int index,
        string country,
        string culture,
        string language,
        string billTo,
        string? tenantName,
        string mailTld,
        string? registration,
        string first,
        string last,
        string line1,
        string city,
        string? state,
        string postal,
        string phone)
    {
        // Initial domains are made from the name as admins type it ("zmkowalski", "schmidtlogistik"), with a
        // number when the label is taken, as Microsoft's sign-up suggests ("contoso2").
        var slug = book.DomainLabel(random, tenantName ?? billTo);
        var domain = slug + ".onmicrosoft.com";
        var id = Text.StableGuid(string.Create(CultureInfo.InvariantCulture, $"synthetic/{seed}/{index}")).ToString();
        var hasAzurePlan = random.Next(100) < 55;
        var allowed = hasAzurePlan && random.Next(100) < 30;
        var billing = new BillingProfile(
            billTo, first, last, $"{Text.Slug(first)}.{Text.Slug(last)}@{slug}{mailTld}", culture, language,
            new Address(line1, null, null, city, state, postal, country, phone),
            // Derived, not Guid.NewGuid(): a fresh random GUID per row costs more than the rest of the row.
            Text.StableGuid(string.Create(CultureInfo.InvariantCulture, $"etag/{seed}/{index}")).ToString("N"));
        return new CustomerAccount(
            id,
            new CompanyProfile(id, domain, tenantName ?? billTo, registration),
            billing,
            hasAzurePlan,
            new PurchasePermission(allowed, allowed ? Text.StableGuid("policy/" + id).ToString() : null));
    }
#pragma warning restore CA5394

    private enum Country
    {
        Pl,
        Us,
        De,
        Gb,
        Fr,
    }

    /// <summary>A company name in parts, so that a near-namesake can change just the city or the legal form.</summary>
    private sealed record NameParts(Country Country, string Stem, int City, string LegalForm)
    {
        public string Key => string.Create(CultureInfo.InvariantCulture, $"{Country}|{Stem}|{City}|{Text.Slug(LegalForm)}");

        // Without the city: the same firm name in two cities comes only from a deliberate near-namesake.
        public string StemKey => string.Create(CultureInfo.InvariantCulture, $"{Country}|{Stem}");

        public string Display(string cityName, bool withLegalForm = true)
        {
            var name = City >= 0 ? $"{Stem} {cityName}" : Stem;
            return withLegalForm && LegalForm.Length > 0 ? $"{name} {LegalForm}" : name;
        }
    }

    /// <summary>
    /// Remembers the names and domains given so far, so that names are distinct as in a real customer list,
    /// except for deliberate near-namesakes: the same firm name with another legal form or in another city
    /// ("Drewpol Łódź Sp. z o.o." beside "Drewpol Kraków s.c."), which search must tell apart.
    /// </summary>
    private sealed class NameBook
    {
        // One customer in this many is a near-namesake of an earlier one of the same country.
        private const int NamesakeOneIn = 40;

        private readonly HashSet<string> _stems = new(StringComparer.Ordinal);
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly HashSet<string> _labels = new(StringComparer.Ordinal);
        private readonly List<NameParts>[] _earlier = [[], [], [], [], []];

        public NameBook()
        {
            // The demo customers live in the same table, whose domains are unique: never hand out theirs.
            foreach (var demo in DemoData.Customers)
            {
                _labels.Add(demo.Company.Domain[..demo.Company.Domain.IndexOf('.', StringComparison.Ordinal)]);
            }
        }

        public NameParts Next(
            Random random, Country country, int cityCount, string[] legalForms, Func<Random, (string Stem, bool WithCity)> stem)
        {
            var sameCountry = _earlier[(int)country];
            if (sameCountry.Count > 0 && random.Next(NamesakeOneIn) == 0)
            {
                var source = sameCountry[random.Next(sameCountry.Count)];
                for (var attempt = 0; attempt < 8; attempt++)
                {
                    var twin = source.City >= 0 && random.Next(2) == 0
                        ? source with { City = random.Next(cityCount) }
                        : source with { LegalForm = Pick(random, legalForms) };
                    if (_names.Add(twin.Key))
                    {
                        return twin;
                    }
                }
            }

            for (var attempt = 0; attempt < 100_000; attempt++)
            {
                var (text, withCity) = stem(random);
                var parts = new NameParts(country, text, withCity ? random.Next(cityCount) : -1, Pick(random, legalForms));
                if (_stems.Add(parts.StemKey))
                {
                    _names.Add(parts.Key);
                    sameCountry.Add(parts);
                    return parts;
                }
            }

            throw new InvalidOperationException($"The {country} name shapes are exhausted; add words to them.");
        }

        /// <summary>A tenant's initial-domain label made from its name, unique among those given.</summary>
        public string DomainLabel(Random random, string name)
        {
            var words = name.Split([' ', '-', '&', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
                .Where(word => word is not ("i" or "et" or "of" or "and"))
                .Select(Text.Slug)
                .Where(word => word.Length > 0)
                .ToList();
            var label = random.Next(3) switch
            {
                // "Zakłady Mięsne Kowalski" → "zmkowalski", as Polish firms abbreviate themselves.
                0 when words.Count > 1 => string.Concat(words.Take(words.Count - 1).Select(word => word[..1])) + words[^1],
                1 when words.Count > 1 => words[0] + words[1],
                _ => string.Concat(words),
            };
            // Microsoft allows 27 characters before ".onmicrosoft.com"; leave room for a number.
            label = label.Length > 24 ? label[..24] : label;
            var unique = label;
            for (var n = 2; !_labels.Add(unique); n++)
            {
                unique = label + n.ToString(CultureInfo.InvariantCulture);
            }

            return unique;
        }
    }

    private sealed record PlCity(string Name, string[] PostalPrefixes, string AreaCode);

    private sealed record UsCity(string Name, string State, string ZipPrefix, string AreaCode);

    private sealed record DeCity(string Name, string PostalPrefix, string AreaCode);

    private sealed record GbCity(string Name, string[] Outward, string DramaPrefix);

    private sealed record FrCity(string Name, string[] PostalCodes, string PhoneDigit);

    private static class Pl
    {
        public static readonly string[] Industries =
        [
            "Zakłady Mięsne", "Przedsiębiorstwo Handlowe", "Przedsiębiorstwo Produkcyjno-Usługowe",
            "Hurtownia Spożywcza", "Spółdzielnia Mleczarska", "Biuro Rachunkowe", "Drukarnia", "Piekarnia", "Tartak",
            "Browar", "Fabryka Mebli", "Zakład Stolarski", "Kancelaria Prawna", "Przedsiębiorstwo Transportowe",
            "Usługi Informatyczne", "Studio Projektowe", "Wytwórnia Wód Mineralnych", "Huta Szkła", "Apteka",
            "Centrum Medyczne", "Zakład Ogrodniczy", "Przetwórnia Owoców", "Hurtownia Budowlana",
            "Agencja Reklamowa", "Szkoła Językowa", "Pracownia Architektoniczna", "Zakład Mechaniki Pojazdów",
            "Wędliniarnia", "Cukiernia", "Gospodarstwo Rybackie", "Przedsiębiorstwo Handlowo-Usługowe",
            "Usługi Budowlane", "Przychodnia Weterynaryjna", "Zakład Usług Leśnych", "Gospodarstwo Ogrodnicze",
            "Przetwórstwo Rybne", "Transport Międzynarodowy", "Handel Hurtowy", "Serwis Samochodowy",
            "Studio Fryzjerskie", "Wytwórnia Opakowań", "Centrum Ogrodnicze", "Hurtownia Elektryczna",
            "Zakład Ślusarski", "Pralnia Chemiczna", "Kwiaciarnia", "Księgarnia", "Odlewnia Żeliwa",
            "Przedsiębiorstwo Wodociągów", "Biuro Podróży", "Wypożyczalnia Sprzętu", "Zakład Energetyczny",
            "Pośrednictwo Ubezpieczeniowe", "Przedsiębiorstwo Produkcyjne", "Firma Handlowa", "Usługi Transportowe",
            "Gabinet Stomatologiczny", "Zakład Poligraficzny", "Sklep Wielobranżowy", "Młyn Zbożowy",
        ];

        public static readonly string[] FirmSurnames =
        [
            "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
            "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Wojciechowski", "Kwiatkowski",
            "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski", "Zając", "Pawłowski", "Michalski", "Król",
            "Wieczorek", "Jabłoński", "Wróbel", "Nowakowski", "Majewski", "Olszewski", "Stępień", "Malinowski",
            "Jaworski", "Adamczyk", "Dudek", "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora",
            "Baran", "Rutkowski", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Marciniak",
            "Wróblewski", "Zalewski", "Jakubowski", "Jasiński", "Zawadzki", "Sadowski", "Bąk", "Chmielewski",
            "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki", "Sokołowski", "Urbański", "Kubiak", "Maciejewski",
            "Szczepański", "Kucharski", "Wilk", "Kalinowski", "Lis", "Mazurek", "Wysocki", "Adamski", "Kaźmierczak",
            "Wasilewski", "Sobczak", "Czerwiński", "Andrzejewski", "Cieślak", "Głowacki", "Zakrzewski", "Kołodziej",
            "Sikorski", "Krajewski", "Gajewski", "Szulc", "Szymczak", "Baranowski", "Laskowski", "Brzeziński",
            "Makowski", "Ziółkowski", "Przybylski", "Domański", "Nowacki", "Borowski", "Błaszczyk", "Chojnacki",
            "Ciesielski", "Mróz", "Szczepaniak", "Wesołowski", "Górecki", "Krupa", "Kaczmarczyk", "Leszczyński",
            "Lipiński", "Kowalewski", "Urbaniak", "Kozak", "Kania", "Mikołajczyk", "Czajkowski", "Mucha", "Tomczak",
            "Kozieł", "Markowski", "Kowalik", "Nawrocki", "Brzozowski", "Janik", "Musiał", "Wawrzyniak",
            "Markiewicz", "Orłowski", "Tomczyk", "Jarosz", "Kołodziejczyk", "Kurek", "Kopeć", "Żak", "Wolski",
            "Łuczak", "Dziedzic", "Kot", "Stasiak", "Stankiewicz", "Piątek", "Jóźwiak", "Urban", "Dobrowolski",
            "Pawlik", "Kruk", "Domagała", "Piasecki", "Wierzbicki", "Karpiński", "Jastrzębski", "Polak", "Zięba",
            "Janicki", "Wójtowicz", "Stefański", "Sosnowski", "Bednarek", "Majchrzak", "Bielecki", "Małecki", "Sowa",
            "Milewski", "Gajda", "Klimek", "Olejniczak", "Ratajczak", "Romanowski", "Matuszewski", "Śliwiński",
            "Madej", "Kasprzak", "Wilczyński", "Grzelak", "Socha", "Czajka", "Bednarczyk", "Skiba", "Wrona",
            "Owczarek", "Marcinkowski", "Matusiak", "Orzechowski", "Sobolewski", "Kędzierski", "Kurowski",
            "Rogalski",
        ];

        public static readonly string[] BrandHeads =
        [
            "Tek", "Mar", "Pol", "Bud", "Trans", "Agro", "Eko", "Elek", "Met", "Stal", "Drew", "Bor", "Kop", "Las",
            "Ros", "Sło", "Złot", "Świat", "Żur", "Gór", "Łuk", "Dąb", "Wit", "Mir", "Sta", "Zbi", "Kaz", "Jar",
            "Hen", "Bog", "Wiel", "Mał", "Ród", "Pszcz", "Grom", "Żar", "Śnież", "Bał", "Krzem", "Miedź",
        ];

        public static readonly string[] BrandTails =
        [
            "pol", "bud", "ex", "met", "trans", "mar", "tech", "gaz", "rol", "med", "soft", "net", "lux", "plast",
            "chem", "dom", "tex", "mex", "żel", "łan", "ór", "bis", "kor", "san", "wit", "ład", "sław", "gród",
        ];

        public static readonly string[] Names =
        [
            "Żuraw", "Kraśnik", "Łużyce", "Gród", "Mazowsze", "Pomorze", "Śląsk", "Bałtyk", "Orzeł", "Sokół", "Dąb", "Jodła",
            "Wisła", "Warta", "Odra", "Bóbr", "Żubr", "Łoś", "Źródło", "Jaźwiec", "Wrzos", "Kłos", "Słonecznik", "Świt",
            "Zorza", "Gwiazda", "Bursztyn", "Tęcza", "Jantar", "Halny", "Podhale", "Kujawy", "Warmia", "Mazury", "Roztocze",
            "Bieszczady", "Pieniny", "Nadodrze", "Żagiel", "Kotwica", "Skowronek", "Jaskółka", "Cis", "Grab", "Brzoza",
            "Sosna", "Świerk", "Malwa", "Róża", "Lilia",
        ];

        // As firms write them in their own names; a sole trader has none.
        public static readonly string[] LegalForms =
        [
            "Sp. z o.o.", "Sp. z o.o.", "sp. z o.o.", "Spółka z o.o.", "S.A.", "Sp. j.", "sp.j.", "Sp. k.", "sp.k.",
            "Sp. z o.o. Sp. k.", "s.c.", "", "",
        ];

        public static readonly PlCity[] Cities =
        [
            new("Warszawa", ["00", "01", "02", "03", "04"], "22"), new("Kraków", ["30", "31"], "12"),
            new("Łódź", ["90", "91", "92", "93", "94"], "42"), new("Wrocław", ["50", "51", "52", "53", "54"], "71"),
            new("Poznań", ["60", "61"], "61"), new("Gdańsk", ["80"], "58"), new("Szczecin", ["70", "71"], "91"),
            new("Bydgoszcz", ["85"], "52"), new("Lublin", ["20"], "81"), new("Białystok", ["15"], "85"),
            new("Katowice", ["40"], "32"), new("Rzeszów", ["35"], "17"), new("Kielce", ["25"], "41"),
            new("Olsztyn", ["10"], "89"), new("Opole", ["45"], "77"), new("Toruń", ["87"], "56"),
            new("Zielona Góra", ["65"], "68"), new("Częstochowa", ["42"], "34"), new("Gorzów Wielkopolski", ["66"], "95"),
            new("Kraśnik", ["23"], "81"), new("Łuków", ["21"], "25"), new("Żywiec", ["34"], "33"),
            new("Świnoujście", ["72"], "91"), new("Zakopane", ["34"], "18"),
        ];

        public static readonly string[] Streets =
        [
            "ul. Piotrkowska", "ul. Floriańska", "ul. Długa", "ul. Świętokrzyska", "ul. Mickiewicza", "ul. Słowackiego",
            "ul. Kościuszki", "ul. Żeromskiego", "ul. Źródlana", "ul. Grunwaldzka", "ul. Łąkowa", "ul. Polna", "ul. Leśna",
            "ul. Ogrodowa", "ul. Kwiatowa", "ul. Szkolna", "ul. Żwirki i Wigury", "ul. Sienkiewicza", "ul. 3 Maja",
            "al. Niepodległości", "al. Solidarności", "ul. Jagiellońska", "ul. Piłsudskiego", "ul. Częstochowska",
            "ul. Święty Marcin", "ul. Księżycowa", "ul. Ślężna",
        ];

        public static readonly string[] MobilePrefixes = ["50", "51", "53", "57", "60", "66", "69", "72", "79", "88"];

        public static readonly string[] MaleFirstNames =
        [
            "Łukasz", "Paweł", "Michał", "Tomasz", "Grzegorz", "Krzysztof", "Piotr", "Jacek", "Wojciech", "Bartłomiej",
            "Jędrzej", "Sławomir", "Marek", "Andrzej", "Mikołaj",
        ];

        public static readonly string[] FemaleFirstNames =
        [
            "Agnieszka", "Małgorzata", "Katarzyna", "Zofia", "Joanna", "Anna", "Ewa", "Żaneta", "Dorota", "Halina",
            "Beata", "Magdalena", "Jadwiga", "Urszula", "Grażyna",
        ];

        public static readonly (string Male, string Female)[] Surnames =
        [
            ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"), ("Dąbrowski", "Dąbrowska"),
            ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"),
            ("Woźniak", "Woźniak"), ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"),
            ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"), ("Krawczyk", "Krawczyk"), ("Grabowski", "Grabowska"),
            ("Nowak", "Nowak"), ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"), ("Król", "Król"),
            ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"), ("Majewski", "Majewska"), ("Olszewski", "Olszewska"),
            ("Stępień", "Stępień"), ("Jaworski", "Jaworska"), ("Malinowski", "Malinowska"), ("Górski", "Górska"),
            ("Sikora", "Sikora"), ("Szczepański", "Szczepańska"), ("Łukaszewski", "Łukaszewska"), ("Żak", "Żak"),
            ("Ślusarczyk", "Ślusarczyk"), ("Ćwikła", "Ćwikła"),
        ];
    }

    private static class En
    {
        public static readonly string[] Words =
        [
            "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure", "Blue", "Red", "Silver",
            "Golden", "Summit", "Harbor", "River", "Oak", "Pine", "Maple", "Cedar", "Eagle", "Falcon", "Pioneer",
            "Liberty", "Atlas", "Apex", "Vertex", "Nova", "Orion", "Phoenix", "Sterling", "Crown", "Royal", "Bright",
            "Clear", "Swift", "Green", "Stone", "Iron", "Coastal", "Metro", "Urban", "Prime", "Global", "Alpine",
            "Lakeside", "Highland", "Northern", "Western", "Litware", "Proseware", "Lucerne", "Margie", "Trey",
            "Woodgrove", "Alpine Ski", "Coho", "Humongous", "Graphic", "Wide World", "Southridge",
        ];
    }

    private static class Us
    {
        public static readonly string[] Names =
        [
            "Summit", "Cascade", "Redwood", "Liberty", "Pioneer", "Evergreen", "Harbor", "Granite", "Prairie", "Lakeside",
            "Silverline", "Bluebird", "Ironwood", "Copperfield", "Maple", "Northstar", "Riverbend", "Oakridge", "Sunset",
            "Westfield",
        ];

        public static readonly string[] Industries =
        [
            "Analytics", "Logistics", "Dental Group", "Construction", "Foods", "Realty", "Consulting",
            "Manufacturing", "Health Partners", "Software", "Outfitters", "Brewing Company", "Capital",
            "Engineering", "Media", "Traders", "Solutions", "Systems", "Partners", "Holdings", "Industries",
            "Healthcare", "Pharma", "Energy", "Design", "Builders", "Motors", "Textiles", "Furniture", "Insurance",
            "Labs", "Networks", "Security", "Ventures", "Retail", "Supplies", "Research", "Publishing",
        ];

        public static readonly string[] LegalForms = ["Inc.", "LLC", "Corp.", "Co."];

        public static readonly UsCity[] Cities =
        [
            new("Seattle", "WA", "981", "206"), new("Portland", "OR", "972", "503"), new("Austin", "TX", "787", "512"),
            new("Denver", "CO", "802", "303"), new("Chicago", "IL", "606", "312"), new("Boston", "MA", "021", "617"),
            new("Atlanta", "GA", "303", "404"), new("Phoenix", "AZ", "850", "602"), new("Columbus", "OH", "432", "614"),
            new("Minneapolis", "MN", "554", "612"), new("Raleigh", "NC", "276", "919"), new("Nashville", "TN", "372", "615"),
        ];

        public static readonly string[] Streets =
            ["Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Lincoln", "Jefferson"];

        public static readonly string[] StreetKinds = ["Street", "Avenue", "Road", "Boulevard", "Drive"];

        public static readonly string[] FirstNames =
        [
            "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Daniel", "Elizabeth", "José",
            "María", "Kevin", "Ashley", "Brian",
        ];

        public static readonly string[] LastNames =
        [
            "Johnson", "Williams", "Garcia", "Martinez", "Rodriguez", "Anderson", "Taylor", "Thomas", "Moore", "Jackson",
            "Martin", "Lee", "Harris", "Clark", "Lewis", "Nguyen", "Patel",
        ];
    }

    private static class De
    {
        public static readonly string[] Surnames =
        [
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
            "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
            "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Köhler", "Weiß", "Jäger",
            "Schmitt", "Meier", "Lehmann", "Maier", "Groß", "Böhm", "Günther", "Förster", "Fuchs", "Vogel",
        ];

        public static readonly string[] Industries =
        [
            "Maschinenbau", "Logistik", "Bäckerei", "Elektrotechnik", "Holzbau", "Steuerberatung", "Autohaus",
            "Gebäudetechnik", "Druckerei", "Feinkost", "Metallbau", "Software", "Brauerei", "Möbelwerkstätten",
            "Straßenbau", "Gerüstbau", "Getränke", "Möbel", "Umwelttechnik", "Baustoffe", "Immobilien",
            "Versicherungen", "Reisebüro", "Fleischwaren", "Kältetechnik",
        ];

        public static readonly string[] LegalForms = ["GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.", ""];

        public static readonly DeCity[] Cities =
        [
            new("München", "80", "89"), new("Berlin", "10", "30"), new("Hamburg", "20", "40"), new("Köln", "50", "221"),
            new("Frankfurt am Main", "60", "69"), new("Stuttgart", "70", "711"), new("Düsseldorf", "40", "211"),
            new("Dresden", "01", "351"), new("Leipzig", "04", "341"), new("Nürnberg", "90", "911"),
            new("Würzburg", "97", "931"), new("Lübeck", "23", "451"),
        ];

        public static readonly string[] Streets =
        [
            "Hauptstraße", "Bahnhofstraße", "Schloßallee", "Goethestraße", "Königsallee", "Lindenstraße", "Mühlweg",
            "Schillerstraße", "Gartenstraße", "Brückenstraße", "Marktplatz", "Friedrichstraße",
        ];

        public static readonly string[] FirstNames =
        [
            "Jürgen", "Klaus", "Anna", "Lena", "Jörg", "Björn", "Käthe", "Sören", "Uwe", "Sabine", "Günther", "Ursula",
            "Lukas", "Mia", "Jonas",
        ];
    }

    private static class Gb
    {
        public static readonly string[] Names =
        [
            "Ashford", "Bramley", "Carrington", "Davenport", "Fairfax", "Hawthorne", "Kingsley", "Lockwood",
            "Pemberton", "Whitmore", "Thornbury", "Aldridge", "Blackwood", "Radcliffe", "Wetherby", "Harrington",
            "Ellsworth", "Beaumont", "Cavendish", "Sheffield", "Winslow", "Prescott", "Langley", "Ashworth",
            "Holloway", "Marlow", "Penrose", "Sinclair", "Stratton", "Whitfield",
        ];

        public static readonly string[] Industries =
            ["Engineering", "Solicitors", "Estates", "Logistics", "Joinery", "Brewery", "Consulting", "Print", "Catering", "Motors"];

        public static readonly string[] LegalForms = ["Ltd", "Ltd", "Ltd.", "Limited", "plc", "LLP"];

        public static readonly GbCity[] Cities =
        [
            new("London", ["EC1A", "EC2V", "SE1", "N1", "W1D", "E1"], "20 7946 0"),
            new("Manchester", ["M1", "M2", "M4"], "161 496 0"), new("Birmingham", ["B1", "B2", "B3"], "121 496 0"),
            new("Leeds", ["LS1", "LS2"], "113 496 0"), new("Bristol", ["BS1", "BS2"], "117 496 0"),
            new("Edinburgh", ["EH1", "EH2", "EH3"], "131 496 0"), new("Glasgow", ["G1", "G2"], "141 496 0"),
            new("Cardiff", ["CF10"], "29 2018 0"),
        ];

        public static readonly string[] Streets =
            ["High Street", "Station Road", "Church Lane", "King Street", "Queen Street", "Victoria Road", "Mill Lane", "Park Road"];

        public static readonly string[] FirstNames =
        [
            "Oliver", "George", "Harry", "Amelia", "Olivia", "Isla", "Jack", "Charlotte", "Emily", "Thomas", "Sophie",
            "William", "Eleanor", "James", "Grace",
        ];

        public static readonly string[] LastNames =
        [
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
            "Thompson", "Evans", "Walker", "White", "Roberts", "Hughes", "O'Brien", "Fitzgerald",
        ];
    }

    private static class Fr
    {
        public static readonly string[] Industries =
        [
            "Boulangerie", "Transports", "Menuiserie", "Cabinet d'Architecture", "Pharmacie", "Imprimerie",
            "Fromagerie", "Garage", "Informatique", "Bâtiment", "Vins et Spiritueux", "Pâtisserie", "Crèmerie",
            "Électricité", "Boucherie", "Librairie", "Hôtellerie", "Château", "Vins", "Façades", "Énergies",
        ];

        public static readonly string[] Surnames =
        [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier", "Girard", "Bonnet", "Rousseau", "Mercier",
            "Dupont", "François", "Lambert", "Fontaine", "Chevalier", "Garçon", "Bérenger", "Lemaître", "Gauthier",
            "Perrin", "Benoît", "Noël",
        ];

        public static readonly string[] LegalForms = ["SARL", "SAS", "S.A.S.", "SA", "EURL", ""];

        public static readonly FrCity[] Cities =
        [
            new("Paris", ["75001", "75002", "75003", "75008", "75009", "75011", "75015", "75017", "75018", "75020"], "1"),
            new("Lyon", ["69001", "69002", "69003", "69006", "69007"], "4"),
            new("Marseille", ["13001", "13002", "13006", "13008"], "4"), new("Toulouse", ["31000", "31200", "31400"], "5"),
            new("Lille", ["59000", "59800"], "3"), new("Nantes", ["44000", "44100"], "2"),
            new("Bordeaux", ["33000", "33300", "33800"], "5"), new("Strasbourg", ["67000", "67100"], "3"),
            new("Nice", ["06000", "06100"], "4"), new("Rennes", ["35000", "35200"], "2"),
        ];

        public static readonly string[] Streets =
        [
            "rue de la République", "rue Victor Hugo", "avenue Jean Jaurès", "boulevard Voltaire", "rue du Général Leclerc",
            "place de l'Église", "rue des Écoles", "rue Pasteur", "quai Saint-Étienne", "avenue Émile Zola",
        ];

        public static readonly string[] FirstNames =
        [
            "Camille", "Léa", "Chloé", "Manon", "Inès", "Hugo", "Lucas", "Théo", "Mathéo", "Étienne", "Amélie",
            "Françoise", "Jérôme", "Benoît", "Cécile",
        ];
    }
}
