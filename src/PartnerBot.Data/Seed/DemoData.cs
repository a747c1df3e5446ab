using PartnerBot.Data.Customers;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Seed;

/// <summary>
/// The demo world: customers that demos and docs name (Contoso, Fabrikam, Tailspin Toys, ...), Polish companies
/// with diacritics and legal forms, German, British, US and French ones; and the partner's staff as the
/// Microsoft 365 Agents Playground names them, one per role. Every billing profile is valid under its country's
/// rules, because people will edit them. Tenant ids are derived from the domain, so they are the same everywhere.
/// </summary>
public static class DemoData
{
    /// <summary>The Agents Playground's default tenant. The ids below keep the playground's own spelling (13 digits).</summary>
    public const string PlaygroundTenantId = "00000000-0000-0000-0000-0000000000001";

    /// <summary>Alex Wilber, the playground's current user: Sales agent.</summary>
    public const string AlexWilberId = "00000000-0000-0000-0000-0000000000020";

    /// <summary>Megan Bowen: Admin agent.</summary>
    public const string MeganBowenId = "00000000-0000-0000-0000-0000000000021";

    /// <summary>Adele Vance: Global admin.</summary>
    public const string AdeleVanceId = "00000000-0000-0000-0000-0000000000022";

    /// <summary>Isaiah Langer: Helpdesk agent.</summary>
    public const string IsaiahLangerId = "00000000-0000-0000-0000-0000000000023";

    /// <summary>Patti Fernandez: staff without any role.</summary>
    public const string PattiFernandezId = "00000000-0000-0000-0000-0000000000024";

    /// <summary>Lynne Robbins: Billing admin (the partner's own billing only). Not a playground default user.</summary>
    public const string LynneRobbinsId = "00000000-0000-0000-0000-0000000000025";

    public static IReadOnlyList<StaffMember> Staff { get; } =
    [
        new(AlexWilberId, "Alex Wilber", "alexw@example.com", [PartnerRole.SalesAgent]),
        new(MeganBowenId, "Megan Bowen", "meganb@example.com", [PartnerRole.AdminAgent]),
        new(AdeleVanceId, "Adele Vance", "adelev@example.com", [PartnerRole.GlobalAdmin]),
        new(IsaiahLangerId, "Isaiah Langer", "isaiahl@example.com", [PartnerRole.HelpdeskAgent]),
        new(PattiFernandezId, "Patti Fernandez", "pattif@example.com", []),
        new(LynneRobbinsId, "Lynne Robbins", "lynner@example.com", [PartnerRole.BillingAdmin]),
    ];

    /// <summary>The tenant id a demo customer gets for its primary domain.</summary>
    public static string CustomerIdFor(string domain) =>
        Text.StableGuid("demo/" + domain.ToLowerInvariant()).ToString();

    public static IReadOnlyList<CustomerAccount> Customers { get; } = Build();

