using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PartnerBot.Data;
using PartnerBot.Data.Seed;
using PartnerBot.Tests.Http;

namespace PartnerBot.Tests.State;

/// <summary>A damaged state row met through the real host over HTTP: 200 with a polite reset, never a 500 or the apology.</summary>
public sealed class UnreadableStateHttpTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("partnerbot-state-http-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Theory]
    // A typo, so the bot asks "did you mean" and keeps only the conversation's row (an opened account also
    // remembers the person's recent customers).
    [InlineData("pl-PL", "aktualizuj contso", "Przepraszam, nie udało mi się odczytać")]
    [InlineData("en-US", "update contso", "Sorry, I couldn't read where we were")]
    public async Task A_damaged_row_resets_politely_over_http_and_the_next_message_works(string locale, string ask, string reset)
    {
        await using var app = new BotApplication(Path.Combine(_folder.FullName, $"partnerbot-{locale}.db"));
        var client = app.CreateClient();
        Assert.Contains("Contoso Ltd", Assert.Single(await PostAsync(client, Message(locale, ask))).ToString(), StringComparison.Ordinal);

        var database = app.Services.GetRequiredService<SqliteDatabase>();
        await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE bot_state SET document = substr(document, 1, 40)";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var replies = await PostAsync(client, Message(locale, value: new JObject { ["choice"] = "yes" }));

        Assert.StartsWith(reset, (string?)replies[0]["text"], StringComparison.Ordinal);
        Assert.DoesNotContain("went wrong", replies.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("poszło nie tak", replies.ToString(), StringComparison.Ordinal);
        Assert.Contains("Contoso Ltd", Assert.Single(await PostAsync(client, Message(locale, ask))).ToString(), StringComparison.Ordinal);
    }

    private static JObject Message(string locale, string? text = null, JObject? value = null)
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
            ["deliveryMode"] = "expectReplies",
            ["locale"] = locale,
            ["from"] = new JObject { ["id"] = "29:" + DemoData.AlexWilberId, ["name"] = "Alex Wilber", ["aadObjectId"] = DemoData.AlexWilberId },
            ["recipient"] = new JObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
            ["conversation"] = new JObject { ["id"] = "a:state-http", ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId },
            ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = DemoData.PlaygroundTenantId } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        return activity;
    }

    private static async Task<JArray> PostAsync(HttpClient client, JObject activity)
    {
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!;
    }
}
