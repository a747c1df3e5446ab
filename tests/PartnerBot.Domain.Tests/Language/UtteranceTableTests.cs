using System.Globalization;
using PartnerBot.Domain.Language;
using Xunit.Abstractions;

namespace PartnerBot.Domain.Tests.Language;

/// <summary>
/// What people type, in English and Polish, with typos, missing diacritics and Polish case endings, and
/// what the bot should make of it: the intent and the customer it should offer first.
/// </summary>
public sealed class UtteranceTableTests(ITestOutputHelper output) : IDisposable
{
    private const double RequiredAccuracy = 0.95;

    private readonly DemoCustomers _customers = new();

    /// <summary>Utterance, intent, the customer offered first (null: none).</summary>
    private static readonly (string Utterance, Intent Intent, string? CustomerId)[] English =
    [
        ("allow Contoso to buy its own products", Intent.AllowPurchases, "c-contoso"),
        ("let fabrikam purchase reservations", Intent.AllowPurchases, "c-fabrikam"),
        ("turn off purchasing for Tailspin", Intent.RevokePurchases, "c-tailspin"),
        ("can Contoso buy savings plans?", Intent.AskPurchaseState, "c-contoso"),
        ("history for contoso.onmicrosoft.com", Intent.History, "c-contoso"),
        ("enable purchases for Wingtip Toys", Intent.AllowPurchases, "c-wingtip"),
        ("alow Northwind to purchse reservations", Intent.AllowPurchases, "c-northwind"),
        ("please turn on self-serve purchases for Adventure Works", Intent.AllowPurchases, "c-adventure"),
        ("permit Alpine Ski House to buy azure savings plans", Intent.AllowPurchases, "c-alpine"),
        ("can you let zaklady miesne krasnik buy reservations?", Intent.AllowPurchases, "c-zaklady"),
        ("turn purchases on for Humongous Insurance", Intent.AllowPurchases, "c-humongous"),
        ("give Litware permission to buy reservations", Intent.AllowPurchases, "c-litware"),
        ("revoke purchase permission for Fabrikam", Intent.RevokePurchases, "c-fabrikam"),
        ("block purchases for Fabrikam Inc.", Intent.RevokePurchases, "c-fabrikam"),
        ("stop Woodgrove Bank from buying reservations", Intent.RevokePurchases, "c-woodgrove"),
        ("disable self-service purchasing for fourth cofee", Intent.RevokePurchases, "c-fourth"),
        ("don't let Tailspin buy reservations anymore", Intent.RevokePurchases, "c-tailspin"),
        ("remove Litware's purchase permission", Intent.RevokePurchases, "c-litware"),
        ("could you switch off purchasing for Graphic Design Institute", Intent.RevokePurchases, "c-graphic"),
        ("is Trey Research allowed to buy reservations?", Intent.AskPurchaseState, "c-trey"),
        ("may Proseware purchase savings plans", Intent.AskPurchaseState, "c-proseware"),
        ("does Blue Yonder Airlines have purchase permission?", Intent.AskPurchaseState, "c-blueyonder"),
        ("purchase status for Coho Winery", Intent.AskPurchaseState, "c-coho"),
        ("Is purchasing enabled for tailspintoys.onmicrosoft.com?", Intent.AskPurchaseState, "c-tailspin"),
        ("show history for Wide World Importers", Intent.History, "c-wideworld"),
        ("what changed on Contoso last week?", Intent.History, "c-contoso"),
        ("audit log for Lucerne Publishing", Intent.History, "c-lucerne"),
        ("hisotry northwind", Intent.History, "c-northwind"),
        ("what did we change at Wingtip?", Intent.History, "c-wingtip"),
        ("update Contoso's billing e-mail", Intent.UpdateAccount, "c-contoso"),
        ("change the billing address for Fabrikam", Intent.UpdateAccount, "c-fabrikam"),
        ("edit Margie's Travel phone number", Intent.UpdateAccount, "c-margie"),
        ("modify account details for Muller Logistik", Intent.UpdateAccount, "c-muller"),
        ("update the phone number of Alpine Ski House", Intent.UpdateAccount, "c-alpine"),
        ("help", Intent.Help, null),
        ("what can you do?", Intent.Help, null),
        ("cancel", Intent.Cancel, null),
        ("never mind", Intent.Cancel, null),
        ("start over", Intent.StartOver, null),
        ("hi there", Intent.Greeting, null),
        ("hello", Intent.Greeting, null),
        ("allow Best For You Organics to buy reservations", Intent.AllowPurchases, "c-bestforyou"),
        ("let Tailspin Toys not buy reservations", Intent.RevokePurchases, "c-tailspin"),
        ("change Contoso's e-mail to jan@contoso.pl", Intent.UpdateAccount, "c-contoso"),
        ("what's the weather in Seattle?", Intent.None, null),
        ("tell me a joke", Intent.None, null),
    ];

