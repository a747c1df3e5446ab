using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PartnerBot.Data.Seed;
using Xunit.Abstractions;

namespace PartnerBot.Tests.Http;

/// <summary>
/// Thousands of generated bad requests against the real host (issue 9, item 4): every answer is a 2xx or a
/// 4xx, nothing is logged as an error or with an exception, and a person can still talk to the bot after.
/// The seed is fixed so a failure names a request that can be replayed.
/// </summary>
public sealed class MalformedRequestFuzzTests : IDisposable
{
    private const int Seed = 20261125;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("partnerbot-fuzz-");
    private readonly ITestOutputHelper _output;

    public MalformedRequestFuzzTests(ITestOutputHelper output) => _output = output;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Generated_bad_requests_get_only_client_errors_or_success_and_the_bot_still_works()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new BotApplication(
            Path.Combine(_folder.FullName, "partnerbot.db"),
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = app.CreateClient();

        var requests = new BadRequests(new Random(Seed)).All().ToList();
        Assert.True(requests.Count >= 2000, $"only {requests.Count} requests generated");

        var statuses = new SortedDictionary<int, int>();
        var serverErrors = new List<string>();
        var clock = Stopwatch.StartNew();
        async Task SendAsync(BadRequest request)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
            {
                Content = new ByteArrayContent(request.Body),
            };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (request.Authorization is not null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
            }

            using var response = await client.SendAsync(message);
            var status = (int)response.StatusCode;
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status is < 200 or >= 500 or (>= 300 and < 400))
                {
                    serverErrors.Add($"{status} for {request.Kind}: {Preview(request.Body)}");
                }
            }
        }

        // Independent requests (each in its own conversation) run a few at a time, as a channel sends them;
        // the card submits walk one conversation in order.
        var parallel = requests.Where(r => !r.Kind.StartsWith("card-submit", StringComparison.Ordinal));
        var sequential = requests.Where(r => r.Kind.StartsWith("card-submit", StringComparison.Ordinal));
        await Parallel.ForEachAsync(parallel, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, _) => await SendAsync(request));
        foreach (var request in sequential)
        {
            await SendAsync(request);
        }

        clock.Stop();
        _output.WriteLine($"{requests.Count} requests (seed {Seed}) in {clock.Elapsed.TotalSeconds:0.0} s; statuses: "
            + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        foreach (var kind in requests.GroupBy(r => r.Kind.Split(':')[0]).OrderBy(g => g.Key))
        {
            _output.WriteLine($"  {kind.Key}: {kind.Count()}");
        }

        Assert.True(serverErrors.Count == 0, $"{serverErrors.Count} requests got a non-2xx/4xx answer:\n" + string.Join("\n", serverErrors.Take(30)));
        var failures = logs.Entries.Where(e => e.Level >= LogLevel.Error || e.Exception is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} error or exception logs:\n" + string.Join("\n", failures.DistinctBy(f => f.Message[..Math.Min(f.Message.Length, 40)]).Take(20))
            + "\nFirst: " + failures.FirstOrDefault(f => f.Exception is NullReferenceException)?.Exception);
        // Bad shapes are refused before a turn, and their answers say why (at least the common ones).
        Assert.True(statuses.GetValueOrDefault(400) > 1000, "fewer than 1000 requests were refused as bad shapes");

        // A person still gets the bot's ordinary answers afterwards.
        var welcome = await PostAsync(client, BadRequests.Valid("conversationUpdate", "a:after-fuzz"));
        Assert.Contains("Alex Wilber", welcome, StringComparison.Ordinal);
        var account = await PostAsync(client, BadRequests.Valid("message", "a:after-fuzz", text: "update Contoso"));
        Assert.Contains("Contoso", account, StringComparison.Ordinal);
        Assert.DoesNotContain("went wrong", account, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"\ud800","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"}}""", "Unicode")]
    [InlineData("""{"type":"message","channelId":"\udc00","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"}}""", "Unicode")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"\ud800","conversation":{"id":"a"},"recipient":{"id":"b"}}""", "Unicode")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"\ud800"},"recipient":{"id":"b"}}""", "Unicode")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"not a url","conversation":{"id":"a"},"recipient":{"id":"b"}}""", "serviceUrl")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"}}""", "recipient")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"},"channelData":"x"}""", "channelData")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://x.example/","conversation":{"id":"a"},"recipient":{"id":"b"},"timestamp":"yesterday"}""", "field")]
    public async Task Each_known_bad_shape_is_a_400_that_names_the_problem(string body, string reason)
    {
        await using var app = new BotApplication(Path.Combine(_folder.FullName, "partnerbot.db"));
        using var client = app.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer garbage")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Malformed_bearer_tokens_are_401_even_when_authentication_is_off(string authorization)
    {
        await using var app = new BotApplication(Path.Combine(_folder.FullName, "partnerbot.db"));
        using var client = app.CreateClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(BadRequests.Valid("message", "a:token", text: "help").ToString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await client.SendAsync(message);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("activities", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> PostAsync(HttpClient client, JObject activity)
    {
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        return body.Length > 300 ? $"{text}… ({body.Length} bytes)" : text;
    }

    internal sealed record BadRequest(string Kind, byte[] Body, string? Authorization = null);

    /// <summary>The generator: each family of bad input, applied to every field it can reach.</summary>
    internal sealed class BadRequests(Random random)
    {
        private int _conversations;

        /// <summary>
        /// Every string field of a Teams message activity, as a path of property names. Not deliveryMode: every
        /// request asks for its replies in the HTTP response, so no test turn calls out to a connector.
        /// </summary>
        private static readonly string[][] StringFields =
        [
            ["type"], ["id"], ["channelId"], ["serviceUrl"], ["locale"], ["text"], ["textFormat"],
            ["timestamp"], ["localTimestamp"], ["replyToId"], ["name"],
            ["from", "id"], ["from", "name"], ["from", "aadObjectId"],
            ["recipient", "id"], ["recipient", "name"],
            ["conversation", "id"], ["conversation", "conversationType"], ["conversation", "tenantId"],
            ["channelData", "tenant", "id"], ["value", "action"], ["value", "choice"],
        ];

        private static readonly string[][] AllFields =
        [
            .. StringFields, ["from"], ["recipient"], ["conversation"], ["channelData"], ["value"], ["entities"],
            ["attachments"], ["membersAdded"], ["membersRemoved"], ["conversation", "isGroup"], ["channelData", "tenant"],
        ];

        private static readonly string[] LoneSurrogates = ["\ud800", "\udc00", "a\ud800b", "\udfff\ud800", "x\udbff"];

        private static readonly string[] BadUrls =
        [
            "not a url", "http://", "https://", "ftp://example.com/", "javascript:alert(1)", "https://[::1", "//example.com",
            " ", "http://exa mple.com/", "file:///etc/passwd", "https://" + new string('a', 5000) + ".com/", "mailto:a@b.c",
            "https://user:pass@", "http://%zz/", "\u0000", "https://example.com:99999/", "urn:x", "/relative/path",
        ];

        private static readonly string[] ValueKeys =
        [
            "action", "choice", "customer", "changeId", "edit", "permission", "billing.CompanyName", "billing.Email",
            "billing.PostalCode", "billing.PhoneNumber", "billing.City", "billing.Country", "offered", "run",
        ];

        private static readonly string[] ActionNames =
        [
            "updateAccount", "purchasePermission", "history", "help", "cancel", "startOver", "editBilling", "reviewChanges",
            "confirmChanges", "cancelChanges", "cancelEdit", "editAgain", "applyOnTop", "tryAgain", "done", "allowPurchases",
            "revokePurchases", "moreHistory", "searchAgain", "yes", "no", "changePurchasePermission", "", "unknown",
        ];

        public static JObject Valid(string type, string conversationId, string? text = null, JToken? value = null)
        {
            var activity = new JObject
            {
                ["type"] = type,
                ["id"] = Guid.NewGuid().ToString("N"),
                ["channelId"] = "msteams",
                ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
                ["deliveryMode"] = "expectReplies",
                ["locale"] = "en-US",
                ["timestamp"] = "2026-11-25T10:00:00Z",
                ["from"] = new JObject { ["id"] = "29:" + DemoData.AlexWilberId, ["name"] = "Alex Wilber", ["aadObjectId"] = DemoData.AlexWilberId },
                ["recipient"] = new JObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
                ["conversation"] = new JObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId },
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

            if (type == "conversationUpdate")
            {
                activity["membersAdded"] = new JArray(new JObject { ["id"] = "28:partnerbot" });
            }

            return activity;
        }

        public IEnumerable<BadRequest> All() =>
            MalformedJson()
                .Concat(InvalidUtf8())
                .Concat(EscapedLoneSurrogates())
                .Concat(WrongTypes())
                .Concat(MissingFields())
                .Concat(UnknownTypes())
                .Concat(InvalidUrls())
                .Concat(DeepNesting())
                .Concat(HugeValues())
                .Concat(CardSubmits())
                .Concat(BadTokens())
                .Concat(Mixed());

        private JObject Message() => Valid("message", "a:fuzz-" + Interlocked.Increment(ref _conversations), text: random.Next(3) == 0 ? "update Contoso" : "help");

        private static BadRequest Json(string kind, JToken token, string? authorization = null) =>
            new(kind, Encoding.UTF8.GetBytes(token.ToString(Newtonsoft.Json.Formatting.None)), authorization);

        private static BadRequest Raw(string kind, string body) => new(kind, Encoding.UTF8.GetBytes(body));

        private static void Set(JObject activity, string[] path, JToken value)
        {
            JObject node = activity;
            foreach (var name in path[..^1])
            {
                if (node[name] is not JObject child)
                {
                    child = new JObject();
                    node[name] = child;
                }

                node = child;
            }

            node[path[^1]] = value;
        }

        private static void Remove(JObject activity, string[] path)
        {
            var node = activity.SelectToken(string.Join('.', path[..^1].Select(p => $"['{p}']")));
            (path.Length == 1 ? activity : node as JObject)?.Remove(path[^1]);
        }

        private IEnumerable<BadRequest> MalformedJson()
        {
            string[] fixedBodies = ["", " ", "null", "true", "0", "-1", "\"message\"", "[]", "[{}]", "{}", "{", "}", "{\"type\":}",
                "{\"type\":\"message\",}", "{'type':'message'}", "{\"type\":\"message\"", "{\"type\" \"message\"}", "NaN",
                "{\"type\":\"message\"}{\"type\":\"message\"}", "\ufeff{}", "{\"a\":1,\"a\":2}", "{\"type\":undefined}",
                "<xml/>", "type=message", "{\"type\":\"message\",\"channelId\":\"msteams\"/*c*/}", "\u0000"];
            foreach (var body in fixedBodies)
            {
                yield return Raw("malformed-json", body);
            }

            for (var i = 0; i < 150; i++)
            {
                var valid = Message().ToString(Newtonsoft.Json.Formatting.None);
                yield return Raw("malformed-json:truncated", valid[..random.Next(1, valid.Length - 1)]);
            }

            for (var i = 0; i < 50; i++)
            {
                var bytes = new byte[random.Next(1, 400)];
                random.NextBytes(bytes);
                yield return new BadRequest("malformed-json:random-bytes", bytes);
            }

            for (var i = 0; i < 50; i++)
            {
                var valid = Message().ToString(Newtonsoft.Json.Formatting.None).ToCharArray();
                // Anywhere but in "deliveryMode":"expectReplies": a damaged delivery mode would send the replies out.
                const string Delivery = "\"deliveryMode\":\"expectReplies\"";
                var keep = new string(valid).IndexOf(Delivery, StringComparison.Ordinal);
                int at;
                do
                {
                    at = random.Next(valid.Length);
                }
                while (at >= keep - 1 && at <= keep + Delivery.Length);
                valid[at] = "{}[]\":,\\"[random.Next(8)];
                yield return Raw("malformed-json:flipped-character", new string(valid));
            }
        }

        private IEnumerable<BadRequest> InvalidUtf8()
        {
            byte[][] bad = [[0xFF], [0xC0, 0x80], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3]];
            foreach (var path in StringFields)
            {
                foreach (var sequence in bad)
                {
                    var activity = Message();
                    const string Marker = "@@MARK@@";
                    Set(activity, path, "ok" + Marker);
                    var text = activity.ToString(Newtonsoft.Json.Formatting.None);
                    var at = text.IndexOf(Marker, StringComparison.Ordinal);
                    var body = Encoding.UTF8.GetBytes(text[..at]).Concat(sequence).Concat(Encoding.UTF8.GetBytes(text[(at + Marker.Length)..])).ToArray();
                    yield return new BadRequest("invalid-utf8:" + string.Join('.', path), body);
                }
            }
        }

        private IEnumerable<BadRequest> EscapedLoneSurrogates()
        {
            foreach (var path in StringFields)
            {
                foreach (var surrogate in LoneSurrogates)
                {
                    var activity = Message();
                    Set(activity, path, surrogate);
                    // Newtonsoft writes a lone surrogate as its \uXXXX escape, exactly as an attacker would send it.
                    yield return Json("lone-surrogate:" + string.Join('.', path), activity);
                }

                // In a property name, too.
                var named = Message();
                Set(named, [.. path[..^1], "k\ud800"], "v");
                yield return Json("lone-surrogate-name:" + string.Join('.', path), named);
            }
        }

        private IEnumerable<BadRequest> WrongTypes()
        {
            JToken[] wrong = [5, -1, 1.5, true, false, new JArray(), new JArray(1, "a"), new JObject(), JValue.CreateNull(), "", new JObject { ["x"] = 1 }, JToken.Parse("1e400"), "   "];
            foreach (var path in AllFields)
            {
                foreach (var value in wrong)
                {
                    var activity = Message();
                    Set(activity, path, value.DeepClone());
                    yield return Json("wrong-type:" + string.Join('.', path), activity);
                }
            }
        }

        private IEnumerable<BadRequest> MissingFields()
        {
            foreach (var path in AllFields)
            {
                var activity = Message();
                Remove(activity, path);
                yield return Json("missing:" + string.Join('.', path), activity);
            }

            for (var i = 0; i < 60; i++)
            {
                var activity = Message();
                foreach (var path in AllFields.OrderBy(_ => random.Next()).Take(random.Next(2, 6)))
                {
                    Remove(activity, path);
                }

                yield return Json("missing:several", activity);
            }
        }

        private IEnumerable<BadRequest> UnknownTypes()
        {
            string[] types = ["invoke", "event", "messageReaction", "messageUpdate", "messageDelete", "installationUpdate", "typing",
                "endOfConversation", "handoff", "trace", "suggestion", "command", "commandResult", "contactRelationUpdate", "deleteUserData",
                "conversationUpdate", "MESSAGE", "Message", "message ", "unknown", "x", new string('t', 2000), "💥", "<script>"];
            foreach (var type in types)
            {
                var activity = Message();
                activity["type"] = type;
                yield return Json("unknown-type:" + type[..Math.Min(type.Length, 20)], activity);
            }

            string[] invokeNames = ["adaptiveCard/action", "task/fetch", "task/submit", "composeExtension/query", "signin/verifyState",
                "actionableMessage/executeAction", "config/fetch", "tab/fetch", "fileConsent/invoke", "healthCheck", "", "x", "application/search"];
            foreach (var name in invokeNames)
            {
                foreach (var value in new JToken[] { JValue.CreateNull(), "x", 5, new JObject(), new JObject { ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = 5, ["data"] = "x" } } })
                {
                    var activity = Message();
                    activity["type"] = "invoke";
                    activity["name"] = name;
                    activity["value"] = value;
                    yield return Json("invoke:" + name, activity);
                }
            }

            foreach (var members in new JToken[] { "x", 5, new JArray("x"), new JArray(new JObject()), new JArray(JValue.CreateNull()), new JArray(new JObject { ["id"] = 5 }) })
            {
                foreach (var field in new[] { "membersAdded", "membersRemoved", "reactionsAdded", "reactionsRemoved" })
                {
                    var activity = Valid(field.StartsWith("members", StringComparison.Ordinal) ? "conversationUpdate" : "messageReaction", "a:fuzz-members");
                    activity[field] = members.DeepClone();
                    yield return Json("members:" + field, activity);
                }
            }
        }

        private IEnumerable<BadRequest> InvalidUrls()
        {
            foreach (var url in BadUrls)
            {
                var activity = Message();
                activity["serviceUrl"] = url;
                yield return Json("invalid-url", activity);
                var update = Valid("conversationUpdate", "a:fuzz-url");
                update["serviceUrl"] = url;
                yield return Json("invalid-url:conversationUpdate", update);
            }
        }

        private IEnumerable<BadRequest> DeepNesting()
        {
            foreach (var depth in new[] { 65, 129, 1000, 10_000, 100_000 })
            {
                foreach (var field in new[] { "value", "channelData", "entities", "text", "from" })
                {
                    var body = Message().ToString(Newtonsoft.Json.Formatting.None);
                    var nested = new string('[', depth) + new string(']', depth);
                    var nestedObjects = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                    yield return Raw("deep-nesting:" + depth, body[..^1] + $",\"{field}x\":{nested},\"{field}\":{nested}}}");
                    yield return Raw("deep-nesting-objects:" + depth, body[..^1] + $",\"{field}\":{nestedObjects}}}");
                }

                yield return Raw("deep-nesting-root:" + depth, new string('[', depth) + new string(']', depth));
            }
        }

        private IEnumerable<BadRequest> HugeValues()
        {
            foreach (var path in StringFields)
            {
                var activity = Message();
                Set(activity, path, new string('ż', 100_000)); // 200 KB in UTF-8: under the limit, far beyond any real field
                yield return Json("huge-string:" + string.Join('.', path), activity);
                var tooBig = Message();
                Set(tooBig, path, new string('a', 300_000));
                yield return Json("too-large:" + string.Join('.', path), tooBig);
            }

            foreach (var number in new[] { "1e308", "-1e308", "1e400", "123456789012345678901234567890", "0.0000000000000000000000001", "-0" })
            {
                var body = Message().ToString(Newtonsoft.Json.Formatting.None);
                yield return Raw("huge-number", body[..^1] + $",\"value\":{{\"action\":{number},\"changeId\":{number}}},\"localTimezone\":{number}}}");
            }

            foreach (var field in new[] { "entities", "attachments", "membersAdded" })
            {
                var activity = Message();
                activity[field] = new JArray(Enumerable.Range(0, 5000).Select(i => new JObject { ["type"] = "mention", ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
                yield return Json("huge-array:" + field, activity);
            }

            var manyProperties = Message();
            manyProperties["value"] = new JObject(Enumerable.Range(0, 10_000).Select(i => new JProperty("p" + i, i)));
            yield return Json("many-properties", manyProperties);
        }

        private IEnumerable<BadRequest> CardSubmits()
        {
            const string Conversation = "a:fuzz-form";
            JToken[] wrongValues = [5, "x", true, new JArray(), new JArray("updateAccount"), JValue.CreateNull(), new JObject(), "", 1e308];
            for (var round = 0; round < 10; round++)
            {
                // Walk into the account and its billing form, so wrong shapes reach the steps that read submits.
                yield return Json("card-submit:setup", Valid("message", Conversation, text: "update Contoso"));
                yield return Json("card-submit:setup", Valid("message", Conversation, value: new JObject { ["choice"] = "editBilling" }));
                foreach (var key in ValueKeys)
                {
                    var wrong = wrongValues[random.Next(wrongValues.Length)];
                    var value = new JObject { [key] = wrong.DeepClone() };
                    if (random.Next(2) == 0)
                    {
                        value["action"] = ActionNames[random.Next(ActionNames.Length)];
                    }

                    yield return Json("card-submit:wrong-field", Valid("message", Conversation, value: value));
                }

                foreach (var value in wrongValues)
                {
                    yield return Json("card-submit:wrong-value", Valid("message", Conversation, value: value.DeepClone()));
                }

                var action = ActionNames[random.Next(ActionNames.Length)];
                yield return Json("card-submit:surrogate", Valid("message", Conversation, value: new JObject { ["action"] = action, ["billing.City"] = "\ud800" }));
                yield return Json("card-submit:nested", Valid("message", Conversation, value: new JObject { ["action"] = new JObject { ["action"] = action } }));
                yield return Json("card-submit:array-of-fields", Valid("message", Conversation, value: new JObject { ["action"] = action, ["billing.Email"] = new JArray("a@b.c", "d@e.f") }));
                yield return Json("card-submit:huge-field", Valid("message", Conversation, value: new JObject { ["action"] = action, ["billing.CompanyName"] = new string('x', 100_000) }));
                yield return Json("card-submit:control-characters", Valid("message", Conversation, value: new JObject { ["action"] = action, ["billing.City"] = "\u0000\u0001\u001b[31m\r\n" }));
            }
        }

        /// <summary>Several of the mutations above at once, on random fields.</summary>
        private IEnumerable<BadRequest> Mixed()
        {
            JToken[] pool =
            [
                5, true, new JArray(), new JObject(), JValue.CreateNull(), "", "\ud800", "a\udc00", "not a url", "javascript:x",
                new string('x', 10_000), JToken.Parse(new string('[', 60) + new string(']', 60)), "update Contoso", "help", "💥\u0000",
            ];
            for (var i = 0; i < 500; i++)
            {
                var activity = Message();
                for (var k = random.Next(1, 5); k > 0; k--)
                {
                    Set(activity, AllFields[random.Next(AllFields.Length)], pool[random.Next(pool.Length)].DeepClone());
                }

                yield return Json("mixed", activity);
            }
        }

        private IEnumerable<BadRequest> BadTokens()
        {
            // Tokens that fail before any metadata is fetched (no network in tests); the matrix of well-formed
            // tokens against a real issuer is in ChannelAuthenticationTests.
            static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            string[] headers =
            [
                "Bearer", "Bearer ", "Bearer garbage", "Bearer a.b.c", "Bearer ...", "Bearer " + new string('a', 8000), "bearer x",
                "Basic dXNlcjpwYXNz", "Bearer " + B64("{\"alg\":\"none\"}") + "." + B64("{\"iss\":\"https://evil.example\"}") + ".",
                "Bearer " + B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64("{\"iss\":\"https://evil.example\",\"aud\":\"x\"}") + ".c2ln",
                "Bearer " + B64("not json") + "." + B64("not json") + ".x", "Bearer \ud800", "Bearer %00", "Negotiate abc", "Bearer a.b", "Bearer a.b.c.d.e",
            ];
            foreach (var header in headers)
            {
                yield return Json("bad-token", Message(), header);
            }
        }
    }

    private sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message} {Exception?.GetType().Name} {Exception?.Message}";
    }

    /// <summary>Keeps every log entry of the host, to assert nothing failed unseen behind a 2xx/4xx.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
