namespace PartnerBot.Hosting;

/// <summary>Something the bot needs before it can serve a turn (the database, say).</summary>
public interface IReadinessCheck
{
    string Name { get; }

    Task<bool> IsReadyAsync(CancellationToken cancellationToken);

    /// <summary>A line for operators after the verdict (the customer mirror's size and age, say); null for none.</summary>
    string? Detail => null;
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
            var details = new List<string>();
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

                if (check.Detail is { Length: > 0 } detail)
                {
                    details.Add(detail);
                }
            }

            var text = (failing.Count == 0 ? "ready" : "not ready: " + string.Join(", ", failing))
                + string.Concat(details.Select(d => "\n" + d));
            return failing.Count == 0
                ? Results.Text(text)
                : Results.Text(text, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
