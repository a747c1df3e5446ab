using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PartnerBot.Data.Customers;
using PartnerBot.Domain.Customers;

namespace PartnerBot.Data.Seed;

/// <summary>What a synthetic run did and how long the insert took.</summary>
public sealed record SyntheticSeedResult(int Requested, int Existing, int Inserted, TimeSpan Elapsed);

/// <summary>
/// Generates realistic customers for benchmarks: about half Polish (diacritics, legal forms, NIP numbers,
/// NN-NNN postal codes, +48 phones), the rest US, German, British and French, each valid under its country's
/// rules. Deterministic: the same seed gives the same customers, ids included.
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
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            yield return roll switch
            {
                < 50 => Polish(random, seed, i),
                < 65 => American(random, seed, i),
                < 77 => German(random, seed, i),
                < 89 => British(random, seed, i),
                _ => French(random, seed, i),
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

        var inserted = 0;
        var now = SqlValues.Time(DateTimeOffset.UtcNow);
        // Random tenant ids land all over three indexes; with the default 2 MB page cache the transaction
        // spills pages to the WAL again and again. A bigger cache for this one connection avoids that.
        await SetCacheSizeAsync(connection, transaction, BulkCacheKibibytes, cancellationToken).ConfigureAwait(false);
        using (var rows = new CustomerRows(connection, transaction))
        {
            foreach (var account in Generate(count, seed))
            {
                // Ids are deterministic, so customers inserted by an earlier, smaller run are skipped.
                if (rows.Insert(account, Source, now))
                {
                    inserted++;
                    if (inserted % 10_000 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        // The connection goes back to the pool: give it the default cache again.
        await SetCacheSizeAsync(connection, null, DefaultCacheKibibytes, cancellationToken).ConfigureAwait(false);
        return new SyntheticSeedResult(count, existing, inserted, stopwatch.Elapsed);
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

    private static CustomerAccount Polish(Random random, int seed, int index)
    {
        var industry = Pick(random, Pl.Industries);
        var name = Pick(random, Pl.Names);
        var legal = Pick(random, Pl.LegalForms);
        var billTo = $"{industry} {name} {legal}";
        var city = Pick(random, Pl.Cities);
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
        var slug = Initials(industry) + Text.Slug(name);
        return Account(random, seed, index, "PL", english ? "en-US" : "pl-PL", english ? "en" : "pl",
            billTo, tenantName: $"{industry} {name}", slug, ".pl", Text.NipFrom(random.Next(100_000_000, 999_999_999)),
            first, last, line1, city.Name, state: null, postal, phone);
    }

    private static CustomerAccount American(Random random, int seed, int index)
    {
        var name = Pick(random, Us.Names);
        var industry = Pick(random, Us.Industries);
        var billTo = $"{name} {industry} {Pick(random, Us.LegalForms)}";
        var city = Pick(random, Us.Cities);
        var line1 = $"{random.Next(10, 9900)} {Pick(random, Us.Streets)} {Pick(random, Us.StreetKinds)}";
        var zip = city.ZipPrefix + Digits(random, 5 - city.ZipPrefix.Length);
        var phone = $"+1 {city.AreaCode} 555 01{Digits(random, 2)}";
        return Account(random, seed, index, "US", "en-US", "en", billTo, $"{name} {industry}",
            Text.Slug(name + industry), ".com", registration: null,
            Pick(random, Us.FirstNames), Pick(random, Us.LastNames), line1, city.Name, city.State, zip, phone);
    }

    private static CustomerAccount German(Random random, int seed, int index)
    {
        var surname = Pick(random, De.Surnames);
        var industry = Pick(random, De.Industries);
        var billTo = random.Next(2) == 0
            ? $"{surname} {industry} {Pick(random, De.LegalForms)}"
            : $"{industry} {surname} {Pick(random, De.LegalForms)}";
        var city = Pick(random, De.Cities);
        var postal = city.PostalPrefix + Digits(random, 5 - city.PostalPrefix.Length);
        var phone = $"+49 {city.AreaCode} {Digits(random, 3)} {Digits(random, 4)}";
        var line1 = $"{Pick(random, De.Streets)} {random.Next(1, 140)}";
        var registration = (random.Next(4) == 0 ? "HRA " : "HRB ") + random.Next(1000, 250_000).ToString(CultureInfo.InvariantCulture);
        return Account(random, seed, index, "DE", "de-DE", "de", billTo, $"{surname} {industry}",
            Text.Slug(surname + industry), ".de", registration,
            Pick(random, De.FirstNames), Pick(random, De.Surnames), line1, city.Name, state: null, postal, phone);
    }

    private static CustomerAccount British(Random random, int seed, int index)
    {
        var name = Pick(random, Gb.Names);
        var billTo = random.Next(3) == 0
            ? $"{name} & {Pick(random, Gb.Names)} {Pick(random, Gb.LegalForms)}"
            : $"{name} {Pick(random, Gb.Industries)} {Pick(random, Gb.LegalForms)}";
        var city = Pick(random, Gb.Cities);
        const string inwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
        var postcode = $"{Pick(random, city.Outward)} {random.Next(1, 10)}" +
            $"{inwardLetters[random.Next(inwardLetters.Length)]}{inwardLetters[random.Next(inwardLetters.Length)]}";
        var phone = $"+44 {city.DramaPrefix}{Digits(random, 3)}";
        var line1 = $"{random.Next(1, 200)} {Pick(random, Gb.Streets)}";
        return Account(random, seed, index, "GB", "en-GB", "en", billTo, tenantName: null,
            Text.Slug(billTo.Split(' ')[0]) + Text.Slug(billTo.Split(' ')[^2]), ".co.uk", registration: null,
            Pick(random, Gb.FirstNames), Pick(random, Gb.LastNames), line1, city.Name, state: null, postcode, phone);
    }

    private static CustomerAccount French(Random random, int seed, int index)
    {
        var industry = Pick(random, Fr.Industries);
        var surname = Pick(random, Fr.Surnames);
        var billTo = $"{industry} {surname} {Pick(random, Fr.LegalForms)}";
        var city = Pick(random, Fr.Cities);
        var postal = Pick(random, city.PostalCodes);
        var phone = $"+33 {city.PhoneDigit} {Digits(random, 2)} {Digits(random, 2)} {Digits(random, 2)} {Digits(random, 2)}";
        var line1 = $"{random.Next(1, 120)} {Pick(random, Fr.Streets)}";
        return Account(random, seed, index, "FR", "fr-FR", "fr", billTo, $"{industry} {surname}",
            Initials(industry) + Text.Slug(surname), ".fr", registration: null,
            Pick(random, Fr.FirstNames), Pick(random, Fr.Surnames), line1, city.Name, state: null, postal, phone);
    }

    private static CustomerAccount Account(
        Random random,
        int seed,
        int index,
        string country,
        string culture,
        string language,
        string billTo,
        string? tenantName,
        string slug,
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
        // The index keeps domains unique; real initial domains look much the same ("contoso365", "fabrikam2").
        var domain = string.Create(CultureInfo.InvariantCulture, $"{slug}{index}.onmicrosoft.com");
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

    /// <summary>"Przedsiębiorstwo Produkcyjno-Usługowe" → "ppu", as Polish companies abbreviate themselves.</summary>
    private static string Initials(string words) =>
        string.Concat(words.Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => Text.Slug(word[..1])));

    private sealed record PlCity(string Name, string[] PostalPrefixes, string AreaCode);

    private sealed record UsCity(string Name, string State, string ZipPrefix, string AreaCode);

    private sealed record DeCity(string Name, string PostalPrefix, string AreaCode);

    private sealed record GbCity(string Name, string[] Outward, string DramaPrefix);

    private sealed record FrCity(string Name, string[] PostalCodes, string PhoneDigit);

    private static class Pl
    {
        public static readonly string[] Industries =
        [
            "Zakłady Mięsne", "Przedsiębiorstwo Handlowe", "Przedsiębiorstwo Produkcyjno-Usługowe", "Hurtownia Spożywcza",
            "Spółdzielnia Mleczarska", "Biuro Rachunkowe", "Drukarnia", "Piekarnia", "Tartak", "Browar", "Fabryka Mebli",
            "Zakład Stolarski", "Kancelaria Prawna", "Przedsiębiorstwo Transportowe", "Usługi Informatyczne",
            "Studio Projektowe", "Wytwórnia Wód Mineralnych", "Huta Szkła", "Apteka", "Centrum Medyczne",
            "Zakład Ogrodniczy", "Przetwórnia Owoców", "Hurtownia Budowlana", "Agencja Reklamowa", "Szkoła Językowa",
            "Pracownia Architektoniczna", "Zakład Mechaniki Pojazdów", "Wędliniarnia", "Cukiernia", "Gospodarstwo Rybackie",
        ];

        public static readonly string[] Names =
        [
            "Żuraw", "Kraśnik", "Łużyce", "Gród", "Mazowsze", "Pomorze", "Śląsk", "Bałtyk", "Orzeł", "Sokół", "Dąb", "Jodła",
            "Wisła", "Warta", "Odra", "Bóbr", "Żubr", "Łoś", "Źródło", "Jaźwiec", "Wrzos", "Kłos", "Słonecznik", "Świt",
            "Zorza", "Gwiazda", "Bursztyn", "Tęcza", "Jantar", "Halny", "Podhale", "Kujawy", "Warmia", "Mazury", "Roztocze",
            "Bieszczady", "Pieniny", "Nadodrze", "Żagiel", "Kotwica", "Skowronek", "Jaskółka", "Cis", "Grab", "Brzoza",
            "Sosna", "Świerk", "Malwa", "Róża", "Lilia",
        ];

        public static readonly string[] LegalForms =
            ["Sp. z o.o.", "Sp. z o.o.", "Sp. z o.o.", "S.A.", "Sp. j.", "Sp. k.", "Sp. z o.o. Sp. k.", "s.c."];

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
            "Analytics", "Logistics", "Dental Group", "Construction", "Foods", "Realty", "Consulting", "Manufacturing",
            "Health Partners", "Software", "Outfitters", "Brewing Company", "Capital", "Engineering", "Media",
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
        ];

        public static readonly string[] Industries =
        [
            "Maschinenbau", "Logistik", "Bäckerei", "Elektrotechnik", "Holzbau", "Steuerberatung", "Autohaus",
            "Gebäudetechnik", "Druckerei", "Feinkost", "Metallbau", "Software", "Brauerei", "Möbelwerkstätten",
        ];

        public static readonly string[] LegalForms = ["GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG", "e.K."];

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
            "Ashford", "Bramley", "Carrington", "Davenport", "Fairfax", "Hawthorne", "Kingsley", "Lockwood", "Pemberton",
            "Whitmore", "Thornbury", "Aldridge", "Blackwood", "Radcliffe", "Wetherby",
        ];

        public static readonly string[] Industries =
            ["Engineering", "Solicitors", "Estates", "Logistics", "Joinery", "Brewery", "Consulting", "Print", "Catering", "Motors"];

        public static readonly string[] LegalForms = ["Ltd", "Ltd", "Ltd", "plc", "LLP"];

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
            "Boulangerie", "Transports", "Menuiserie", "Cabinet d'Architecture", "Pharmacie", "Imprimerie", "Fromagerie",
            "Garage", "Informatique", "Bâtiment", "Vins et Spiritueux", "Pâtisserie",
        ];

        public static readonly string[] Surnames =
        [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
            "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier", "Girard", "Bonnet", "Rousseau", "Mercier",
        ];

        public static readonly string[] LegalForms = ["SARL", "SAS", "SA", "EURL"];

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
