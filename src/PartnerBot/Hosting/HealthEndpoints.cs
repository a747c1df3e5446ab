using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerBot.Hosting;

/// <summary>Something the bot needs before it can serve a turn (the database, say).</summary>
public interface IReadinessCheck
{
    string Name { get; }

    /// <summary>Null when ready; otherwise why not, for the operator reading /readyz.</summary>
    Task<string?> GetProblemAsync(CancellationToken cancellationToken);

    /// <summary>A line for operators after the verdict (the customer mirror's size and age, say); null for none.</summary>
    string? Detail => null;
}

public static class HealthEndpoints
{
    private const string ReadinessCheckName = "readiness";
    private const string ReadyTag = "ready";

    /// <summary>ASP.NET Core's health checks, with one that asks every <see cref="IReadinessCheck"/> the host registered.</summary>
    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>(ReadinessCheckName, tags: [ReadyTag]);
        return services;
    }

    /// <summary>/healthz: the process answers (no check runs). /readyz: every readiness check passes (503 with each failing check's reason otherwise).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => WriteTextAsync(context, "ok"),
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            // The operator's text (what is not ready and why, the mirror's age), not the framework's JSON.
            ResponseWriter = (context, report) => WriteTextAsync(
                context,
                report.Entries.TryGetValue(ReadinessCheckName, out var readiness) ? readiness.Description ?? report.Status.ToString() : report.Status.ToString()),
        });
        return endpoints;
    }

    private static Task WriteTextAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    private sealed class ReadinessHealthCheck(IEnumerable<IReadinessCheck> checks) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var failing = new List<string>();
            var details = new List<string>();
            foreach (var check in checks)
            {
                string? problem;
                try
                {
                    problem = await check.GetProblemAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    problem = ex.GetType().Name;
                }

                if (problem is not null)
                {
                    failing.Add(check.Name + " (" + problem + ")");
                }

                if (check.Detail is { Length: > 0 } detail)
                {
                    details.Add(detail);
                }
            }

            var text = (failing.Count == 0 ? "ready" : "not ready: " + string.Join(", ", failing))
                + string.Concat(details.Select(d => "\n" + d));
            return failing.Count == 0 ? HealthCheckResult.Healthy(text) : HealthCheckResult.Unhealthy(text);
        }
    }
}
