using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.Testing;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace PartnerBot.Graph.Tests.Support;

/// <summary>
/// Microsoft Graph and the Entra ID token endpoint as a WireMock.Net stand-in over HTTPS on 127.0.0.1 (a server
/// certificate from the shared test CA). It keeps a small directory (people, nested groups, directory roles) and
/// answers the calls the role directory makes the way Graph does: transitive checkMemberGroups with at most 20
/// ids, directoryRole pages with @odata.nextLink, 404 for an unknown user, 401 without the token it issued.
/// </summary>
public sealed class GraphStandIn : IDisposable
{
    public const string TenantId = "6f1c2a4e-0000-4000-8000-00000000aaaa";
    public const string AccessToken = "stand-in-graph-token";

    private readonly ConcurrentDictionary<string, Person> _people = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _parentGroup = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(int Status, TimeSpan? RetryAfter)> _failures = new();
    private readonly ConcurrentQueue<(string Path, int[] GroupCount, DateTimeOffset At)> _graphCalls = new();
    private readonly TimeProvider _clock;

    public GraphStandIn(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        Server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["https://127.0.0.1:0"],
            UseSSL = true,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestCertificateAuthority.Shared.IssueServerCertificate() },
        });
        Server.Given(Request.Create().WithPath($"/{TenantId}/oauth2/v2.0/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"{{AccessToken}}"}"""));
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/v1.0/*")))
            .RespondWith(Response.Create().WithCallback(Answer));
    }

    public WireMockServer Server { get; }

    /// <summary>The authority host (Graph:Authority) and Graph's root (Graph:BaseUrl).</summary>
    public string Authority => Server.Url!;

    public string BaseUrl => Server.Url + "/v1.0";

    /// <summary>When true every Graph call answers 503 (with Retry-After: 0, so retries do not wait).</summary>
    public bool Down { get; set; }

    public int TokenRequests => Server.LogEntries.Count(e => e.RequestMessage.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));

    /// <summary>Every Graph call answered (throttled ones too): its path, the group ids it asked about, when (on the stand-in's clock).</summary>
    public IReadOnlyList<(string Path, int[] GroupCount, DateTimeOffset At)> GraphCalls => [.. _graphCalls];

    public void AddPerson(string id, string displayName, string userType = "Member", string[]? groups = null, string[]? roleTemplateIds = null) =>
        _people[id] = new Person(displayName, userType, new ConcurrentDictionary<string, bool>((groups ?? []).ToDictionary(g => g, _ => true), StringComparer.OrdinalIgnoreCase), roleTemplateIds ?? []);

    /// <summary>Makes <paramref name="group"/> a member of <paramref name="parent"/> (GDAP setups nest groups like this).</summary>
    public void Nest(string group, string parent) => _parentGroup[group] = parent;

    public void RemoveFromGroup(string id, string group) => _people[id].Groups.TryRemove(group, out _);

    /// <summary>The next Graph call answers with <paramref name="status"/> (and Retry-After when given).</summary>
    public void FailNext(int status, TimeSpan? retryAfter = null) => _failures.Enqueue((status, retryAfter));

    public void Dispose() => Server.Stop();

    private ResponseMessage Answer(IRequestMessage request)
    {
        var path = request.Path;
        var groupCount = Array.Empty<int>();
        try
        {
            if (Down)
            {
                return Json(503, """{"error":{"code":"serviceNotAvailable","message":"stand-in is down"}}""", TimeSpan.Zero);
            }

            if (_failures.TryDequeue(out var failure))
            {
                return Json(failure.Status, """{"error":{"code":"TooManyRequests","message":"throttled by the stand-in"}}""", failure.RetryAfter);
            }

            if (!request.Headers!.TryGetValue("Authorization", out var auth) || auth.FirstOrDefault() != "Bearer " + AccessToken)
            {
                return Json(401, """{"error":{"code":"InvalidAuthenticationToken","message":"no token"}}""");
            }

            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries); // v1.0, users, {id}, ...
            if (segments.Length == 2 && segments[1] == "users")
            {
                return Json(200, """{"value":[{"id":"00000000-0000-0000-0000-000000000001"}]}""");
            }

            if (segments.Length < 3 || segments[1] != "users" || !_people.TryGetValue(segments[2], out var person))
            {
                return Json(404, """{"error":{"code":"Request_ResourceNotFound","message":"not found"}}""");
            }

            if (segments.Length == 3)
            {
                return Json(200, JsonSerializer.Serialize(new
                {
                    displayName = person.DisplayName,
                    mail = person.DisplayName.Replace(' ', '.').ToLowerInvariant() + "@partner.example",
                    userPrincipalName = person.DisplayName.Replace(' ', '.').ToLowerInvariant() + "@partner.example",
                    userType = person.UserType,
                }));
            }

            if (segments[3] == "checkMemberGroups" && request.Method == "POST")
            {
                var asked = JsonNode.Parse(request.Body!)!["groupIds"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
                groupCount = [asked.Count];
                if (asked.Count > 20)
                {
                    return Json(400, """{"error":{"code":"Request_BadRequest","message":"at most 20 groups"}}""");
                }

                var transitive = Transitive(person);
                return Json(200, JsonSerializer.Serialize(new { value = asked.Where(transitive.Contains).ToList() }));
            }

            if (segments[3] == "transitiveMemberOf")
            {
                // One role per page, so more than one role means following @odata.nextLink.
                var page = int.TryParse(request.Query?.TryGetValue("page", out var p) == true ? p.FirstOrDefault() : null, out var n) ? n : 0;
                var roles = person.RoleTemplateIds;
                var value = roles.Skip(page).Take(1).Select(r => new { roleTemplateId = r }).ToList();
                var next = page + 1 < roles.Length ? $"{BaseUrl}/users/{segments[2]}/transitiveMemberOf/microsoft.graph.directoryRole?page={page + 1}" : null;
                var body = new JsonObject { ["value"] = JsonSerializer.SerializeToNode(value) };
                if (next is not null)
                {
                    body["@odata.nextLink"] = next;
                }

                return Json(200, body.ToJsonString());
            }

            return Json(404, """{"error":{"code":"Request_ResourceNotFound","message":"not found"}}""");
        }
        finally
        {
            _graphCalls.Enqueue((path, groupCount, _clock.GetUtcNow()));
        }
    }

    private HashSet<string> Transitive(Person person)
    {
        var all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in person.Groups.Keys)
        {
            for (var g = group; g is not null && all.Add(g); g = _parentGroup.TryGetValue(g, out var parent) ? parent : null)
            {
            }
        }

        return all;
    }

    private static ResponseMessage Json(int status, string body, TimeSpan? retryAfter = null)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
        };
        response.AddHeader("Content-Type", "application/json");
        if (retryAfter is { } wait)
        {
            response.AddHeader("Retry-After", ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }

    private sealed record Person(string DisplayName, string UserType, ConcurrentDictionary<string, bool> Groups, string[] RoleTemplateIds);
}
