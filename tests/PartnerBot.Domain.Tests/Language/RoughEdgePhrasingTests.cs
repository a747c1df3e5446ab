using PartnerBot.Domain.Language;

namespace PartnerBot.Domain.Tests.Language;

/// <summary>Phrasings a new user tried that the recognizer misread (issue 14, item 6), in English and Polish.</summary>
public sealed class RoughEdgePhrasingTests : IDisposable
{
    private readonly DemoCustomers _customers = new();

    public void Dispose() => _customers.Dispose();

    [Theory]
    [InlineData("Contoso should be able to buy reservations", Intent.AllowPurchases, "c-contoso")]
    [InlineData("Fabrikam must not purchase savings plans anymore", Intent.RevokePurchases, "c-fabrikam")]
    [InlineData("Fabrikam nie może już kupować rezerwacji", Intent.RevokePurchases, "c-fabrikam")]
    [InlineData("who edited Contoso", Intent.History, "c-contoso")]
    [InlineData("who edited Litware last week?", Intent.History, "c-litware")]
    [InlineData("kto ostatnio edytował Contoso", Intent.History, "c-contoso")]
    [InlineData("kto edytował Trey Research", Intent.History, "c-trey")]
    [InlineData("I'm lost", Intent.Help, null)]
    [InlineData("i am lost", Intent.Help, null)]
    [InlineData("nie wiem co robić", Intent.Help, null)]
    [InlineData("Contoso Ltd moved offices", Intent.None, "c-contoso")]
    [InlineData("Litware przeniosło biuro", Intent.None, "c-litware")]
    public async Task Is_understood(string utterance, Intent intent, string? customerId)
    {
        var recognizer = new RuleBasedIntentRecognizer(_customers);

        var recognition = await recognizer.RecognizeAsync(utterance, TestKeys.Read, CancellationToken.None);

        Assert.Equal(intent, recognition.Intent);
        Assert.Equal(customerId, recognition.Customers.Count > 0 ? recognition.Customers[0].CustomerId : null);
    }
}