    private static List<CustomerAccount> Build() =>
    [
        // The names Microsoft's demos use. Contoso has an Azure plan and the switch off (the "allow" demo),
        // Fabrikam has it on (the "block" demo), Tailspin Toys has no Azure plan (the refusal demo).
        Us("Contoso Ltd", "contoso", "Contoso", "Lidia", "Holloway", "4567 Main Street", "Redmond", "WA", "98052", "+1 425 555 0100", Azure.Off),
        Us("Fabrikam, Inc.", "fabrikam", "Fabrikam", "Lee", "Gu", "2000 Fourth Avenue", "Seattle", "WA", "98121", "+1 206 555 0142", Azure.On),
        Us("Tailspin Toys", "tailspintoys", null, "Grady", "Archie", "815 Harbor Street", "Portland", "OR", "97201", "+1 503 555 0187", Azure.None),
        Gb("Wingtip Toys", "wingtiptoys", null, "Oliver", "Pennington", "27 Carnaby Street", "London", "W1F 7DQ", "+44 20 7946 0321", Azure.Off),
        Us("Northwind Traders", "northwindtraders", null, "Nancy", "Davolio", "507 20th Avenue East", "Seattle", "WA", "98122", "+1 206 555 0198", Azure.On),
        Us("Adventure Works Cycles", "adventureworks", "Adventure Works", "Ken", "Sánchez", "1 Adventure Way", "Bothell", "WA", "98011", "+1 425 555 0111", Azure.Off),
        Us("Litware, Inc.", "litwareinc", "Litware", "Pradeep", "Gupta", "100 Main Street", "Cambridge", "MA", "02139", "+1 617 555 0134", Azure.None),
        Us("Woodgrove Bank", "woodgrovebank", null, "Isabella", "Moreno", "40 Wall Street", "New York", "NY", "10005", "+1 212 555 0176", Azure.On),
        Ca("Alpine Ski House", "alpineskihouse", "Émilie", "Tremblay", "4545 Blackcomb Way", "Whistler", "BC", "V8E 0X7", "+1 604 555 0149", Azure.Off),
        Us("Coho Winery", "cohowinery", null, "Marco", "Russo", "1250 Silverado Trail", "Napa", "CA", "94559", "+1 707 555 0163", Azure.None),
        Us("Proseware, Inc.", "proseware", "Proseware", "Tanya", "Brooks", "300 Congress Avenue", "Austin", "TX", "78701", "+1 512 555 0127", Azure.Off),
        Us("Fourth Coffee", "fourthcoffee", null, "Jamal", "Hartnett", "233 South Wacker Drive", "Chicago", "IL", "60606", "+1 312 555 0181", Azure.None),
        Us("Trey Research", "treyresearch", null, "Ravi", "Kapoor", "600 West Broadway", "San Diego", "CA", "92101", "+1 619 555 0145", Azure.On),
        Us("Lucerne Publishing", "lucernepublishing", null, "Eleanor", "Whitfield", "10 Beacon Street", "Boston", "MA", "02108", "+1 617 555 0192", Azure.None),
        Us("Humongous Insurance", "humongousinsurance", null, "Carlos", "Mendoza", "280 Trumbull Street", "Hartford", "CT", "06103", "+1 860 555 0158", Azure.Off),
        Us("Blue Yonder Airlines", "blueyonderairlines", null, "Samantha", "Reyes", "1600 Glenarm Place", "Denver", "CO", "80202", "+1 303 555 0139", Azure.On),

        // Poland: legal forms, diacritics, NN-NNN postal codes, +48 phones (required there), NIP numbers.
        Pl("Zakłady Mięsne Kraśnik Sp. z o.o.", "zmkrasnik", "Zakłady Mięsne Kraśnik", 715_120_334, "Bartłomiej", "Wróbel", "ul. Lubelska 48", "23-200", "Kraśnik", "+48 81 825 14 30", Azure.Off),
        Pl("Przedsiębiorstwo Handlowe Żuraw S.A.", "phzuraw", "PH Żuraw", 583_201_447, "Małgorzata", "Dąbrowska", "ul. Długa 15", "80-837", "Gdańsk", "+48 58 301 22 47", Azure.On),
        Pl("Łódzkie Zakłady Włókiennicze Textilia Sp. z o.o.", "textilialodz", "Textilia Łódź", 725_004_118, "Grzegorz", "Kaźmierczak", "ul. Piotrkowska 112", "90-006", "Łódź", "+48 42 630 15 88", Azure.None),
        Pl("Krakowska Manufaktura Czekolady Sp. z o.o.", "manufakturaczekolady", null, 676_230_915, "Zofia", "Ślusarczyk", "ul. Floriańska 22", "31-021", "Kraków", "+48 12 422 60 15", Azure.None),
        Pl("Spółdzielnia Mleczarska Warta", "smwarta", null, 778_100_236, "Jędrzej", "Nowicki", "ul. Półwiejska 32", "61-888", "Poznań", "+48 61 852 40 11", Azure.Off),
        Pl("Biuro Projektowe Odra Sp. j.", "bpodra", null, 897_155_602, "Agnieszka", "Łukaszewska", "ul. Świdnicka 8", "50-068", "Wrocław", "+48 71 344 27 90", Azure.None),
        Pl("Podkarpacka Fabryka Śrub Śrubex S.A.", "srubex", "Śrubex", 813_004_552, "Wojciech", "Sołtys", "ul. Jagiellońska 17", "35-025", "Rzeszów", "+48 17 852 33 10", Azure.Off),
        Pl("Browar Rzemieślniczy Łoś Sp. z o.o.", "browarlos", null, 542_310_877, "Krzysztof", "Żukowski", "ul. Lipowa 12", "15-427", "Białystok", "+48 85 744 19 02", Azure.None),
        Pl("Piekarnia Pod Złotym Kłosem s.c.", "zlotyklos", null, 946_220_118, "Ewa", "Kołodziej", "ul. Krakowskie Przedmieście 44", "20-002", "Lublin", "+48 81 532 70 44", Azure.None),
        Pl("Stocznia Jachtowa Bałtyk Sp. z o.o.", "stoczniabaltyk", null, 583_318_006, "Paweł", "Wiśniewski", "ul. Na Ostrowiu 1", "80-873", "Gdańsk", "+48 58 769 20 00", Azure.On),
        Pl("Kancelaria Prawna Wiśniewska i Wspólnicy Sp. k.", "kancelariawisniewska", null, 525_270_431, "Katarzyna", "Wiśniewska", "al. Jerozolimskie 65/79", "00-697", "Warszawa", "+48 22 630 45 12", Azure.None),
        Pl("Hurtownia Farmaceutyczna Zdrówko Sp. z o.o.", "zdrowko", null, 634_255_190, "Tomasz", "Gałązka", "ul. Mariacka 14", "40-014", "Katowice", "+48 32 253 71 19", Azure.Off),
        Pl("Huta Szkła Kryształ Sp. z o.o.", "hutakrysztal", null, 684_100_273, "Halina", "Szczęsna", "ul. Tysiąclecia 13", "38-400", "Krosno", "+48 13 432 18 20", Azure.None),
        Pl("Przedsiębiorstwo Transportowe Jaźwiec Sp. z o.o.", "ptjazwiec", "PT Jaźwiec", 779_231_845, "Łukasz", "Pawłowski", "ul. Dąbrowskiego 77", "60-529", "Poznań", "+48 601 234 567", Azure.Off),
        Pl("Usługi Informatyczne Bajt Łukasz Żak", "bajtrzeszow", null, 813_377_210, "Łukasz", "Żak", "ul. Rejtana 53", "35-326", "Rzeszów", "+48 602 345 678", Azure.On),
        Pl("Pierniki Toruńskie Jagódka Sp. z o.o.", "jagodka", null, 956_180_442, "Joanna", "Kwiatkowska", "ul. Szeroka 22", "87-100", "Toruń", "+48 56 622 41 30", Azure.None),
        Pl("Żegluga Przybrzeżna Gryf Sp. z o.o.", "zeglugagryf", null, 851_300_619, "Sławomir", "Wójcik", "ul. Jana z Kolna 7", "71-603", "Szczecin", "+48 91 434 28 16", Azure.Off),
        Pl("Mazurskie Centrum Medyczne Zdrowie Sp. z o.o.", "mcmzdrowie", null, 739_380_054, "Beata", "Jabłońska", "al. Piłsudskiego 40", "10-577", "Olsztyn", "+48 89 527 30 18", Azure.None),
        Pl("Świętokrzyski Zakład Energetyki Cieplnej S.A.", "szec", null, 657_260_318, "Michał", "Górecki", "ul. Sienkiewicza 60", "25-501", "Kielce", "+48 41 344 52 70", Azure.On),
        Pl("Wytwórnia Mebli Dąbrowski i Syn Sp. j.", "meblodabrowski", null, 929_170_536, "Andrzej", "Dąbrowski", "ul. Bohaterów Westerplatte 9", "65-034", "Zielona Góra", "+48 68 325 41 07", Azure.None),
        Pl("Łódzka Drukarnia Akcydensowa Sp. z o.o.", "drukarnialodz", null, 727_010_902, "Marta", "Stępień", "ul. Zielona 31", "90-604", "Łódź", "+48 42 636 92 55", Azure.Off),
        Pl("Biuro Rachunkowe Bilans Sp. z o.o.", "brbilans", null, 679_300_117, "Dorota", "Cieślak", "ul. Dietla 64", "31-039", "Kraków", "+48 12 430 11 72", Azure.None),

        // Germany: GmbH, AG, KG; umlauts and ß; five-digit postal codes.
        De("Müller & Söhne Maschinenbau GmbH", "muellersoehne", "HRB 154302", "Jürgen", "Weiß", "Maximilianstraße 12", "80539", "München", "+49 89 2154 3300", Azure.On),
        De("Bäckerei Großmann GmbH", "baeckereigrossmann", "HRB 88213", "Käthe", "Schäfer", "Schildergasse 24", "50667", "Köln", "+49 221 925 4410", Azure.None),
        De("Süßwaren Schröder KG", "suesswarenschroeder", "HRA 120455", "Björn", "Jäger", "Große Elbstraße 145", "22767", "Hamburg", "+49 40 3808 2270", Azure.Off),
        De("Fürstenberg Logistik AG", "fuerstenberglogistik", "HRB 96120", "Dörte", "Kühn", "Zeil 90", "60313", "Frankfurt am Main", "+49 69 2573 8100", Azure.On),
        De("Straßenbau Köhler GmbH & Co. KG", "strassenbaukoehler", "HRA 17734", "Günther", "Förster", "Grimmaische Straße 2", "04109", "Leipzig", "+49 341 9627 550", Azure.None),

        // United Kingdom: Ltd and plc; postcodes; Ofcom's drama number ranges.
        Gb("Harrington & Shaw Ltd", "harringtonshaw", "Harrington & Shaw", "Charlotte", "Harrington", "14 Gresham Street", "London", "EC2V 7JE", "+44 20 7946 0958", Azure.Off),
        Gb("Penrose Engineering Ltd", "penroseengineering", null, "Gareth", "Llewellyn", "3 Piccadilly Place", "Manchester", "M1 3BN", "+44 161 496 0734", Azure.None),
        Gb("Thistle & Rowan Distillers Ltd", "thistlerowan", null, "Fiona", "MacLeod", "22 Lawnmarket", "Edinburgh", "EH1 2PF", "+44 131 496 0415", Azure.On),
        Gb("Cotswold Tea Company Ltd", "cotswoldtea", null, "Henry", "Ashworth", "7 Promenade", "Cheltenham", "GL50 1LR", "+44 1632 960 123", Azure.None),
        Gb("Brackenridge Logistics plc", "brackenridge", null, "Priya", "Chaudhry", "1 City Square", "Leeds", "LS1 2ES", "+44 113 496 0287", Azure.Off),

        // France: SARL, SAS, SA; accents.
        Fr("Boulangerie Lefèvre SARL", "boulangerielefevre", "Amélie", "Lefèvre", "18 rue Oberkampf", "75011", "Paris", "+33 1 43 57 21 08", Azure.None),
        Fr("Château Bellerive SAS", "chateaubellerive", "François", "Côté", "12 quai des Chartrons", "33000", "Bordeaux", "+33 5 56 44 12 90", Azure.On),
        Fr("Atelier Mécanique Dubois SA", "ateliermecaniquedubois", "Hélène", "Dubois", "41 rue de la République", "69002", "Lyon", "+33 4 78 37 55 21", Azure.Off),
        Fr("Crèmerie de Savoie SARL", "cremeriedesavoie", "Jérôme", "Girard", "5 rue Royale", "74000", "Annecy", "+33 4 50 45 13 67", Azure.None),

        // A few more countries, so each kind of rule (six-digit PIN, Dutch postcodes, Brazilian CEP) has a customer.
        Make("IN", "en-IN", "en", "Vasudha Textiles Pvt. Ltd.", "vasudhatextiles", null, "U17120MH2009PTC191234", "Ananya", "Iyer", "Nariman Point, 21 Marine Drive", "Mumbai", null, "400021", "+91 22 2262 1234", ".in", Azure.On),
        Make("ES", "es-ES", "es", "Bodegas Peñalba S.L.", "bodegaspenalba", null, "B12345674", "Íñigo", "Muñoz", "Calle de Alcalá 45", "Madrid", null, "28014", "+34 91 523 45 67", ".es", Azure.None),
        Make("NL", "nl-NL", "nl", "Van der Berg Bloemen B.V.", "vanderbergbloemen", null, "KvK 34123456", "Sanne", "van der Berg", "Keizersgracht 123", "Amsterdam", null, "1015 CJ", "+31 20 624 1234", ".nl", Azure.Off),
        Make("IT", "it-IT", "it", "Pasticceria Bellini S.r.l.", "pasticceriabellini", null, "IT01234560157", "Giulia", "Bellini", "Via Roma 15", "Milano", null, "20121", "+39 02 8646 1234", ".it", Azure.None),
        Make("BR", "pt-BR", "pt", "Café Serra Azul Ltda.", "cafeserraazul", null, "12.345.678/0001-95", "João", "Conceição", "Avenida Paulista 1000", "São Paulo", "SP", "01310-100", "+55 11 3251 4321", ".com.br", Azure.On),
    ];

