using PartnerBot.Domain.Search;

namespace PartnerBot.Domain.Tests.Search;

public class EditDistanceTests
{
    [Theory]
    [InlineData("kowalski", "kowalski", 0)]
    [InlineData("kowalski", "kowalsky", 1)]
    [InlineData("kowalski", "kowlaski", 1)]
    [InlineData("kowalski", "kowalsk", 1)]
    [InlineData("kowalski", "kowallski", 1)]
    [InlineData("kowalski", "kwlaski", 2)]
    [InlineData("ca", "abc", 3)]
    [InlineData("", "abc", 3)]
    public void Counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Osa(a, b, 5));

    [Fact]
    public void Stops_at_max_plus_one()
    {
        Assert.Equal(3, EditDistance.Osa("kowalski", "nowak", 2));
        Assert.Equal(2, EditDistance.Osa("abcdef", "abcxyz", 1));
    }
}
