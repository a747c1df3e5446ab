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

/// <summary>
/// Whether Graph answers the role directory. A probe that gives up (its own timeout) does not cancel the check:
/// the next probe joins the one in flight, so a cold start (first token, first TLS handshake) still finishes
/// instead of starting over each time, and Graph is asked once however often probes come.
/// </summary>
internal sealed class GraphRoleDirectoryReadiness(GraphRoleDirectory directory) : IReadinessCheck
{
    private readonly Lock _gate = new();
    private Task<bool>? _inFlight;

    public string Name => "role directory (Microsoft Graph)";

    public async Task<string?> GetProblemAsync(CancellationToken cancellationToken)
    {
        Task<bool> probe;
        lock (_gate)
        {
            if (_inFlight is null || _inFlight.IsCompleted)
            {
                _inFlight = directory.AnswersAsync(CancellationToken.None);
            }

            probe = _inFlight;
        }

        // The reason names no Graph text: the log has the status or exception type.
        return await probe.WaitAsync(cancellationToken) ? null : "Microsoft Graph does not answer (see the log)";
    }
}
