using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;
using PartnerBot.Data.Seed;

namespace PartnerBot.Tests.Http;

/// <summary>
/// Replies sent to the channel's endpoint (Teams' normal delivery, not in the HTTP response): the adapter's connector
/// client for an endpoint is kept between turns (issue 13), so every turn's answer, not just the first, must still
/// reach the channel, here a stand-in on 127.0.0.1.
/// </summary>
public sealed class ChannelRepliesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("partnerbot-replies-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Every_turn_answers_through_the_channel_endpoint_in_both_languages()
    {
        using var channel = new ChannelStandIn();
        await using var app = new BotApplication(Path.Combine(_folder.FullName, "partnerbot.db"));
        var client = app.CreateClient();

        var asked = new List<(string Id, string Text, string Expected)>
        {
            (Guid.NewGuid().ToString("N"), "update Contoso", "Account: Contoso Ltd"),
            (Guid.NewGuid().ToString("N"), "cancel", string.Empty),
            (Guid.NewGuid().ToString("N"), "update Contoso", "Account: Contoso Ltd"),
        };
        foreach (var (id, text, _) in asked)
        {
            using var content = new StringContent(Message(id, text, "en-US", channel.ServiceUrl).ToString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
            Assert.True(response.IsSuccessStatusCode, $"{text}: {response.StatusCode}");
        }

        var polishId = Guid.NewGuid().ToString("N");
        using (var content = new StringContent(Message(polishId, "zmień Contoso", "pl-PL", channel.ServiceUrl, "a:replies-pl").ToString(), Encoding.UTF8, "application/json"))
        using (var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content))
        {
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        }

        foreach (var (id, text, expected) in asked)
        {
            var replies = channel.RepliesTo(id);
            Assert.True(replies.Count > 0, $"no answer to \"{text}\" reached the channel");
            Assert.Contains(expected, string.Join("\n", replies), StringComparison.Ordinal);
        }

        Assert.Contains("Konto: Contoso Ltd", string.Join("\n", channel.RepliesTo(polishId)), StringComparison.Ordinal);
    }

    private static JObject Message(string id, string text, string locale, string serviceUrl, string conversation = "a:replies-en") => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["locale"] = locale,
        ["text"] = text,
        ["from"] = new JObject { ["id"] = "29:" + DemoData.AlexWilberId, ["name"] = "Alex Wilber", ["aadObjectId"] = DemoData.AlexWilberId },
        ["recipient"] = new JObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
        ["conversation"] = new JObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId },
        ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = DemoData.PlaygroundTenantId } },
    };

    /// <summary>The channel's reply endpoint: keeps every activity posted to /v3/conversations/{id}/activities/{replyToId}.</summary>
    private sealed class ChannelStandIn : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string ReplyTo, string Body)> _received = new();
        private readonly Task _serving;

        public ChannelStandIn()
        {
            var port = FreePort();
            ServiceUrl = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(ServiceUrl);
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public string ServiceUrl { get; }

        public IReadOnlyList<string> RepliesTo(string activityId) =>
            [.. _received.Where(r => r.ReplyTo == activityId).Select(r => r.Body)];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var path = context.Request.Url!.AbsolutePath;
                _received.Enqueue((Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]), body));
                var answer = Encoding.UTF8.GetBytes("{\"id\":\"" + Guid.NewGuid().ToString("N") + "\"}");
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
