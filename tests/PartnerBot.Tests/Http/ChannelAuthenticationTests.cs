using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;
using PartnerBot.Data.Seed;
using PartnerBot.Testing;

namespace PartnerBot.Tests.Http;

/// <summary>
/// Issue 9, item 5: with MicrosoftAppId set, the real bot (a child process) validates channel tokens with the
/// SDK's own code against this test's own issuer: OpenID metadata and signing keys served over HTTPS on
/// 127.0.0.1 by a certificate of the test CA, which only the bot process trusts. A token the channel would
/// send runs the turn; every forgery is a 401 and runs nothing.
/// </summary>
public sealed class ChannelAuthenticationTests(ChannelAuthenticationTests.ChannelIssuer issuer) : IClassFixture<ChannelAuthenticationTests.ChannelIssuer>
{
    private const string AppId = "8f0c54f6-6a7b-4a4f-9d1e-2b7a9c3d1e01";
    private const string Issuer = "https://api.botframework.test";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    public static TheoryData<string> Forgeries =>
    [
        "no token", "garbage", "alg none", "expired beyond the skew", "not yet valid", "wrong audience", "wrong issuer",
        "wrong key", "serviceurl claim unlike the activity's", "emulator issuer", "basic scheme",
    ];

    [Fact]
    public async Task A_token_the_channel_would_send_runs_the_turn()
    {
        var conversation = "a:auth-valid-" + Guid.NewGuid().ToString("N");
        var (status, body) = await issuer.PostAsync(Activity(conversation, "help"), "Bearer " + issuer.Token());
        Assert.Equal(HttpStatusCode.OK, status);
        var replies = (JArray)JObject.Parse(body)["activities"]!;
        Assert.NotEmpty(replies);
        Assert.True(issuer.KeyRequests > 0, "the bot never fetched the signing keys from the test issuer");
        Assert.True(issuer.Bot.Log.Contains("Now listening", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_or_unusable_token_is_401_and_runs_nothing(string forgery)
    {
        var conversation = "a:auth-forged-" + Guid.NewGuid().ToString("N");
        var authorization = forgery switch
        {
            "no token" => null,
            "garbage" => "Bearer garbage",
            "alg none" => "Bearer " + Unsigned(ChannelIssuer.Claims()),
            "expired beyond the skew" => "Bearer " + issuer.Token(notBefore: DateTime.UtcNow.AddMinutes(-30), expires: DateTime.UtcNow.AddMinutes(-10)),
            "not yet valid" => "Bearer " + issuer.Token(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddMinutes(30)),
            "wrong audience" => "Bearer " + issuer.Token(audience: "another-bot"),
            "wrong issuer" => "Bearer " + issuer.Token(tokenIssuer: "https://evil.example"),
            "wrong key" => "Bearer " + issuer.Token(key: issuer.StrangerKey),
            "serviceurl claim unlike the activity's" => "Bearer " + issuer.Token(serviceUrl: "https://attacker.example/"),
            // An emulator-issued token takes the SDK's emulator path, whose metadata lives at Microsoft; nothing
            // leaves the machine here, so that path must fail closed.
            "emulator issuer" => "Bearer " + issuer.Token(tokenIssuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/", extra: new() { ["appid"] = AppId, ["ver"] = "1.0" }),
            "basic scheme" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AppId + ":secret")),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        var refusalsBefore = issuer.Refusals;
        // "update Contoso" would show a customer's account and leave the conversation waiting in state.
        var (status, body) = await issuer.PostAsync(Activity(conversation, "update Contoso"), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain("activities", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Contoso", body, StringComparison.Ordinal);
        Assert.True(await issuer.Bot.WaitForLogAsync(_ => issuer.Refusals > refusalsBefore, TimeSpan.FromSeconds(5)), "the refusal was not logged");
        Assert.DoesNotContain("Turn failed", issuer.Bot.Log, StringComparison.Ordinal);
        Assert.Equal(0, issuer.StoredMentionsOf(conversation));
    }

    [Fact]
    public async Task With_an_app_id_the_bot_does_not_warn_that_authentication_is_off()
    {
        var (status, _) = await issuer.PostAsync(Activity("a:auth-nowarn", "help"), "Bearer " + issuer.Token());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("authentication is OFF", issuer.Bot.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_app_id_the_bot_warns_once_at_start_that_authentication_is_off()
    {
        await using var bot = await BotProcess.StartAsync();
        var warnings = bot.Log.Split('\n').Select((line, i) => (line, i)).Where(l => l.line.Contains("authentication is OFF", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.StartsWith("warn:", bot.Log.Split('\n')[warning.i - 1].Trim(), StringComparison.Ordinal);
    }

    private static JObject Activity(string conversation, string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = ServiceUrl,
        ["deliveryMode"] = "expectReplies",
        ["locale"] = "en-US",
        ["text"] = text,
        ["from"] = new JObject { ["id"] = "29:" + DemoData.AlexWilberId, ["name"] = "Alex Wilber", ["aadObjectId"] = DemoData.AlexWilberId },
        ["recipient"] = new JObject { ["id"] = "28:" + AppId, ["name"] = "PartnerBot" },
        ["conversation"] = new JObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId },
        ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = DemoData.PlaygroundTenantId } },
    };

    private static string Unsigned(IDictionary<string, object> claims)
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        return B64("""{"alg":"none","typ":"JWT","kid":"channel-key"}""") + "." + B64(Newtonsoft.Json.JsonConvert.SerializeObject(claims)) + ".";
    }

    /// <summary>
    /// The channel's identity provider for these tests: an HTTPS stand-in for login.botframework.com (metadata,
    /// keys with the msteams endorsement, and login/OAuth endpoints that must never be needed), plus the bot
    /// configured with the SDK's parameterised keys to trust it.
    /// </summary>
    public sealed class ChannelIssuer : IAsyncLifetime
    {
        private static readonly string[] SigningAlgorithms = ["RS256"];
        private static readonly string[] AuthenticationMethods = ["private_key_jwt"];
        private static readonly string[] Endorsements = ["msteams"];
        private readonly RSA _key = RSA.Create(2048);
        private WebApplication? _standIn;
        private int _keyRequests;

        public RSA StrangerKey { get; } = RSA.Create(2048);

        public BotProcess Bot { get; private set; } = null!;

        public int KeyRequests => Volatile.Read(ref _keyRequests);

        public int Refusals => Bot.Log.Split("Refused an activity (401)").Length - 1;

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            var certificate = TestCertificateAuthority.Shared.IssueServerCertificate();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
            _standIn = builder.Build();
            var parameters = _key.ExportParameters(false);
            _standIn.MapGet("/v1/.well-known/openidconfiguration", (HttpContext context) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = $"https://{context.Request.Host}/v1/authorize",
                ["jwks_uri"] = $"https://{context.Request.Host}/v1/keys",
                ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
                ["token_endpoint_auth_methods_supported"] = AuthenticationMethods,
            }));
            _standIn.MapGet("/v1/keys", () =>
            {
                Interlocked.Increment(ref _keyRequests);
                return Results.Json(new Dictionary<string, object>
                {
                    ["keys"] = new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["kty"] = "RSA",
                            ["use"] = "sig",
                            ["kid"] = "channel-key",
                            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                            ["endorsements"] = Endorsements,
                        },
                    },
                });
            });
            // The bot answers in the HTTP response (expectReplies): it must never need its own token.
            _standIn.MapFallback(() => Results.StatusCode(StatusCodes.Status418ImATeapot));
            await _standIn.StartAsync();
            var address = new Uri(_standIn.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

            Bot = await BotProcess.StartAsync(new Dictionary<string, string?>
            {
                ["MicrosoftAppType"] = "MultiTenant",
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppPassword"] = "not-a-real-secret",
                ["ToBotFromChannelOpenIdMetadataUrl"] = new Uri(address, "/v1/.well-known/openidconfiguration").ToString(),
                ["ToBotFromChannelTokenIssuer"] = Issuer,
                ["OAuthUrl"] = new Uri(address, "/oauth").ToString(),
                ["ToChannelFromBotLoginUrl"] = new Uri(address, "/login/botframework.test").ToString(),
                ["ToChannelFromBotOAuthScope"] = Issuer,
            });
        }

        public async Task DisposeAsync()
        {
            if (Bot is not null)
            {
                await Bot.DisposeAsync();
            }

            if (_standIn is not null)
            {
                await _standIn.DisposeAsync();
            }

            _key.Dispose();
            StrangerKey.Dispose();
        }

        public static Dictionary<string, object> Claims(
            string? audience = null, string? tokenIssuer = null, string? serviceUrl = null, DateTime? notBefore = null, DateTime? expires = null)
        {
            var now = DateTime.UtcNow;
            return new Dictionary<string, object>
            {
                ["iss"] = tokenIssuer ?? Issuer,
                ["aud"] = audience ?? AppId,
                ["serviceurl"] = serviceUrl ?? ServiceUrl,
                ["nbf"] = EpochTime.GetIntDate(notBefore ?? now.AddMinutes(-1)),
                ["iat"] = EpochTime.GetIntDate(notBefore ?? now.AddMinutes(-1)),
                ["exp"] = EpochTime.GetIntDate(expires ?? now.AddMinutes(30)),
            };
        }

        public string Token(
            string? audience = null, string? tokenIssuer = null, string? serviceUrl = null, DateTime? notBefore = null, DateTime? expires = null,
            RSA? key = null, Dictionary<string, object>? extra = null)
        {
            var signing = new SigningCredentials(new RsaSecurityKey(key ?? _key) { KeyId = "channel-key" }, SecurityAlgorithms.RsaSha256);
            var payload = new JwtPayload();
            foreach (var (name, value) in Claims(audience, tokenIssuer, serviceUrl, notBefore, expires).Concat(extra ?? []))
            {
                payload[name] = value;
            }

            return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(new JwtHeader(signing), payload));
        }

        public async Task<(HttpStatusCode Status, string Body)> PostAsync(JObject activity, string? authorization)
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Bot.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/messages", UriKind.Relative))
            {
                Content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json"),
            };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        /// <summary>How many stored values anywhere in the bot's database mention the conversation (state, audit, ...).</summary>
        public int StoredMentionsOf(string conversation)
        {
            var database = Path.Combine(Bot.DataFolder.FullName, "partnerbot.db");
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var found = 0;
            foreach (var table in tables)
            {
                using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        if (reader.GetValue(i) is string text && text.Contains(conversation, StringComparison.Ordinal))
                        {
                            found++;
                        }
                    }
                }
            }

            return found;
        }
    }
}
