using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs.Tests;

/// <summary>
/// A press read one property at a time (without copying the card's data) answers what the copy in
/// <see cref="UniversalAction.Data"/> answers: the verb wins over a "verb" the card sent, in any case.
/// </summary>
public class UniversalActionTests
{
    public static TheoryData<string, string, StringComparison> Reads => new()
    {
        { "{\"choice\": \"2\"}", "choice", StringComparison.Ordinal },
        { "{\"Choice\": \"2\"}", "choice", StringComparison.OrdinalIgnoreCase },
        { "{\"Choice\": \"2\"}", "choice", StringComparison.Ordinal },
        { "{\"verb\": \"forged\", \"x\": 1}", "verb", StringComparison.Ordinal },
        { "{\"VERB\": \"forged\"}", "Verb", StringComparison.OrdinalIgnoreCase },
        { "{\"vErb\": \"forged\", \"verb\": \"also forged\"}", "VERB", StringComparison.OrdinalIgnoreCase },
        { "{}", "VERB", StringComparison.OrdinalIgnoreCase },
        { "{}", "confirm", StringComparison.OrdinalIgnoreCase },
        { "{\"confirm\": {\"nested\": true}}", "confirm", StringComparison.Ordinal },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void A_property_read_alone_is_the_one_the_data_copy_holds(string dataJson, string name, StringComparison comparison)
    {
        var press = DialogHarness.Execute("review", dataJson);

        var copy = UniversalAction.Data(press)!.GetValue(name, comparison);
        var read = UniversalAction.Property(press, name, comparison);

        Assert.True(JToken.DeepEquals(copy, read), $"copy {copy}, read {read}");
        Assert.True(UniversalAction.IsWellFormed(press));
    }

    [Fact]
    public void A_press_without_data_or_not_an_execute_reads_as_the_copy_does()
    {
        var withoutData = new Activity(ActivityTypes.Invoke)
        {
            Name = UniversalAction.InvokeName,
            Value = new JObject { ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = "refresh" } },
        };
        Assert.Equal("refresh", (string?)UniversalAction.Property(withoutData, "verb", StringComparison.Ordinal));
        Assert.Null(UniversalAction.Property(withoutData, "choice", StringComparison.Ordinal));

        var submit = DialogHarness.Execute("review", "{\"choice\": \"1\"}", type: "Action.Submit");
        Assert.Null(UniversalAction.Data(submit));
        Assert.False(UniversalAction.IsWellFormed(submit));
        Assert.Null(UniversalAction.Property(submit, "choice", StringComparison.Ordinal));
    }
}