    private static readonly (string Utterance, Intent Intent, string? CustomerId)[] Polish =
    [
        ("zezwól Contoso na samodzielne zakupy", Intent.AllowPurchases, "c-contoso"),
        ("wyłącz zakupy dla Fabrikam", Intent.RevokePurchases, "c-fabrikam"),
        ("czy Zakłady Mięsne mogą kupować?", Intent.AskPurchaseState, "c-zaklady"),
        ("historia Contoso", Intent.History, "c-contoso"),
        ("zezwol contoso na zakupy", Intent.AllowPurchases, "c-contoso"),
        ("pozwól Northwind kupować rezerwacje", Intent.AllowPurchases, "c-northwind"),
        ("włącz zakupy dla Tailspin Toys", Intent.AllowPurchases, "c-tailspin"),
        ("wlacz zakupy dla wingtip", Intent.AllowPurchases, "c-wingtip"),
        ("odblokuj zakupy dla klienta Adventure Works", Intent.AllowPurchases, "c-adventure"),
        ("nadaj Alpine Ski House uprawnienia do zakupu własnych produktów", Intent.AllowPurchases, "c-alpine"),
        ("zezwul Fabrikamowi na zakupy", Intent.AllowPurchases, "c-fabrikam"),
        ("włącz samodzielne zakupy dla Zakładów Mięsnych", Intent.AllowPurchases, "c-zaklady"),
        ("wylacz zakupy dla Fabrikam", Intent.RevokePurchases, "c-fabrikam"),
        ("zablokuj zakupy klientowi Woodgrove Bank", Intent.RevokePurchases, "c-woodgrove"),
        ("cofnij uprawnienia do zakupów dla Litware", Intent.RevokePurchases, "c-litware"),
        ("zabroń firmie Proseware samodzielnych zakupów", Intent.RevokePurchases, "c-proseware"),
        ("nie pozwalaj Trey Research kupować planów oszczędnościowych", Intent.RevokePurchases, "c-trey"),
        ("wylącz zakupy dla Tailspn", Intent.RevokePurchases, "c-tailspin"),
        ("zablokój zakupy dla Müller Logistik", Intent.RevokePurchases, "c-muller"),
        ("czy Contoso moze kupowac rezerwacje?", Intent.AskPurchaseState, "c-contoso"),
        ("czy zaklady miesne krasnik maja wlaczone zakupy", Intent.AskPurchaseState, "c-zaklady"),
        ("czy Fabrikam ma uprawnienia do zakupów?", Intent.AskPurchaseState, "c-fabrikam"),
        ("jaki jest stan zakupów dla Coho Winery?", Intent.AskPurchaseState, "c-coho"),
        ("czy Wingtip Toys moga kupowac plany oszczednosciowe", Intent.AskPurchaseState, "c-wingtip"),
        ("historia zmian dla Wide World Importers", Intent.History, "c-wideworld"),
        ("pokaż historię Łódzkie Zakłady Włókiennicze", Intent.History, "c-lodz"),
        ("co zmieniono u Kowalskiego?", Intent.History, "c-kowalski"),
        ("historia zmian zmkrasnik.onmicrosoft.com", Intent.History, "c-zaklady"),
        ("zmiany Northwind", Intent.History, "c-northwind"),
        ("histroia piekarni swietokrzyskiej", Intent.History, "c-piekarnia"),
        ("zaktualizuj dane rozliczeniowe Contoso", Intent.UpdateAccount, "c-contoso"),
        ("zmień adres firmy Fabrikam", Intent.UpdateAccount, "c-fabrikam"),
        ("edytuj telefon dla Nowak", Intent.UpdateAccount, "c-nowak"),
        ("popraw dane klienta Bäckerei Schröder", Intent.UpdateAccount, "c-schroder"),
        ("zaktualizuj Usługi Informatyczne Bajt", Intent.UpdateAccount, "c-bajt"),
        ("pomoc", Intent.Help, null),
        ("co umiesz?", Intent.Help, null),
        ("anuluj", Intent.Cancel, null),
        ("zacznij od nowa", Intent.StartOver, null),
        ("cześć", Intent.Greeting, null),
        ("dzien dobry", Intent.Greeting, null),
        ("niech Fabrikam kupuje rezerwacje", Intent.AllowPurchases, "c-fabrikam"),
        ("niech Fabrikam nie kupuje rezerwacji", Intent.RevokePurchases, "c-fabrikam"),
        ("co zmieniono w Zakładach Mięsnych?", Intent.History, "c-zaklady"),
        ("zmień e-mail rozliczeniowy Contoso na jan@contoso.pl", Intent.UpdateAccount, "c-contoso"),
        ("jaka jest pogoda w Krakowie?", Intent.None, null),
        ("opowiedz dowcip", Intent.None, null),
    ];

