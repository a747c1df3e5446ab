namespace PartnerBot.Hosting;

/// <summary>Something the bot needs before it can serve a turn (the database, say).</summary>
public interface IReadinessCheck
{
    string Name { get; }

    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}

public static class HealthEndpoints
{
    /// <summary>/healthz: the process answers. /readyz: every readiness check passes (503 otherwise).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", async (IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken) =>
        {
            var failing = new List<string>();
            foreach (var check in checks)
            {
                bool ready;
                try
                {
                    ready = await check.IsReadyAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ready = false;
                }

                if (!ready)
                {
                    failing.Add(check.Name);
                }
            }

            return failing.Count == 0
                ? Results.Text("ready")
                : Results.Text("not ready: " + string.Join(", ", failing), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
