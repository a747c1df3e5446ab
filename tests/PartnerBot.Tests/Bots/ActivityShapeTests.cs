using System.Text;
using PartnerBot.Bots;

namespace PartnerBot.Tests.Bots;

/// <summary>
/// The shape check reads the body in one pass (issue 13); these are the cases a one-pass reading could get wrong
/// where reading the whole document did not: a property given twice, an escaped name, a bad string deep inside,
/// a value of the wrong kind where an object was expected, nesting at the limit.
/// </summary>
public sealed class ActivityShapeTests
{
    private const string Valid =
        """{"type":"message","id":"1","channelId":"msteams","serviceUrl":"https://smba.example/emea/","conversation":{"id":"a:1"},"recipient":{"id":"28:bot"},"from":{"id":"29:user"},"channelData":{"tenant":{"id":"t"}},"text":"pomoc"}""";

    [Fact]
    public void A_teams_message_has_no_problem()
    {
        Assert.Null(Problem(Valid));
        Assert.Null(Problem(Valid.Replace("\"from\":{\"id\":\"29:user\"}", "\"from\":null", StringComparison.Ordinal)));
    }

    [Theory]
    // A property given twice counts as its last value, as the SDK's reader takes it.
    [InlineData("""{"type":"message","type":" ","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"}}""", "no type")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"conversation":{"name":"a"},"recipient":{"id":"b"}}""", "no conversation id")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a","id":7},"recipient":{"id":"b"}}""", "no conversation id")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"},"recipient":"b"}""", "no recipient id")]
    // An id of another property's object, or inside an array, is not the conversation's.
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","recipient":{"id":"b"},"conversation":["a"]}""", "no conversation id")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"x":{"id":"a"}},"recipient":{"id":"b"}}""", "no conversation id")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":{"id":"a"}},"recipient":{"id":"b"}}""", "no conversation id")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"ftp://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"}}""", "not an http(s) URL")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"},"from":[]}""", "from must be an object")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"},"channelData":5}""", "channelData must be an object")]
    // A lone surrogate anywhere, in a value or a name, however deep.
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"},"value":{"a":[{"b":"ok \udc00"}]}}""", "not valid Unicode")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"},"entities":[{"\ud800x":1}]}""", "not valid Unicode")]
    [InlineData("""["type","message"]""", "must be a JSON object")]
    [InlineData("""{"type":"message"} {}""", "not JSON")]
    [InlineData("""{"type":"message",}""", "not JSON")]
    [InlineData("", "not JSON")]
    public void A_bad_shape_is_named(string body, string problem) =>
        Assert.Contains(problem, Problem(body), StringComparison.Ordinal);

    [Fact]
    public void Names_are_matched_after_unescaping_and_a_surrogate_pair_is_text()
    {
        var escaped = Valid.Replace("\"type\"", "\"typ\\u0065\"", StringComparison.Ordinal).Replace("pomoc", "\\ud83d\\ude00 pomoc", StringComparison.Ordinal);
        Assert.Null(Problem(escaped));
        Assert.Contains("no type", Problem(escaped.Replace("\"typ\\u0065\":\"message\"", "\"typ\\u0065\":\"\"", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_wherever_they_are()
    {
        var body = Encoding.UTF8.GetBytes(Valid.Replace("pomoc", "po#moc", StringComparison.Ordinal));
        body[Array.IndexOf(body, (byte)'#')] = 0xC3; // a lead byte without its continuation
        Assert.NotNull(ActivityShape.Problem(body));
        Assert.Null(ActivityShape.Problem(Encoding.UTF8.GetBytes(Valid.Replace("pomoc", "pomóc łąka", StringComparison.Ordinal))));
    }

    [Fact]
    public void Nesting_is_allowed_to_64_levels_and_no_deeper()
    {
        string Nested(int depth) => Valid.Replace("\"pomoc\"", string.Concat(Enumerable.Repeat("[", depth - 1)) + string.Concat(Enumerable.Repeat("]", depth - 1)), StringComparison.Ordinal);
        Assert.Null(Problem(Nested(64)));
        Assert.Contains("not JSON", Problem(Nested(65)), StringComparison.Ordinal);
    }

    private static string? Problem(string body) => ActivityShape.Problem(Encoding.UTF8.GetBytes(body));
}
