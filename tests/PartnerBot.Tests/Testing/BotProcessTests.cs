using System.Net;
using System.Text;
using PartnerBot.Testing;

namespace PartnerBot.Tests.Testing;

/// <summary>The built host as a child process: ready, answering, isolated, and gone after dispose.</summary>
public sealed class BotProcessTests
{
    [Fact]
    public async Task The_child_bot_answers_a_conversation_and_stops_on_dispose()
    {
        var bot = await BotProcess.StartAsync();
        int id;
        await using (bot)
        {
            Assert.Equal("127.0.0.1", bot.BaseAddress.Host);
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = bot.BaseAddress };
            const string activity = """
                {"type":"message","id":"1","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/emea/",
                 "deliveryMode":"expectReplies","locale":"en-US","text":"help",
                 "from":{"id":"29:u","aadObjectId":"00000000-0000-0000-0000-0000000000020","name":"Alex Wilber"},
                 "recipient":{"id":"28:partnerbot"},
                 "conversation":{"id":"a:process","conversationType":"personal","tenantId":"00000000-0000-0000-0000-0000000000001"},
                 "channelData":{"tenant":{"id":"00000000-0000-0000-0000-0000000000001"}}}
                """;
            using var response = await client.PostAsync(new Uri("api/messages", UriKind.Relative), new StringContent(activity, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"activities\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(bot.DataFolder.FullName, "partnerbot.db")));
            Assert.Contains("Now listening on", bot.Log, StringComparison.Ordinal);
            id = bot.ProcessId;
        }

        Assert.True(bot.HasExited);
        Assert.False(Directory.Exists(bot.DataFolder.FullName));
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(id));
    }
}
