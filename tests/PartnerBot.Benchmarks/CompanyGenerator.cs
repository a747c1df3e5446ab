using System.Buffers;
using System.Globalization;
using PartnerBot.Domain.Search;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Deterministic synthetic customers: 57% Polish names with diacritics, the rest English, German and
/// French, with legal forms and domains (half of them tenant domains under onmicrosoft.com).
/// </summary>
internal static class CompanyGenerator
{
    public const double PolishShare = 0.57;

    private static readonly SearchValues<char> PolishLetters = SearchValues.Create("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ");

    private static readonly string[] PolishPrefixes =
    [
        "Zakłady Mięsne", "Przedsiębiorstwo Handlowo-Usługowe", "Biuro Rachunkowe", "Usługi Budowlane",
        "Zakład Stolarski", "Hurtownia Spożywcza", "Piekarnia", "Apteka", "Przychodnia Weterynaryjna",
        "Kancelaria Prawna", "Pracownia Architektoniczna", "Drukarnia", "Zakład Usług Leśnych",
        "Gospodarstwo Ogrodnicze", "Spółdzielnia Mleczarska", "Fabryka Mebli", "Przetwórstwo Rybne",
        "Transport Międzynarodowy", "Handel Hurtowy", "Usługi Informatyczne", "Serwis Samochodowy",
        "Studio Fryzjerskie", "Szkoła Językowa", "Wytwórnia Opakowań", "Centrum Ogrodnicze",
        "Hurtownia Elektryczna", "Zakład Ślusarski", "Pralnia Chemiczna", "Kwiaciarnia", "Księgarnia",
        "Cukiernia", "Odlewnia Żeliwa", "Huta Szkła", "Tartak", "Przedsiębiorstwo Wodociągów",
        "Agencja Reklamowa", "Biuro Podróży", "Wypożyczalnia Sprzętu", "Zakład Energetyczny",
        "Pośrednictwo Ubezpieczeniowe", "Przedsiębiorstwo Produkcyjne", "Firma Handlowa", "Usługi Transportowe",
        "Gabinet Stomatologiczny", "Zakład Poligraficzny", "Sklep Wielobranżowy", "Młyn Zbożowy",
    ];

    private static readonly string[] PolishSurnames =
    [
        "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
        "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Wojciechowski",
        "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski", "Zając", "Pawłowski", "Michalski",
        "Król", "Wieczorek", "Jabłoński", "Wróbel", "Nowakowski", "Majewski", "Olszewski", "Stępień",
        "Malinowski", "Jaworski", "Adamczyk", "Dudek", "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak",
        "Sikora", "Baran", "Rutkowski", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak",
        "Marciniak", "Wróblewski", "Zalewski", "Jakubowski", "Jasiński", "Zawadzki", "Sadowski", "Bąk",
        "Chmielewski", "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki", "Sokołowski", "Urbański", "Kubiak",
        "Maciejewski", "Szczepański", "Kucharski", "Wilk", "Kalinowski", "Lis", "Mazurek", "Wysocki",
        "Adamski", "Kaźmierczak", "Wasilewski", "Sobczak", "Czerwiński", "Andrzejewski", "Cieślak",
        "Głowacki", "Zakrzewski", "Kołodziej", "Sikorski", "Krajewski", "Gajewski", "Szulc", "Szymczak",
        "Baranowski", "Laskowski", "Brzeziński", "Makowski", "Ziółkowski", "Przybylski", "Domański",
        "Nowacki", "Borowski", "Błaszczyk", "Chojnacki", "Ciesielski", "Mróz", "Szczepaniak", "Wesołowski",
        "Górecki", "Krupa", "Kaczmarczyk", "Leszczyński", "Lipiński", "Kowalewski", "Urbaniak", "Kozak",
        "Kania", "Mikołajczyk", "Czajkowski", "Mucha", "Tomczak", "Kozieł", "Markowski", "Kowalik",
        "Nawrocki", "Brzozowski", "Janik", "Musiał", "Wawrzyniak", "Markiewicz", "Orłowski", "Tomczyk",
        "Jarosz", "Kołodziejczyk", "Kurek", "Kopeć", "Żak", "Wolski", "Łuczak", "Dziedzic", "Kot", "Stasiak",
        "Stankiewicz", "Piątek", "Jóźwiak", "Urban", "Dobrowolski", "Pawlik", "Kruk", "Domagała", "Piasecki",
        "Wierzbicki", "Karpiński", "Jastrzębski", "Polak", "Zięba", "Janicki", "Wójtowicz", "Stefański",
        "Sosnowski", "Bednarek", "Majchrzak", "Bielecki", "Małecki", "Sowa", "Milewski", "Gajda", "Klimek",
        "Olejniczak", "Ratajczak", "Romanowski", "Matuszewski", "Śliwiński", "Madej", "Kasprzak",
        "Wilczyński", "Grzelak", "Socha", "Czajka", "Bednarczyk", "Skiba", "Wrona", "Owczarek",
        "Marcinkowski", "Matusiak", "Orzechowski", "Sobolewski", "Kędzierski", "Kurowski", "Rogalski",
    ];

