using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Domain.Staff;
using PartnerBot.Testing;

namespace PartnerBot.Graph.Tests.Support;

/// <summary>The Graph role directory as the host composes it (AddGraphRoleDirectory), pointed at a stand-in.</summary>
internal sealed class GraphDirectoryHost : IAsyncDisposable
{
    public const string AdminAgents = "a0000000-0000-4000-8000-000000000001";
    public const string SalesAgents = "a0000000-0000-4000-8000-000000000002";
    public const string HelpdeskAgents = "a0000000-0000-4000-8000-000000000003";

    private readonly ServiceProvider _services;

    private GraphDirectoryHost(ServiceProvider services) => _services = services;

    public GraphRoleDirectory Directory => _services.GetRequiredService<GraphRoleDirectory>();

    public IRoleDirectory Port => _services.GetRequiredService<IRoleDirectory>();

    public static Dictionary<string, string?> Settings(GraphStandIn standIn) => new()
    {
        ["Graph:BaseUrl"] = standIn.BaseUrl,
        ["Graph:Authority"] = standIn.Authority,
        ["Graph:ClientId"] = "11111111-2222-3333-4444-555555555555",
        ["Graph:ClientSecret"] = "stand-in-secret",
        ["Roles:Provider"] = "EntraId",
        ["Roles:Groups:AdminAgents"] = AdminAgents,
        ["Roles:Groups:SalesAgents"] = SalesAgents,
        ["Roles:Groups:HelpdeskAgents"] = HelpdeskAgents,
        // Generous, so a busy test machine does not turn a slow answer into "Graph is down"; the tests that
        // are about waiting run on a fake clock.
        ["Graph:LookupBudget"] = "00:01:00",
    };

    public static GraphDirectoryHost Start(GraphStandIn standIn, TimeProvider clock, IDictionary<string, string?>? more = null)
    {
        var settings = Settings(standIn);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddGraphRoleDirectory(configuration, GraphStandIn.TenantId);
        // In-process clients trust the test CA alone (a child process gets the same through SSL_CERT_FILE).
        services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => TestCertificateAuthority.Shared.CreateTrustingHandler()));
        return new GraphDirectoryHost(services.BuildServiceProvider());
    }

    public static PartnerUser Member(string id, string? tenant = GraphStandIn.TenantId) => new(id, tenant, id);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
