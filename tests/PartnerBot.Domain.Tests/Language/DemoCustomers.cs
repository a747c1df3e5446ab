using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Domain.Tests.Language;

/// <summary>
/// A directory over the real search index with customers like the demo data: English, Polish and German
/// names, look-alikes ("Contoso Polska", "Fabrikam Polska") so that a mention has to pick the right one.
/// </summary>
internal sealed class DemoCustomers : ICustomerDirectory, IDisposable
{
    private readonly CustomerSearchIndex _index = new(
    [
        new("c-contoso", "Contoso Ltd", "contoso.onmicrosoft.com"),
        new("c-contoso-pl", "Contoso Polska Sp. z o.o.", "contosopl.onmicrosoft.com"),
        new("c-fabrikam", "Fabrikam, Inc.", "fabrikam.onmicrosoft.com"),
        new("c-fabrikam-pl", "Fabrikam Polska Sp. z o.o.", "fabrikampl.onmicrosoft.com"),
        new("c-tailspin", "Tailspin Toys, Inc.", "tailspintoys.onmicrosoft.com"),
        new("c-wingtip", "Wingtip Toys", "wingtiptoys.onmicrosoft.com"),
        new("c-northwind", "Northwind Traders", "northwindtraders.onmicrosoft.com"),
        new("c-adventure", "Adventure Works Cycles", "adventureworks.onmicrosoft.com"),
        new("c-alpine", "Alpine Ski House", "alpineskihouse.onmicrosoft.com"),
        new("c-fourth", "Fourth Coffee", "fourthcoffee.onmicrosoft.com"),
        new("c-litware", "Litware, Inc.", "litware.onmicrosoft.com"),
        new("c-proseware", "Proseware, Inc.", "proseware.onmicrosoft.com"),
        new("c-trey", "Trey Research", "treyresearch.onmicrosoft.com"),
        new("c-woodgrove", "Woodgrove Bank", "woodgrovebank.onmicrosoft.com"),
        new("c-blueyonder", "Blue Yonder Airlines", "blueyonder.onmicrosoft.com"),
        new("c-coho", "Coho Winery", "cohowinery.onmicrosoft.com"),
        new("c-wideworld", "Wide World Importers", "wideworldimporters.onmicrosoft.com"),
        new("c-lucerne", "Lucerne Publishing", "lucernepublishing.onmicrosoft.com"),
        new("c-margie", "Margie's Travel", "margiestravel.onmicrosoft.com"),
        new("c-humongous", "Humongous Insurance", "humongousinsurance.onmicrosoft.com"),
        new("c-bestforyou", "Best For You Organics Company", "bestforyouorganics.onmicrosoft.com"),
        new("c-graphic", "Graphic Design Institute", "graphicdesigninstitute.onmicrosoft.com"),
        new("c-zaklady", "Zakłady Mięsne Kraśnik Sp. z o.o.", "zmkrasnik.onmicrosoft.com"),
        new("c-lodz", "Łódzkie Zakłady Włókiennicze S.A.", "lzw.pl"),
        new("c-nowak", "Przedsiębiorstwo Handlowo-Usługowe Nowak", "phunowak.pl"),
        new("c-kowalski", "Kowalski Transport Międzynarodowy sp. j.", "kowalski-transport.pl"),
        new("c-bajt", "Usługi Informatyczne Bajt Łukasz Żak", "bajtrzeszow.pl"),
        new("c-piekarnia", "Piekarnia Świętokrzyska Sp. z o.o.", "piekarnia-sk.pl"),
        new("c-gdansk", "Hurtownia Farmaceutyczna Gdańsk S.A.", "hfgdansk.pl"),
        new("c-muller", "Müller Logistik GmbH & Co. KG", "mueller-logistik.de"),
        new("c-schroder", "Bäckerei Schröder GmbH", "baeckerei-schroeder.de"),
        new("c-strasse", "Straßenbau Nord AG", "strassenbau-nord.de"),
        new("c-zul", "Zakład Usług Leśnych \"Bór\" Krzysztof Rogalski", "zulrogalski.pl"),
        new("c-bellows", "Bellows Azure Services Ltd", "bellowsazure.onmicrosoft.com"),
        new("c-poligraf", "Zakład Poligraficzny Piasecki Sp. z o.o.", "zpiasecki.pl"),
    ]);

    public Task<IReadOnlyList<CustomerMatch>> SearchAsync(AuthorizedRead read, string query, int top, CancellationToken cancellationToken) =>
        Task.FromResult(_index.Search(query, top));

    public Task<CustomerAccount?> GetAccountAsync(AuthorizedRead read, string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<CustomerAccount?>(null);

    public void Dispose() => _index.Dispose();
}