    private static readonly string[] PolishFirstNames =
    [
        "Jan", "Anna", "Zbigniew", "Małgorzata", "Łukasz", "Józef", "Grzegorz", "Krzysztof", "Paweł",
        "Stanisław", "Agnieszka", "Elżbieta", "Bożena", "Wojciech", "Michał", "Piotr", "Tomasz", "Andrzej",
        "Marek", "Katarzyna", "Jolanta", "Halina", "Ryszard", "Jerzy", "Kazimierz", "Zdzisław", "Mirosław",
        "Jadwiga", "Teresa", "Barbara", "Dorota", "Ewa", "Sławomir", "Bogusław", "Grażyna", "Wiesław",
    ];

    private static readonly string[] PolishCities =
    [
        "Łódź", "Kraków", "Gdańsk", "Poznań", "Wrocław", "Szczecin", "Białystok", "Częstochowa", "Toruń",
        "Kielce", "Rzeszów", "Olsztyn", "Bielsko-Biała", "Gliwice", "Zabrze", "Bytom", "Opole", "Gorzów",
        "Elbląg", "Płock", "Wałbrzych", "Włocławek", "Tarnów", "Chorzów", "Koszalin", "Kalisz", "Legnica",
        "Grudziądz", "Słupsk", "Jaworzno", "Nowy Sącz", "Jelenia Góra", "Siedlce", "Mysłowice", "Piła",
        "Lublin", "Katowice", "Bydgoszcz", "Radom", "Sosnowiec", "Warszawa", "Gdynia", "Zielona Góra",
        "Świnoujście", "Zakopane", "Żywiec", "Łomża", "Sieradz", "Żyrardów", "Skierniewice", "Ełk",
        "Suwałki", "Przemyśl", "Zamość", "Chełm", "Ostrołęka", "Łowicz", "Końskie", "Oświęcim", "Mińsk",
    ];

    private static readonly string[] PolishBrandHeads =
    [
        "Tek", "Mar", "Pol", "Bud", "Trans", "Agro", "Eko", "Elek", "Met", "Stal", "Drew", "Bor", "Kop", "Las",
        "Ros", "Sło", "Złot", "Świat", "Żur", "Gór", "Łuk", "Dąb", "Wit", "Mir", "Sta", "Zbi", "Kaz", "Jar",
        "Hen", "Bog", "Wiel", "Mał", "Ród", "Pszcz", "Grom", "Żar", "Śnież", "Bał", "Krzem", "Miedź",
    ];