    /// <summary>The Azure plan and purchase switch of a demo customer: the switch can be on only with a plan.</summary>
    private enum Azure
    {
        None,
        Off,
        On,
    }

    private static CustomerAccount Us(string billTo, string slug, string? tenantName, string first, string last,
        string line1, string city, string state, string zip, string phone, Azure azure) =>
        Make("US", "en-US", "en", billTo, slug, tenantName, null, first, last, line1, city, state, zip, phone, ".com", azure);

    private static CustomerAccount Ca(string billTo, string slug, string first, string last,
        string line1, string city, string province, string postal, string phone, Azure azure) =>
        Make("CA", "en-CA", "en", billTo, slug, null, null, first, last, line1, city, province, postal, phone, ".ca", azure);

    private static CustomerAccount Gb(string billTo, string slug, string? tenantName, string first, string last,
        string line1, string city, string postcode, string phone, Azure azure) =>
        Make("GB", "en-GB", "en", billTo, slug, tenantName, null, first, last, line1, city, null, postcode, phone, ".co.uk", azure);

    private static CustomerAccount De(string billTo, string slug, string registration, string first, string last,
        string line1, string postal, string city, string phone, Azure azure) =>
        Make("DE", "de-DE", "de", billTo, slug, null, registration, first, last, line1, city, null, postal, phone, ".de", azure);

