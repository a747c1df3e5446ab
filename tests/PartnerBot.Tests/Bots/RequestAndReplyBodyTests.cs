using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Bots;
using PartnerBot.Cards;

namespace PartnerBot.Tests.Bots;

/// <summary>
/// The request is read and the reply written with pooled buffers instead of the SDK's per-request streams (issue 13):
/// what the channel receives must stay what the SDK's own writer sends, byte for byte, and what the bot reads what
/// the SDK's own reader reads, whatever the sizes and the text.
/// </summary>
public sealed class RequestAndReplyBodyTests
{
    private const string Valid =
        """{"type":"message","id":"1","channelId":"msteams","serviceUrl":"https://smba.example/emea/","conversation":{"id":"a:1"},"recipient":{"id":"28:bot"},"from":{"id":"29:user","name":"Łucja Żółć"},"channelData":{"tenant":{"id":"t"}},"text":"zmień dane Spółdzielnia 😀"}""";

    public static TheoryData<int> TextLengths => [0, 10, 3_000, 20_000, 100_000];

    [Theory]
    [MemberData(nameof(TextLengths))]
    public async Task A_reply_is_the_bytes_the_SDK_writes(int textLength)
    {
        // Non-ASCII, surrogate pairs and a lone surrogate, across StringBuilder chunk boundaries when long.
        var text = string.Concat(Enumerable.Repeat("Zażółć gęślą jaźń 😀 ", textLength / 20 + 1))[..textLength] + "\ud800 end";
        var card = AdaptiveCard.Saying([text, "Konto: Spółka z o.o. \"cytat\" <b>&"]);
        var replies = new ExpectedReplies
        {
            Activities =
            [
                new Activity { Type = ActivityTypes.Message, Text = text, Locale = "pl-PL", Timestamp = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.FromHours(1)) },
                new Activity { Type = ActivityTypes.Message, Attachments = [new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = card.ToRaw() }] },
            ],
        };
        var response = new InvokeResponse { Status = 200, Body = replies };

        var (sdkStatus, sdkType, sdkBytes) = await WrittenAsync(r => HttpHelper.WriteResponseAsync(r, response));
        var (status, type, bytes) = await WrittenAsync(r => ReplyBody.WriteAsync(r, response, CancellationToken.None));

        Assert.Equal(sdkStatus, status);
        Assert.Equal(sdkType, type);
        Assert.Equal(sdkBytes, bytes);
        Assert.Contains("Spółka z o.o.", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        // Again on the same thread, with the kept builder: nothing of the first reply is left in the second.
        var (_, _, again) = await WrittenAsync(r => ReplyBody.WriteAsync(r, new InvokeResponse { Status = 200, Body = new ExpectedReplies { Activities = [] } }, CancellationToken.None));
        var (_, _, sdkAgain) = await WrittenAsync(r => HttpHelper.WriteResponseAsync(r, new InvokeResponse { Status = 200, Body = new ExpectedReplies { Activities = [] } }));
        Assert.Equal(sdkAgain, again);
    }

    [Fact]
    public async Task No_invoke_response_is_200_with_no_body_and_a_status_without_a_body_is_kept()
    {
        var (status, _, bytes) = await WrittenAsync(r => ReplyBody.WriteAsync(r, null, CancellationToken.None));
        Assert.Equal(200, status);
        Assert.Empty(bytes);

        (status, _, bytes) = await WrittenAsync(r => ReplyBody.WriteAsync(r, new InvokeResponse { Status = 501 }, CancellationToken.None));
        Assert.Equal(501, status);
        Assert.Empty(bytes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_is_read_whole_in_small_pieces_with_or_without_a_length(bool declared)
    {
        var json = Valid.Replace("zmień dane", string.Concat(Enumerable.Repeat("długi tekst ", 2_000)), StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(json);
        using var body = await ActivityShape.TryReadAsync(new TrickleStream(bytes, 777), declared ? bytes.Length : null, CancellationToken.None);
        Assert.NotNull(body);
        Assert.Equal(bytes, body.Bytes.ToArray());

        // A Content-Length smaller than the body does not cut it.
        using var longer = await ActivityShape.TryReadAsync(new TrickleStream(bytes, 4_096), 100, CancellationToken.None);
        Assert.Equal(bytes, longer!.Bytes.ToArray());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_even_when_it_claims_to_be_small()
    {
        var bytes = new byte[ActivityShape.MaxBytes + 1];
        Assert.Null(await ActivityShape.TryReadAsync(new TrickleStream(bytes, 8_192), 10, CancellationToken.None));
        using var atLimit = await ActivityShape.TryReadAsync(new TrickleStream(bytes[..ActivityShape.MaxBytes], 8_192), null, CancellationToken.None);
        Assert.Equal(ActivityShape.MaxBytes, atLimit!.Bytes.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_activity_is_what_the_SDK_reads(bool byteOrderMark)
    {
        var bytes = Encoding.UTF8.GetBytes(Valid);
        if (byteOrderMark)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }

        var (activity, problem) = ActivityShape.Deserialize(bytes);
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(bytes);
        var sdk = await HttpHelper.ReadRequestAsync<Activity>(context.Request);

        Assert.Null(problem);
        Assert.Equal("zmień dane Spółdzielnia 😀", activity!.Text);
        Assert.Equal(JObject.FromObject(sdk, HttpHelper.BotMessageSerializer).ToString(), JObject.FromObject(activity, HttpHelper.BotMessageSerializer).ToString());
    }

    private static async Task<(int Status, string? ContentType, byte[] Body)> WrittenAsync(Func<HttpResponse, Task> write)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await write(context.Response);
        return (context.Response.StatusCode, context.Response.ContentType, body.ToArray());
    }

    /// <summary>A request body that arrives a few bytes at a time, as a socket may give it.</summary>
    private sealed class TrickleStream(byte[] bytes, int piece) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