    private static readonly string[] PolishBrandTails =
    [
        "pol", "bud", "ex", "met", "trans", "mar", "tech", "gaz", "rol", "med", "soft", "net", "lux", "plast",
        "chem", "dom", "tex", "mex", "żel", "łan", "ór", "bis", "kor", "san", "wit", "ład", "sław", "gród",
    ];

    private static readonly string[] PolishLegalForms =
    [
        " Sp. z o.o.", " sp. z o.o.", " S.A.", " sp. j.", " sp.k.", " s.c.", " Spółka z o.o.", "", "", "",
    ];

    private static readonly string[] EnglishWords =
    [
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure", "Blue", "Red", "Silver",
        "Golden", "Summit", "Harbor", "River", "Oak", "Pine", "Maple", "Cedar", "Eagle", "Falcon", "Pioneer",
        "Liberty", "Atlas", "Apex", "Vertex", "Nova", "Orion", "Phoenix", "Sterling", "Crown", "Royal",
        "Bright", "Clear", "Swift", "Green", "Stone", "Iron", "Coastal", "Metro", "Urban", "Prime", "Global",
        "Alpine", "Lakeside", "Highland", "Northern", "Western", "Litware", "Proseware", "Lucerne", "Margie",
        "Trey", "Woodgrove", "Alpine Ski", "Coho", "Humongous", "Graphic", "Wide World", "Southridge",
    ];

    private static readonly string[] EnglishIndustries =
    [
        "Traders", "Logistics", "Consulting", "Solutions", "Systems", "Foods", "Partners", "Holdings",
        "Industries", "Software", "Analytics", "Engineering", "Manufacturing", "Healthcare", "Pharma",
        "Energy", "Media", "Design", "Builders", "Motors", "Textiles", "Furniture", "Capital", "Insurance",
        "Labs", "Networks", "Security", "Ventures", "Retail", "Supplies", "Research", "Publishing",
    ];

    private static readonly string[] EnglishLegalForms = [" Ltd", " Limited", " Inc.", " LLC", " plc", " Co.", " Corp.", ""];