    private static CustomerAccount Fr(string billTo, string slug, string first, string last,
        string line1, string postal, string city, string phone, Azure azure) =>
        Make("FR", "fr-FR", "fr", billTo, slug, null, null, first, last, line1, city, null, postal, phone, ".fr", azure);

    private static CustomerAccount Pl(string billTo, string slug, string? tenantName, long nipBase, string first, string last,
        string line1, string postal, string city, string phone, Azure azure) =>
        Make("PL", "pl-PL", "pl", billTo, slug, tenantName, Text.NipFrom(nipBase), first, last, line1, city, null, postal, phone, ".pl", azure);

    private static CustomerAccount Make(
        string country,
        string culture,
        string language,
        string billTo,
        string slug,
        string? tenantName,
        string? registration,
        string first,
        string last,
        string line1,
        string city,
        string? state,
        string postal,
        string phone,
        string mailTld,
        Azure azure)
    {
        var domain = slug + ".onmicrosoft.com";
        var id = CustomerIdFor(domain);
        var email = $"{Text.Slug(first)}.{Text.Slug(last)}@{slug}{mailTld}";
        var billing = new BillingProfile(
            billTo, first, last, email, culture, language,
            new Address(line1, null, null, city, state, postal, country, phone),
            Etag: SqliteCustomerEtag.New());
        var permission = azure == Azure.On
            ? new PurchasePermission(true, Text.StableGuid("policy/" + domain).ToString())
            : new PurchasePermission(false, null);
        return new CustomerAccount(
            id,
            new CompanyProfile(id, domain, tenantName ?? billTo, registration),
            billing,
            HasAzurePlan: azure != Azure.None,
            permission);
    }
}
