using PartnerBot.Domain.Language;
using Xunit.Abstractions;

namespace PartnerBot.Domain.Tests.Language;

/// <summary>
/// A second held-out table, written on 2026-11-27 by someone who did not tune the word lists, before the
/// round that works on the rough edges reported in the cards issue. None of these phrasings may be used to
/// tune the recognizer: the figure it prints is the honest one for that round. Like the first holdout it
/// reports its accuracy and guards only against a collapse.
/// </summary>
public sealed class SecondHoldoutUtteranceTests(ITestOutputHelper output) : IDisposable
{
    private readonly DemoCustomers _customers = new();

    public void Dispose() => _customers.Dispose();

    private static readonly (string Utterance, Intent Intent, string? CustomerId)[] Holdout =
    [
        // English: purchase permission, phrased as people write in chat
        ("let the folks at Trey Research buy reserved instances themselves", Intent.AllowPurchases, "c-trey"),
        ("Margie's Travel wants to purchase their own savings plans, please enable it", Intent.AllowPurchases, "c-margie"),
        ("grant lucerne publishing self-serve purchasing", Intent.AllowPurchases, "c-lucerne"),
        ("stop wide world importers from buying reservations", Intent.RevokePurchases, "c-wideworld"),
        ("revoke self service purchases at graphic design institute", Intent.RevokePurchases, "c-graphic"),
        ("Humongous Insurance shouldn't be buying savings plans on their own", Intent.RevokePurchases, "c-humongous"),
        ("can best for you organics buy stuff on their own right now?", Intent.AskPurchaseState, "c-bestforyou"),
        ("what's the purchase setting for alpine ski house", Intent.AskPurchaseState, "c-alpine"),

        // English: history
        ("any recent edits on Litware?", Intent.History, "c-litware"),
        ("audit log for northwind traders", Intent.History, "c-northwind"),
        ("what happened to coho winery's account lately", Intent.History, "c-coho"),

        // English: update
        ("Proseware has a new billing contact, can you update it", Intent.UpdateAccount, "c-proseware"),
        ("the invoice email for woodgrove bank is wrong", Intent.UpdateAccount, "c-woodgrove"),
        ("modify adventure works postal code", Intent.UpdateAccount, "c-adventure"),
        ("open the account of blue yonder airlines", Intent.UpdateAccount, "c-blueyonder"),

        // English: help, cancel, nothing
        ("how does this work?", Intent.Help, null),
        ("what can you do for me", Intent.Help, null),
        ("never mind, forget it", Intent.Cancel, null),
        ("good morning", Intent.Greeting, null),
        ("the printer on floor 3 is jammed again", Intent.None, null),

        // Polish: purchase permission
        ("pozwól firmie Trey Research kupować rezerwacje samodzielnie", Intent.AllowPurchases, "c-trey"),
        ("włącz samodzielne zakupy dla Piekarni Świętokrzyskiej", Intent.AllowPurchases, "c-piekarnia"),
        ("Hurtownia Farmaceutyczna Gdańsk ma mieć prawo do kupowania planów oszczędnościowych", Intent.AllowPurchases, "c-gdansk"),
        ("cofnij uprawnienia do zakupów dla Bajt", Intent.RevokePurchases, "c-bajt"),
        ("niech Müller Logistik przestanie sam kupować rezerwacje", Intent.RevokePurchases, "c-muller"),
        ("czy Bäckerei Schröder może sama kupować?", Intent.AskPurchaseState, "c-schroder"),
        ("sprawdź uprawnienia zakupowe straßenbau nord", Intent.AskPurchaseState, "c-strasse"),

        // Polish: history
        ("co się ostatnio zmieniło w koncie Kowalski Transport", Intent.History, "c-kowalski"),
        ("historia zmian dla hurtowni farmaceutycznej gdansk", Intent.History, "c-gdansk"),
        ("kto coś zmieniał w Piekarnia Świętokrzyska", Intent.History, "c-piekarnia"),

        // Polish: update
        ("zmień numer telefonu firmy bajt", Intent.UpdateAccount, "c-bajt"),
        ("trzeba poprawić kod pocztowy dla Łódzkich Zakładów Włókienniczych", Intent.UpdateAccount, "c-lodz"),
        ("nowy adres e-mail do faktur dla Müller Logistik", Intent.UpdateAccount, "c-muller"),
        ("aktualizuj dane rozliczeniowe piekarni swietokrzyskiej", Intent.UpdateAccount, "c-piekarnia"),

        // Polish: help, cancel, nothing
        ("jak to działa?", Intent.Help, null),
        ("w czym możesz mi pomóc", Intent.Help, null),
        ("nieważne, zostaw to", Intent.Cancel, null),
        ("dzień dobry", Intent.Greeting, null),
        ("kiedy jest następna wypłata", Intent.None, null),
    ];

    [Fact]
    public async Task Unseen_phrasings_are_mostly_understood()
    {
        var recognizer = new RuleBasedIntentRecognizer(_customers);
        var right = 0;
        foreach (var (utterance, intent, customerId) in Holdout)
        {
            var recognition = await recognizer.RecognizeAsync(utterance, TestKeys.Read, CancellationToken.None);
            var gotCustomer = recognition.Customers.Count > 0 ? recognition.Customers[0].CustomerId : null;
            var ok = recognition.Intent == intent && (customerId is null || gotCustomer == customerId);
            right += ok ? 1 : 0;
            output.WriteLine($"{(ok ? "ok  " : "MISS")} {utterance} → {recognition.Intent} / {gotCustomer ?? "-"} (expected {intent} / {customerId ?? "-"})");
        }

        var accuracy = (double)right / Holdout.Length;
        output.WriteLine($"second holdout accuracy: {right} of {Holdout.Length} ({accuracy:P0})");
        Assert.True(accuracy >= 0.5, $"second holdout accuracy collapsed to {accuracy:P0}");
    }
}