    private static readonly string[] GermanSurnames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
        "Köhler", "Maier", "Jäger", "Groß", "Böhm", "Günther", "Weiß", "Förster", "Fuchs", "Vogel",
    ];

    private static readonly string[] GermanIndustries =
    [
        "Logistik", "Maschinenbau", "Bäckerei", "Straßenbau", "Elektrotechnik", "Gerüstbau", "Metallbau",
        "Holzbau", "Getränke", "Möbel", "Umwelttechnik", "Druckerei", "Brauerei", "Autohaus", "Baustoffe",
        "Immobilien", "Versicherungen", "Steuerberatung", "Reisebüro", "Fleischwaren", "Kältetechnik",
    ];

    private static readonly string[] GermanLegalForms = [" GmbH", " AG", " GmbH & Co. KG", " KG", " e.K.", ""];

    private static readonly string[] FrenchWords =
    [
        "Dupont", "Lefèvre", "Moreau", "Girard", "Rousseau", "Bonnet", "François", "Mercier", "Lambert",
        "Fontaine", "Chevalier", "Garçon", "Bérenger", "Lemaître", "Gauthier", "Perrin", "Benoît", "Noël",
    ];

    private static readonly string[] FrenchIndustries =
    [
        "Pâtisserie", "Crèmerie", "Électricité", "Menuiserie", "Transports", "Boucherie", "Librairie",
        "Hôtellerie", "Château", "Vins", "Façades", "Énergies", "Bâtiment", "Fromagerie",
    ];

    private static readonly string[] FrenchLegalForms = [" SARL", " S.A.S.", " S.A.", " SAS", ""];

    private static readonly string[] Tlds = [".pl", ".com", ".de", ".fr", ".eu", ".com.pl"];

    public static List<CustomerSearchEntry> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var entries = new List<CustomerSearchEntry>(count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            // Every customer gets a distinct name (after folding, legal forms aside): two customers that
            // nobody could tell apart by name would make "found in the top 5" a matter of luck.
            string name;
            var polish = i < (int)Math.Round(count * PolishShare);
            do
            {
                name = polish ? PolishName(random) : ForeignName(random);
            }
            while (!keys.Add(string.Join(' ', SearchTokenizer.NameTokens(name))));

            entries.Add(new CustomerSearchEntry(
                Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(i)).ToString(),
                name,
                Domain(name, random, labels)));
        }

        // Shuffle so Polish and foreign names interleave, as they do in a real customer list.
        for (var i = entries.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (entries[i], entries[j]) = (entries[j], entries[i]);
        }

        return entries;
    }

    public static bool HasPolishDiacritics(string text) => text.AsSpan().IndexOfAny(PolishLetters) >= 0;

    private static string PolishName(Random random)
    {
        while (true)
        {
            var name = random.Next(6) switch
            {
                0 => $"{Pick(random, PolishPrefixes)} {Pick(random, PolishSurnames)}",
                1 => $"{Pick(random, PolishPrefixes)} {Brand(random)}",
                2 => $"{Brand(random)} {Pick(random, PolishPrefixes)} {Pick(random, PolishCities)}",
                3 => random.Next(2) == 0
                    ? $"{Pick(random, PolishSurnames)} i {Pick(random, PolishSurnames)}"
                    : $"{Pick(random, PolishSurnames)} i Wspólnicy {Pick(random, PolishCities)}",
                4 => $"{Pick(random, PolishPrefixes)} \"{Brand(random)}\" {Pick(random, PolishFirstNames)} {Pick(random, PolishSurnames)}",
                _ => $"{Brand(random)} {Pick(random, PolishCities)}",
            };
            if (HasPolishDiacritics(name))
            {
                return name + Pick(random, PolishLegalForms);
            }
        }
    }

    private static string ForeignName(Random random) => random.Next(10) switch
    {
        < 5 => random.Next(2) == 0
            ? $"{Pick(random, EnglishWords)} {Pick(random, EnglishIndustries)}{Pick(random, EnglishLegalForms)}"
            : $"{Pick(random, EnglishWords)} {Pick(random, EnglishWords)} {Pick(random, EnglishIndustries)}{Pick(random, EnglishLegalForms)}",
        < 8 => random.Next(2) == 0
            ? $"{Pick(random, GermanSurnames)} {Pick(random, GermanIndustries)}{Pick(random, GermanLegalForms)}"
            : $"{Pick(random, GermanSurnames)} & {Pick(random, GermanSurnames)} {Pick(random, GermanIndustries)}{Pick(random, GermanLegalForms)}",
        _ => $"{Pick(random, FrenchIndustries)} {Pick(random, FrenchWords)} {Pick(random, FrenchWords)}{Pick(random, FrenchLegalForms)}",
    };

    private static string Brand(Random random)
    {
        var brand = Pick(random, PolishBrandHeads) + Pick(random, PolishBrandTails);
        if (random.Next(4) == 0)
        {
            var second = Pick(random, PolishBrandTails);
            brand += "-" + char.ToUpperInvariant(second[0]) + second[1..];
        }

        return brand;
    }

    private static string Domain(string name, Random random, HashSet<string> labels)
    {
        var words = SearchTokenizer.NameTokens(name);
        var label = random.Next(3) switch
        {
            // Initials of all words but the last, then the last word: "zmkowalski".
            0 => string.Concat(words.Take(words.Count - 1).Select(w => w[0])) + words[^1],
            1 => string.Join('-', words.TakeLast(Math.Min(2, words.Count))),
            _ => string.Concat(words.Take(2)),
        };
        var unique = label;
        for (var n = 2; !labels.Add(unique); n++)
        {
            unique = label + n.ToString(CultureInfo.InvariantCulture);
        }

        return random.Next(2) == 0 ? unique + ".onmicrosoft.com" : unique + Pick(random, Tlds);
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
