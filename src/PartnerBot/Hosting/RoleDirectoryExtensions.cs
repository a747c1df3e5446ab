using PartnerBot.Bots;
using PartnerBot.Graph;

namespace PartnerBot.Hosting;

public static class RoleDirectoryExtensions
{
    /// <summary>
    /// Where roles come from (Roles:Provider): the embedded staff table (default, registered by AddEmbeddedStore)
    /// or the partner's Entra ID through Microsoft Graph, which then also answers /readyz. Call after the store.
    /// </summary>
    public static IHostApplicationBuilder AddRoleDirectory(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var provider = configuration.GetSection(EntraRoleOptions.SectionName).Get<EntraRoleOptions>()?.Provider ?? RoleProvider.Embedded;
        if (provider == RoleProvider.EntraId)
        {
            var allowedTenant = configuration.GetSection(TeamsOptions.SectionName).Get<TeamsOptions>()?.AllowedTenantId;
            builder.Services.AddGraphRoleDirectory(configuration, allowedTenant);
            builder.Services.AddSingleton<IReadinessCheck, GraphRoleDirectoryReadiness>();
        }

        return builder;
    }
}

internal sealed class GraphRoleDirectoryReadiness(GraphRoleDirectory directory) : IReadinessCheck
{
    public string Name => "role directory (Microsoft Graph)";

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => directory.AnswersAsync(cancellationToken);
}
