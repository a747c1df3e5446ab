using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerBot.Testing;

/// <summary>
/// A stateful Partner Center of our own, over HTTPS on 127.0.0.1 with a certificate from the shared test CA:
/// the Entra token endpoint (client credentials and refresh-token grants, rotating refresh tokens) at
/// /{tenant}/oauth2/v2.0/token and the REST API at /v1 (customers with prefix filter, billing profile GET/PUT
/// checking the etag in If-Match and in the body, company profile, self-serve policy (refused with 400 for a
/// customer without an Azure plan), country rules for PL, US and GB or any a test serves, address validation,
/// audit records). Point PartnerCenter:BaseUrl at <see cref="BaseUrl"/> and
/// PartnerCenter:Authority at <see cref="Authority"/>.
/// </summary>
public sealed class PartnerCenterFake : IAsyncDisposable
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string ClientId = "partnerbot-fake-app";
    public const string ClientSecret = "fake-secret";
    public const string InitialRefreshToken = "fake-refresh-0";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _customers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _policies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<JsonObject> _auditRecords = new();
    private readonly ConcurrentDictionary<string, (string Status, JsonObject[] Suggestions)> _addressChecks = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _withoutAzurePlan = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, JsonObject> _countryRules = new(StringComparer.OrdinalIgnoreCase);
    private int _counter;

    private PartnerCenterFake(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public string BaseUrl => Url + "/v1";

    public string Authority => Url + "/{tenant}";

    /// <summary>"METHOD path If-Match" of every API call, oldest first.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>The settings that point the bot at this fake.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Directory:Provider"] = "PartnerCenter",
        ["PartnerCenter:BaseUrl"] = BaseUrl,
        ["PartnerCenter:Authority"] = Authority,
        ["PartnerCenter:TenantId"] = TenantId,
        ["PartnerCenter:ClientId"] = ClientId,
        ["PartnerCenter:ClientSecret"] = ClientSecret,
        ["PartnerCenter:RefreshToken"] = InitialRefreshToken,
    };

    public static async Task<PartnerCenterFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = TestCertificateAuthority.Shared.IssueServerCertificate();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var fake = new PartnerCenterFake(app);
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return fake;
    }

    /// <summary>Adds a customer with a Polish billing profile; returns its id.</summary>
    public string AddCustomer(string companyName, string domain, string? id = null)
    {
        id ??= Guid.NewGuid().ToString();
        _customers[id] = new JsonObject
        {
            ["id"] = id,
            ["companyProfile"] = new JsonObject { ["tenantId"] = id, ["domain"] = domain, ["companyName"] = companyName },
            ["billingProfile"] = new JsonObject
            {
                ["id"] = "billing",
                ["firstName"] = "Anna",
                ["lastName"] = "Nowak",
                ["email"] = "faktury@" + domain.Split('.')[0] + ".pl",
                ["culture"] = "pl-PL",
                ["language"] = "pl",
                ["companyName"] = companyName,
                ["defaultAddress"] = new JsonObject
                {
                    ["country"] = "PL",
                    ["city"] = "Lublin",
                    ["addressLine1"] = "ul. Długa 5",
                    ["postalCode"] = "20-001",
                    ["phoneNumber"] = "+48 81 123 45 67",
                },
                ["attributes"] = new JsonObject { ["etag"] = NewEtag(), ["objectType"] = "CustomerBillingProfile" },
            },
        };
        return id;
    }

    /// <summary>
    /// Adds a customer as the API serves it: <paramref name="companyProfile"/> and <paramref name="billingProfile"/> in
    /// their documented shapes (the billing profile's etag is issued here), with a self-serve policy when
    /// <paramref name="purchasesAllowed"/>; a customer without an Azure plan has a policy create refused with 400.
    /// </summary>
    public void AddCustomer(string id, JsonObject companyProfile, JsonObject billingProfile, bool purchasesAllowed, bool hasAzurePlan)
    {
        billingProfile["attributes"] = new JsonObject { ["etag"] = NewEtag(), ["objectType"] = "CustomerBillingProfile" };
        _customers[id] = new JsonObject { ["id"] = id, ["companyProfile"] = companyProfile, ["billingProfile"] = billingProfile };
        if (purchasesAllowed)
        {
            _policies[id] = "policy-" + Interlocked.Increment(ref _counter);
        }

        if (!hasAzurePlan)
        {
            _withoutAzurePlan[id] = true;
        }
    }

    /// <summary>Serves a country's validation rules in the shape of GET /v1/countryvalidationrules/{iso2} (replacing the built-in PL, US, GB).</summary>
    public void ServeCountryRules(JsonObject rules) => _countryRules[rules["countryIso2Code"]!.GetValue<string>()] = rules;

    /// <summary>Someone changes the billing e-mail in the Partner Center portal: a new etag and an audit record of the portal's.</summary>
    public void ChangeInPortal(string customerId, string email, string userPrincipalName)
    {
        var billing = _customers[customerId]["billingProfile"]!.AsObject();
        billing["email"] = email;
        billing["attributes"] = new JsonObject { ["etag"] = NewEtag(), ["objectType"] = "CustomerBillingProfile" };
        Audit(customerId, "update_customer_billing_profile", userPrincipalName, "partner-center-portal");
    }

    public JsonObject Billing(string customerId) => (JsonObject)_customers[customerId]["billingProfile"]!.DeepClone();

    public bool HasPolicy(string customerId) => _policies.ContainsKey(customerId);

    /// <summary>
    /// The address service's answer for an address whose first line is <paramref name="addressLine1"/>: its status
    /// and suggestions (Polish addresses: line, postal code, city). Any other address is Verified.
    /// </summary>
    public void AnswerAddressCheck(string addressLine1, string status, params (string AddressLine1, string PostalCode, string City)[] suggestions) =>
        _addressChecks[addressLine1] = (status, suggestions.Select(a => new JsonObject
        {
            ["country"] = "PL",
            ["city"] = a.City,
            ["addressLine1"] = a.AddressLine1,
            ["postalCode"] = a.PostalCode,
        }).ToArray());

    /// <summary>
    /// What the API answers instead of serving: null serves; 503 is an outage; 401 with code 900421 is the
    /// service account's token without MFA (set with <see cref="FailWith"/>).
    /// </summary>
    public (int Status, int Code)? Failure { get; private set; }

    public void FailWith(int status, int code) => Failure = (status, code);

    /// <summary>
    /// While set, a billing profile PUT is refused with 400 naming this field in data[] (as the API refuses a value
    /// its own checks do not accept); null accepts again.
    /// </summary>
    public string? RefusedBillingField { get; set; }

    public void Serve() => Failure = null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication web)
    {
        web.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var n = Interlocked.Increment(ref _counter);
            var body = new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["ext_expires_in"] = 3600 };
            if (form["grant_type"] == "refresh_token")
            {
                body["access_token"] = "fake-user-token-" + n;
                body["refresh_token"] = "fake-refresh-" + n;
                body["client_info"] = B64(JsonSerializer.Serialize(new { uid = "service-account", utid = TenantId }));
                body["id_token"] = B64("""{"alg":"none","typ":"JWT"}""") + "." + B64(JsonSerializer.Serialize(new
                {
                    aud = ClientId,
                    iss = $"{Url}/{TenantId}/v2.0",
                    oid = "service-account",
                    tid = TenantId,
                    sub = "svc",
                    preferred_username = "partnerbot@partner.example",
                    iat = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
                })) + ".";
            }
            else
            {
                body["access_token"] = "fake-app-token-" + n;
            }

            return Results.Text(body.ToJsonString(), "application/json");
        });

        var api = web.MapGroup("/v1");
        api.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            _requests.Enqueue($"{request.Method} {request.Path} {request.Headers.IfMatch}".TrimEnd());
            if (Failure is { } failure)
            {
                return Results.Json(new { code = failure.Code, description = "failure set by the test" }, statusCode: failure.Status);
            }

            return request.Headers.Authorization.ToString().StartsWith("Bearer fake-", StringComparison.Ordinal)
                ? await next(context)
                : Results.Json(new { code = 401, description = "Unauthorized" }, statusCode: 401);
        });
        api.MapGet("/customers", (HttpRequest request) =>
        {
            IEnumerable<JsonObject> list = _customers.Values;
            if (request.Query["filter"].ToString() is { Length: > 0 } filter)
            {
                using var f = JsonDocument.Parse(filter);
                var field = f.RootElement.GetProperty("Field").GetString() == "Domain" ? "domain" : "companyName";
                var value = f.RootElement.GetProperty("Value").GetString() ?? "";
                list = list.Where(c => ListedProfile(c)[field]!.GetValue<string>().StartsWith(value, StringComparison.OrdinalIgnoreCase));
            }

            var items = new JsonArray(list.Select(c => (JsonNode)new JsonObject { ["id"] = c["id"]!.DeepClone(), ["companyProfile"] = ListedProfile(c) }).ToArray());
            return Json(new JsonObject { ["totalCount"] = items.Count, ["items"] = items });
        });
        api.MapGet("/customers/{id}", (string id) =>
            _customers.TryGetValue(id, out var c) ? Json(new JsonObject { ["id"] = c["id"]!.DeepClone(), ["companyProfile"] = ListedProfile(c), ["billingProfile"] = c["billingProfile"]!.DeepClone() }) : NotFound());
        api.MapGet("/customers/{id}/profiles/billing", (string id) =>
            _customers.TryGetValue(id, out var c) ? Json(c["billingProfile"]!.DeepClone()) : NotFound());
        api.MapGet("/customers/{id}/profiles/company", (string id) =>
            _customers.TryGetValue(id, out var c) ? Json(c["companyProfile"]!.DeepClone()) : NotFound());
        api.MapPut("/customers/{id}/profiles/billing", async (string id, HttpRequest request) =>
        {
            if (!_customers.TryGetValue(id, out var c))
            {
                return NotFound();
            }

            if (RefusedBillingField is { } refused)
            {
                return Results.Json(new { code = 2001, description = "Invalid " + refused, data = new[] { refused }, source = "PartnerFD" }, statusCode: 400);
            }

            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var current = c["billingProfile"]!["attributes"]!["etag"]!.GetValue<string>();
            var bodyEtag = body["attributes"]?["etag"]?.GetValue<string>();
            if (request.Headers.IfMatch.ToString().Trim('"') != current || bodyEtag != current)
            {
                return Results.Json(new { code = 2055, description = "Etag is no longer valid", data = Array.Empty<string>(), source = "PartnerFD" }, statusCode: 400);
            }

            body["attributes"] = new JsonObject { ["etag"] = NewEtag(), ["objectType"] = "CustomerBillingProfile" };
            c["billingProfile"] = body;
            Audit(id, "update_customer_billing_profile", "partnerbot@partner.example", ClientId);
            return Json(body.DeepClone());
        });
        api.MapGet("/SelfServePolicy", (string entity_id) =>
            Json(new JsonObject
            {
                ["totalCount"] = _policies.ContainsKey(entity_id) ? 1 : 0,
                ["items"] = _policies.TryGetValue(entity_id, out var p) ? new JsonArray(Policy(p, entity_id)) : new JsonArray(),
            }));
        api.MapPost("/SelfServePolicy", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var customer = body["selfServeEntity"]!["tenantID"]!.GetValue<string>();
            if (_policies.ContainsKey(customer))
            {
                return Results.Json(new { code = 409, description = "exists" }, statusCode: 409);
            }

            if (_withoutAzurePlan.ContainsKey(customer))
            {
                return Results.Json(new { code = 600026, description = "The customer does not have an Azure plan", source = "PartnerFD" }, statusCode: 400);
            }

            var policyId = "policy-" + Interlocked.Increment(ref _counter);
            _policies[customer] = policyId;
            Audit(customer, "create_customer_purchase_permissions", "partnerbot@partner.example", ClientId);
            return Results.Text(Policy(policyId, customer).ToJsonString(), "application/json", statusCode: 201);
        });
        api.MapDelete("/SelfServePolicy/{policyId}", (string policyId) =>
        {
            var entry = _policies.FirstOrDefault(p => p.Value == policyId);
            return entry.Key is not null && _policies.TryRemove(entry.Key, out _) ? Results.NoContent() : NotFound();
        });
        api.MapGet("/countryvalidationrules/{iso}", (string iso) => _countryRules.TryGetValue(iso, out var served) ? Json(served.DeepClone()) : iso.ToUpperInvariant() switch
        {
            "PL" => Json(Rules("PL", "^\\d{2}-\\d{3}$", phoneRequired: true, ["pl-PL", "en-US"], ["pl", "en"], "pl-PL")),
            "GB" => Json(Rules("GB", "^[A-Za-z0-9 ]{5,8}$", phoneRequired: false, ["en-GB"], ["en"], "en-GB")),
            "US" => Json(Rules("US", "^\\d{5}(-\\d{4})?$", phoneRequired: false, ["en-US"], ["en"], "en-US")),
            _ => NotFound(),
        });
        api.MapPost("/validations/address", async (HttpRequest request) =>
        {
            var address = (await JsonNode.ParseAsync(request.Body))!;
            var (status, suggestions) = _addressChecks.TryGetValue(address["addressLine1"]?.GetValue<string>() ?? "", out var answer) ? answer : ("Verified", []);
            return Json(new JsonObject
            {
                ["originalAddress"] = address.DeepClone(),
                ["suggestedAddresses"] = new JsonArray(suggestions.Select(a => (JsonNode)a.DeepClone()).ToArray()),
                ["status"] = status,
            });
        });
        api.MapGet("/auditrecords", () =>
        {
            var items = new JsonArray(_auditRecords.Select(r => (JsonNode)r.DeepClone()).ToArray());
            return Json(new JsonObject { ["totalCount"] = items.Count, ["items"] = items });
        });
    }

    private void Audit(string customerId, string operationType, string userPrincipalName, string applicationId) =>
        _auditRecords.Enqueue(new JsonObject
        {
            ["id"] = "audit-" + Interlocked.Increment(ref _counter),
            ["customerId"] = customerId,
            ["customerName"] = _customers.TryGetValue(customerId, out var c) ? c["companyProfile"]!["companyName"]!.GetValue<string>() : null,
            ["userPrincipalName"] = userPrincipalName,
            ["resourceType"] = "customer",
            ["operationType"] = operationType,
            ["operationStatus"] = "succeeded",
            ["operationDate"] = DateTimeOffset.UtcNow.ToString("O"),
            ["applicationId"] = applicationId,
        });

    private static JsonObject Policy(string id, string customerId) => new()
    {
        ["id"] = id,
        ["selfServeEntity"] = new JsonObject { ["selfServeEntityType"] = "customer", ["tenantID"] = customerId },
        ["permissions"] = new JsonArray(
            new JsonObject { ["action"] = "Purchase", ["resource"] = "AzureReservedInstances" },
            new JsonObject { ["action"] = "Purchase", ["resource"] = "AzureSavingsPlan" }),
        ["attributes"] = new JsonObject { ["etag"] = "p-" + id, ["objectType"] = "SelfServePolicy" },
    };

    private static JsonObject Rules(string iso, string postal, bool phoneRequired, string[] cultures, string[] languages, string defaultCulture) => new()
    {
        ["countryIso2Code"] = iso,
        ["supportedCulturesList"] = new JsonArray(cultures.Select(c => (JsonNode)c).ToArray()),
        ["supportedLanguagesList"] = new JsonArray(languages.Select(l => (JsonNode)l).ToArray()),
        ["defaultCulture"] = defaultCulture,
        ["isStateRequired"] = false,
        ["supportedStatesList"] = new JsonArray(),
        ["isCityRequired"] = true,
        ["isPostalCodeRequired"] = true,
        ["postalCodeRegex"] = postal,
        ["isPhoneNumberRequired"] = phoneRequired,
    };

    /// <summary>
    /// A customer's company profile as the customer list shows it: with the bill-to company name, which a partner may
    /// rename (domain.md), where the company profile itself keeps the tenant's own name.
    /// </summary>
    private static JsonObject ListedProfile(JsonObject customer)
    {
        var profile = customer["companyProfile"]!.DeepClone().AsObject();
        profile["companyName"] = customer["billingProfile"]!["companyName"]!.DeepClone();
        return profile;
    }

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");

    private static IResult NotFound() => Results.Json(new { code = 1000, description = "Not found" }, statusCode: 404);

    private static string NewEtag() => Guid.NewGuid().ToString("N");

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
