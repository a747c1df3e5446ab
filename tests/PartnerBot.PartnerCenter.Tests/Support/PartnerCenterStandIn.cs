using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PartnerBot.Testing;
using WireMock;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace PartnerBot.PartnerCenter.Tests.Support;

/// <summary>
/// Partner Center and its Entra authority, played by WireMock.Net over HTTPS on 127.0.0.1 with a
/// certificate from the shared test CA. The API answers at /v1, the authority at /{tenant}. Tests add the
/// API responses they need; the authority answers client-credentials and refresh-token grants.
/// </summary>
public sealed class PartnerCenterStandIn : IDisposable
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string ClientId = "partnerbot-test-app";
    public const string ClientSecret = "test-secret-not-real";
    public const string ServiceAccountObjectId = "99999999-0000-0000-0000-000000000001";

    private int _issued;

    public PartnerCenterStandIn()
    {
        var port = FreePort();
        Server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"https://127.0.0.1:{port}"],
            UseSSL = true,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestCertificateAuthority.Shared.IssueServerCertificate() },
        });
        Url = $"https://127.0.0.1:{port}";
        AnswerTokens(TimeSpan.FromHours(1));
    }

    public WireMockServer Server { get; }

    public string Url { get; }

    public Uri BaseUrl => new(Url + "/v1");

    public string Authority => Url + "/{tenant}";

    /// <summary>Access tokens issued so far.</summary>
    public int TokensIssued => Volatile.Read(ref _issued);

    public PartnerCenterOptions Options(string? refreshToken = "service-account-refresh-token-0") => new()
    {
        BaseUrl = BaseUrl,
        Authority = Authority,
        TenantId = TenantId,
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        RefreshToken = refreshToken,
        RetryDelay = TimeSpan.FromMilliseconds(20),

        // Generous, so a loaded build machine does not turn a slow TLS handshake into a failure; the timeout
        // tests set their own.
        AttemptTimeout = TimeSpan.FromSeconds(20),
        RequestTimeout = TimeSpan.FromSeconds(40),
        MirrorRefreshInterval = TimeSpan.FromHours(1),
    };

    /// <summary>The authority's token endpoint; each token lives <paramref name="lifetime"/>, each refresh grant rotates the refresh token.</summary>
    public void AnswerTokens(TimeSpan lifetime)
    {
        Server.Given(Request.Create().WithPath($"/{TenantId}/oauth2/v2.0/token").UsingPost()
                .WithBody(new RegexMatcher("grant_type=client_credentials")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ => TokenResponse(lifetime, null)));
        Server.Given(Request.Create().WithPath($"/{TenantId}/oauth2/v2.0/token").UsingPost()
                .WithBody(new RegexMatcher("grant_type=refresh_token")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ => TokenResponse(lifetime, "service-account-refresh-token-" + (TokensIssued + 1))));
    }

    public void Json(string method, string path, int status, object body, int priority = 5, string? scenario = null, string? state = null, string? nextState = null) =>
        Raw(method, path, status, JsonSerializer.Serialize(body), priority, scenario, state, nextState);

    public void Raw(string method, string path, int status, string body, int priority = 5, string? scenario = null, string? state = null, string? nextState = null, TimeSpan? delay = null, IDictionary<string, string>? headers = null)
    {
        var request = Request.Create().WithPath(path).UsingMethod(method);
        var given = Server.Given(request).AtPriority(priority);
        if (scenario is not null)
        {
            given = given.InScenario(scenario);
            // WireMock.Net starts a scenario in no state: the first step names none.
            if (state is not null && state != "Started")
            {
                given = given.WhenStateIs(state);
            }

            if (nextState is not null)
            {
                given = given.WillSetStateTo(nextState);
            }
        }

        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(key, value);
        }

        if (delay is { } wait)
        {
            response = response.WithDelay(wait);
        }

        given.RespondWith(response);
    }

    /// <summary>The API requests received (token requests left out), oldest first.</summary>
    public IReadOnlyList<ILogEntry> ApiRequests(string? method = null, string? pathStartsWith = null) =>
        Server.LogEntries
            .Where(e => e.RequestMessage.Path.StartsWith("/v1/", StringComparison.Ordinal))
            .Where(e => method is null || string.Equals(e.RequestMessage.Method, method, StringComparison.OrdinalIgnoreCase))
            .Where(e => pathStartsWith is null || e.RequestMessage.Path.StartsWith(pathStartsWith, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.RequestMessage.DateTime)
            .ToList();

    public IReadOnlyList<ILogEntry> TokenRequests(string grantType) =>
        Server.LogEntries
            .Where(e => e.RequestMessage.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal)
                        && (e.RequestMessage.Body ?? "").Contains("grant_type=" + grantType, StringComparison.Ordinal))
            .ToList();

    public static string Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.ToString() : "";

    public static object Error(object code, string description) =>
        new { code, description, data = Array.Empty<object>(), source = "PartnerFD" };

    public static object Customer(string id, string name, string domain, object? billing = null) => new
    {
        id,
        companyProfile = new { tenantId = id, domain, companyName = name, attributes = new { objectType = "CustomerCompanyProfile" } },
        billingProfile = billing,
        relationshipToPartner = "reseller",
        attributes = new { objectType = "Customer" },
    };

    public static object Billing(string companyName, string email, string etag, string city = "Lublin", string postalCode = "20-001") => new
    {
        id = "billing",
        firstName = "Anna",
        lastName = "Nowak",
        email,
        culture = "pl-PL",
        language = "pl",
        companyName,
        defaultAddress = new
        {
            country = "PL",
            city,
            addressLine1 = "ul. Długa 5",
            postalCode,
            firstName = "Anna",
            lastName = "Nowak",
            phoneNumber = "+48 81 123 45 67",
        },
        attributes = new { etag, objectType = "CustomerBillingProfile" },
    };

    public void Dispose() => Server.Stop();

    private static ResponseMessage Json200(string json) => new()
    {
        StatusCode = 200,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
    };

    private ResponseMessage TokenResponse(TimeSpan lifetime, string? refreshToken)
    {
        var n = Interlocked.Increment(ref _issued);
        var body = new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)lifetime.TotalSeconds,
            ["ext_expires_in"] = (int)lifetime.TotalSeconds,
            ["access_token"] = (refreshToken is null ? "app-token-" : "user-token-") + n,
        };
        if (refreshToken is not null)
        {
            body["refresh_token"] = refreshToken;
            body["scope"] = "https://api.partnercenter.microsoft.com/user_impersonation";
            body["client_info"] = Base64Url(JsonSerializer.Serialize(new { uid = ServiceAccountObjectId, utid = TenantId }));
            body["id_token"] = IdToken();
        }

        return Json200(JsonSerializer.Serialize(body));
    }

    private string IdToken()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64Url(JsonSerializer.Serialize(new
        {
            aud = ClientId,
            iss = $"{Url}/{TenantId}/v2.0",
            iat = now,
            nbf = now,
            exp = now + 3600,
            oid = ServiceAccountObjectId,
            tid = TenantId,
            sub = "service-account",
            preferred_username = "partnerbot-service@partner.example",
            name = "PartnerBot service",
        }));
        return header + "." + payload + ".";
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
