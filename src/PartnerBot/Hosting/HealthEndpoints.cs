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
    /// <summary>/healthz: the process answers. /readyz: every readiness check passes (503 with each failing check's reason otherwise).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", async (IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken) =>
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
            return failing.Count == 0
                ? Results.Text(text)
                : Results.Text(text, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
