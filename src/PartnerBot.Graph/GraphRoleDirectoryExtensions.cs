using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using PartnerBot.Domain.Staff;
using Polly;

namespace PartnerBot.Graph;

public static class GraphRoleDirectoryExtensions
{
    /// <summary>The named HttpClient Azure.Identity uses for tokens (so tests and proxies configure it like any other).</summary>
    public const string TokenClientName = "PartnerBot.Graph.Token";

    /// <summary>
    /// Replaces the role directory with the partner's Entra ID through Microsoft Graph. Settings: the "Graph"
    /// and "Roles" sections; <paramref name="allowedTenantId"/> is Teams:AllowedTenantId, required because a
    /// role from Entra ID means something only for the partner's own tenant.
    /// </summary>
    public static IServiceCollection AddGraphRoleDirectory(
        this IServiceCollection services, IConfiguration configuration, string? allowedTenantId)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(allowedTenantId))
        {
            throw new InvalidOperationException(
                "Roles:Provider is EntraId, so Teams:AllowedTenantId must name the partner's tenant: roles from Entra ID "
                + "apply to that tenant's people only. Set Teams:AllowedTenantId (or use Roles:Provider=Embedded).");
        }

        var graph = configuration.GetSection(GraphOptions.SectionName).Get<GraphOptions>() ?? new GraphOptions();
        var roles = configuration.GetSection(EntraRoleOptions.SectionName).Get<EntraRoleOptions>() ?? new EntraRoleOptions();
        var groupRoles = roles.Groups.ByGroupId();
        if (groupRoles.Count == 0)
        {
            throw new InvalidOperationException(
                "Roles:Provider is EntraId but no group is configured: set Roles:Groups:AdminAgents, Roles:Groups:SalesAgents "
                + "and Roles:Groups:HelpdeskAgents to the object ids of the groups Partner Center created.");
        }

        var tenant = graph.TenantOr(allowedTenantId)!;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new GraphRoleSettings(allowedTenantId, groupRoles, roles.EffectiveCacheDuration));
        services.AddHttpClient(TokenClientName);
        services.AddSingleton<TokenCredential>(sp => CreateCredential(graph, tenant, sp.GetRequiredService<IHttpClientFactory>()));
        services.AddTransient<GraphTokenHandler>();

        var root = graph.BaseUrl.ToString();
        var client = services.AddHttpClient<GraphRoleDirectory>(client =>
            {
                // A trailing slash makes "users/..." resolve under /v1.0 rather than replace it.
                client.BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns the time budget
            });

        // Outermost first: the budget and retries wrap the token too, so a slow token endpoint counts against the turn.
        client.AddResilienceHandler("graph", (pipeline, context) =>
            {
                // Waits (Retry-After included) run on the host's clock, so tests observe them with a fake one.
                pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline
                    .AddTimeout(graph.LookupBudget)
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        // 429 and 5xx (and a lost connection), waiting what Retry-After says when Graph says it.
                        MaxRetryAttempts = 3,
                        BackoffType = DelayBackoffType.Exponential,
                        Delay = TimeSpan.FromMilliseconds(500),
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                    })
                    .AddTimeout(graph.LookupBudget / 2);
            });
        client.AddHttpMessageHandler<GraphTokenHandler>();

        services.RemoveAll<IRoleDirectory>();
        services.AddSingleton<IRoleDirectory>(sp => sp.GetRequiredService<GraphRoleDirectory>());
        return services;
    }

    private static TokenCredential CreateCredential(GraphOptions graph, string tenant, IHttpClientFactory clients)
    {
        var transport = new HttpClientTransport(clients.CreateClient(TokenClientName));
        var isMicrosoftCloud = graph.AuthorityHost.Host.EndsWith(".microsoftonline.com", StringComparison.OrdinalIgnoreCase)
            || graph.AuthorityHost.Host.EndsWith(".microsoftonline.us", StringComparison.OrdinalIgnoreCase)
            || graph.AuthorityHost.Host.EndsWith(".chinacloudapi.cn", StringComparison.OrdinalIgnoreCase);

        void Configure(TokenCredentialOptions options)
        {
            options.AuthorityHost = graph.AuthorityHost;
            options.Transport = transport;
            options.Retry.MaxRetries = 1;
            options.Retry.NetworkTimeout = graph.LookupBudget / 2;
        }

        if (!string.IsNullOrWhiteSpace(graph.ClientSecret))
        {
            var options = new ClientSecretCredentialOptions { DisableInstanceDiscovery = !isMicrosoftCloud };
            Configure(options);
            return new ClientSecretCredential(tenant, Required(graph.ClientId, "Graph:ClientId"), graph.ClientSecret, options);
        }

        if (!string.IsNullOrWhiteSpace(graph.ClientCertificatePath))
        {
            var options = new ClientCertificateCredentialOptions { DisableInstanceDiscovery = !isMicrosoftCloud };
            Configure(options);
            return new ClientCertificateCredential(tenant, Required(graph.ClientId, "Graph:ClientId"), graph.ClientCertificatePath, options);
        }

        // In Azure without a secret: the managed identity (user-assigned when Graph:ClientId names it).
        var managed = new ManagedIdentityCredentialOptions(string.IsNullOrWhiteSpace(graph.ClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(graph.ClientId));
        Configure(managed);
        return new ManagedIdentityCredential(managed);
    }

    private static string Required(string? value, string setting) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"{setting} is required for Roles:Provider=EntraId.") : value;
}