    public static TheoryData<string, Intent, string> IssueExamples => new()
    {
        { "allow Contoso to buy its own products", Intent.AllowPurchases, "Contoso" },
        { "let fabrikam purchase reservations", Intent.AllowPurchases, "fabrikam" },
        { "turn off purchasing for Tailspin", Intent.RevokePurchases, "Tailspin" },
        { "can Contoso buy savings plans?", Intent.AskPurchaseState, "Contoso" },
        { "zezwól Contoso na samodzielne zakupy", Intent.AllowPurchases, "Contoso" },
        { "wyłącz zakupy dla Fabrikam", Intent.RevokePurchases, "Fabrikam" },
        { "czy Zakłady Mięsne mogą kupować?", Intent.AskPurchaseState, "Zakłady Mięsne" },
        { "historia Contoso", Intent.History, "Contoso" },
        { "history for contoso.onmicrosoft.com", Intent.History, "contoso.onmicrosoft.com" },
    };

    public void Dispose() => _customers.Dispose();

    [Fact]
    public void The_table_is_half_Polish_half_English_and_at_least_sixty_lines()
    {
        Assert.True(English.Length + Polish.Length >= 60);
        Assert.InRange(English.Length, Polish.Length - 2, Polish.Length + 2);
        Assert.Contains(English, row => row.Intent == Intent.None);
        Assert.Contains(Polish, row => row.Intent == Intent.None);
    }

    [Fact]
    public async Task Understands_at_least_95_percent_of_the_table()
    {
        var recognizer = new RuleBasedIntentRecognizer(_customers);
        var rows = English.Select(r => (Language: "en", r.Utterance, r.Intent, r.CustomerId))
            .Concat(Polish.Select(r => (Language: "pl", r.Utterance, r.Intent, r.CustomerId)))
            .ToList();

        var right = 0;
        foreach (var row in rows)
        {
            var recognition = await recognizer.RecognizeAsync(row.Utterance, TestKeys.Read, CancellationToken.None);
            var customer = recognition.Customers.Count > 0 ? recognition.Customers[0].CustomerId : null;
            if (recognition.Intent == row.Intent && customer == row.CustomerId)
            {
                right++;
            }
            else
            {
                output.WriteLine(
                    $"MISS [{row.Language}] \"{row.Utterance}\": expected {row.Intent} {row.CustomerId ?? "-"}, "
                    + $"got {recognition.Intent} {customer ?? "-"} (mention \"{recognition.CustomerMention}\")");
            }
        }

        var accuracy = (double)right / rows.Count;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"Accuracy: {right}/{rows.Count} = {accuracy:P1} (required {RequiredAccuracy:P0})"));
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P1} is below {RequiredAccuracy:P0}");
    }

    [Theory]
    [MemberData(nameof(IssueExamples))]
    public async Task The_issue_examples_give_the_intent_and_the_mention_as_typed(string utterance, Intent intent, string mention)
    {
        var recognition = await new RuleBasedIntentRecognizer(_customers).RecognizeAsync(utterance, TestKeys.Read, CancellationToken.None);

        Assert.Equal(intent, recognition.Intent);
        Assert.Equal(mention, recognition.CustomerMention);
        Assert.NotEmpty(recognition.Customers);
    }
}
