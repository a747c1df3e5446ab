using PartnerBot.Domain.Language;

namespace PartnerBot.Domain.Tests.Language;

/// <summary>
/// Customer names with a word the recognizer also knows as a request ("Usług" is "services", "Azure" a purchase
/// word), found by the turn benchmark: "update Zakład Usług Leśnych …" opened the purchase permission.
/// </summary>
public sealed class NameWordsTheLexiconKnowsTests : IDisposable
{
    private readonly DemoCustomers _customers = new();

    public void Dispose() => _customers.Dispose();

    [Theory]
    [InlineData("update Zakład Usług Leśnych Bór Krzysztof Rogalski", Intent.UpdateAccount, "c-zul")]
    [InlineData("zmień dane Zakad Usług Leśnych \"Bór\" Krzyzstof Rogalski", Intent.UpdateAccount, "c-zul")]
    [InlineData("Zakład Usług Leśnych Bór Krzysztof Rogalski", Intent.None, "c-zul")]
    [InlineData("historia Zakład Usług Leśnych Bór Krzysztof Rogalski", Intent.History, "c-zul")]
    [InlineData("czy Zakład Usług Leśnych Bór Krzysztof Rogalski może kupować?", Intent.AskPurchaseState, "c-zul")]
    [InlineData("zezwól Zakład Usług Leśnych Bór Krzysztof Rogalski na zakupy", Intent.AllowPurchases, "c-zul")]
    [InlineData("Zakad Poligraficzny Piasecki Sp. z o.o.", Intent.None, "c-poligraf")]
    [InlineData("Zakad Poligraficzny Piasecki", Intent.None, "c-poligraf")]
    [InlineData("zmień adres Zakad Poligraficzny Piasecki", Intent.UpdateAccount, "c-poligraf")]
    [InlineData("zakaz zakupów dla Zakład Poligraficzny Piasecki", Intent.RevokePurchases, "c-poligraf")]
    [InlineData("update Bellows Azure Services", Intent.UpdateAccount, "c-bellows")]
    [InlineData("can Bellows Azure Services buy reservations?", Intent.AskPurchaseState, "c-bellows")]
    [InlineData("turn off purchases for Bellows Azure Services Ltd", Intent.RevokePurchases, "c-bellows")]
    public async Task The_name_keeps_its_words_and_the_sentence_its_request(string utterance, Intent intent, string customerId)
    {
        var recognition = await new RuleBasedIntentRecognizer(_customers).RecognizeAsync(utterance, TestKeys.Read, CancellationToken.None);

        Assert.Equal(intent, recognition.Intent);
        Assert.Equal(customerId, recognition.Customers.Count > 0 ? recognition.Customers[0].CustomerId : null);
    }

    [Theory]
    [InlineData("Contoso phone 555 0100", Intent.UpdateAccount)]
    [InlineData("can Contoso buy Azure reservations?", Intent.AskPurchaseState)]
    public async Task A_known_word_beside_a_number_or_another_request_word_still_counts(string utterance, Intent intent) =>
        Assert.Equal(intent, (await new RuleBasedIntentRecognizer(_customers).RecognizeAsync(utterance, TestKeys.Read, CancellationToken.None)).Intent);
}
