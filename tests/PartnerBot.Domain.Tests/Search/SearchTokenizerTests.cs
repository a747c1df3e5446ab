using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

public class SearchTokenizerTests
{
    [Theory]
    [InlineData("Zakłady Mięsne Kowalski Sp. z o.o.", "zaklady miesne kowalski")]
    [InlineData("Nowak i Wspólnicy sp. j.", "nowak wspolnicy")]
    [InlineData("Förster e.K.", "forster")]
    [InlineData("Studio 2 s.c.", "studio 2")]
    [InlineData("Orlen S.A.", "orlen")]
    [InlineData("Müller Logistik GmbH & Co. KG", "muller logistik")]
    [InlineData("Siemens AG", "siemens")]
    [InlineData("Contoso Ltd", "contoso")]
    [InlineData("Fabrikam Limited", "fabrikam")]
    [InlineData("Tailspin Toys, Inc.", "tailspin toys")]
    [InlineData("Northwind LLC", "northwind")]
    [InlineData("Renault S.A.S.", "renault")]
    [InlineData("Boulangerie Dupont SARL", "boulangerie dupont")]
    [InlineData("Tesco plc", "tesco")]
    [InlineData("Spółka Akcyjna Budimex", "budimex")]
    public void Drops_legal_forms(string name, string expected) =>
        Assert.Equal(expected, string.Join(' ', SearchTokenizer.NameTokens(name)));

    [Fact]
    public void A_name_of_nothing_but_legal_forms_keeps_them() =>
        Assert.Equal(["s", "a"], SearchTokenizer.NameTokens("S.A."));

    [Theory]
    [InlineData("contoso.onmicrosoft.com", "contoso")]
    [InlineData("www.kowalski-transport.pl", "kowalski transport")]
    [InlineData("muller.de", "muller")]
    public void Domain_tokens_drop_tlds_and_onmicrosoft(string domain, string expected) =>
        Assert.Equal(expected, string.Join(' ', SearchTokenizer.DomainTokens(domain)));

    [Theory]
    [InlineData("contoso.onmicrosoft.com", "contoso")]
    [InlineData("www.Kowalski-Transport.pl", "kowalskitransport")]
    [InlineData("localhost", "localhost")]
    [InlineData("", "")]
    public void Domain_key_is_the_folded_first_label(string domain, string expected) =>
        Assert.Equal(expected, SearchTokenizer.DomainKey(domain));
}
