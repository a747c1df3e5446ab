using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PartnerBot.Bots;
using PartnerBot.Cards;

namespace PartnerBot.Tests.Bots;

/// <summary>
/// A press's answer is kept in the activity ledger as text, and a press delivered again (maybe to another instance,
/// maybe to one still running the previous build) is answered from it. The text is now written with a kept
/// serializer and builder (issue 13), so it must stay what JsonConvert.SerializeObject wrote, for every answer
/// shape the bot gives, and read back as the same answer.
/// </summary>
public sealed class LedgerAnswerTests
{
    private static readonly string[] ShapeNames = ["card as tree", "card as written JSON", "message", "status only", "huge card", "no body"];

    public static TheoryData<string> Shapes => [.. ShapeNames];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_kept_answer_is_the_text_JsonConvert_writes_and_reads_back_the_same(string shape)
    {
        var answer = Answer(shape);

        var written = LedgerAnswer.Write(answer);

        Assert.Equal(JsonConvert.SerializeObject(answer), written);
        // Read back as a retried press reads it: the same answer (a card written as raw JSON comes back as a tree).
        var readBack = JsonConvert.DeserializeObject<InvokeResponse>(written);
        Assert.True(JToken.DeepEquals(JToken.Parse(written), JToken.Parse(JsonConvert.SerializeObject(readBack))), written);
    }

    [Fact]
    public void Nothing_of_a_large_answer_is_left_in_the_next_one_on_the_same_thread()
    {
        foreach (var shape in new[] { "huge card", "card as tree", "status only", "card as written JSON", "no body", "message" })
        {
            var answer = Answer(shape);
            Assert.Equal(JsonConvert.SerializeObject(answer), LedgerAnswer.Write(answer));
        }
    }

    [Fact]
    public async Task Answers_written_at_once_on_several_threads_are_each_their_own()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var answer = Answer(ShapeNames[i % ShapeNames.Length]);
            return (Expected: JsonConvert.SerializeObject(answer), Written: LedgerAnswer.Write(answer));
        })));

        Assert.All(results, r => Assert.Equal(r.Expected, r.Written));
    }

    private static InvokeResponse Answer(string shape)
    {
        var card = AdaptiveCard.Saying(["Konto: Spółdzielnia Mleczarska \"Łąka\" <b>&", "Zażółć gęślą jaźń 😀 \ud800", "Account updated"]);
        return shape switch
        {
            "card as tree" => new InvokeResponse { Status = 200, Body = CardActionReply.Answer(CardActionReply.Content(card)) },
            "card as written JSON" => new InvokeResponse { Status = 200, Body = CardActionReply.Answer(card.ToRaw()) },
            "message" => new InvokeResponse
            {
                Status = 200,
                Body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = "Rozmowa zmieniła się w międzyczasie. Spróbuj jeszcze raz." },
            },
            "status only" => new InvokeResponse { Status = 400 },
            "huge card" => new InvokeResponse
            {
                Status = 200,
                Body = CardActionReply.Answer(CardActionReply.Content(AdaptiveCard.Saying(Enumerable.Range(0, 2_000).Select(i => $"Wiersz {i}: Przedsiębiorstwo Handlowe „Żuraw” sp. j.")))),
            },
            "no body" => new InvokeResponse { Status = 200, Body = null },
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }
}
