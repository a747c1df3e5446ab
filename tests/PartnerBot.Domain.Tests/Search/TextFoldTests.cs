using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

public class TextFoldTests
{
    [Theory]
    [InlineData("Łódź", "lodz")]
    [InlineData("ŁÓDŹ", "lodz")]
    [InlineData("Zakłady Mięsne", "zaklady miesne")]
    [InlineData("ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ", "acelnoszz acelnoszz")]
    [InlineData("Straße", "strasse")]
    [InlineData("Müller", "muller")]
    [InlineData("Café Société", "cafe societe")]
    [InlineData("Façade", "facade")]
    [InlineData("Søndergård", "sondergard")]
    [InlineData("Æbeltoft", "aebeltoft")]
    [InlineData("Œuvre", "oeuvre")]
    [InlineData("Đurđević", "durdevic")]
    [InlineData("Þór", "thor")]
    [InlineData("Ñandú", "nandu")]
    [InlineData("Dvořák Černý", "dvorak cerny")]
    [InlineData("Tiếng Việt", "tieng viet")]
    public void Folds_case_and_accents_including_letters_unicode_does_not_decompose(string text, string expected) =>
        Assert.Equal(expected, TextFold.Fold(text));

    [Fact]
    public void Folds_umlauts_to_digraphs_on_request()
    {
        Assert.Equal("mueller", TextFold.Fold("Müller", umlautsAsDigraphs: true));
        Assert.Equal("goeteborg aerzte", TextFold.Fold("Göteborg Ärzte", umlautsAsDigraphs: true));
        Assert.Equal("lodz", TextFold.Fold("Łódź", umlautsAsDigraphs: true));
    }

    [Theory]
    [InlineData("  Kowalski &  Syn -- (Kraków)!  ", "kowalski syn krakow")]
    [InlineData("Handlowo-Usługowe", "handlowo uslugowe")]
    [InlineData("Sp. z o.o.", "sp z o o")]
    [InlineData("O'Brien McDonald’s", "obrien mcdonalds")]
    [InlineData("contoso.onmicrosoft.com", "contoso onmicrosoft com")]
    [InlineData("", "")]
    [InlineData("...", "")]
    [InlineData(null, "")]
    public void Punctuation_separates_apostrophes_join(string? text, string expected) =>
        Assert.Equal(expected, TextFold.Fold(text));

    [Fact]
    public void Other_scripts_are_kept_lower_cased() =>
        Assert.Equal("москва αθηνα", TextFold.Fold("Москва ΑΘΗΝΑ"));
}
