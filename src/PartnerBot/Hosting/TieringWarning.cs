namespace PartnerBot.Hosting;

/// <summary>
/// Says once, at start, when the process sees one CPU and the runtime's tiering delay is left at its default. On one CPU
/// the runtime multiplies its 100 ms wait for a pause in newly called methods by ten before it optimizes hot code; under
/// steady traffic a bot calls some method for the first time within every second, so its hot paths stayed unoptimized
/// for as long as the traffic lasted (docs/benchmarks.md, 2026-11-28). The runtime reads the setting before any managed
/// code runs, so only the environment can give it: build/run.sh and the Azure deployment do.
/// </summary>
internal sealed class TieringWarning : IHostedService
{
    internal const string Multiplier = "DOTNET_TC_DelaySingleProcMultiplier";

    private readonly ILogger<TieringWarning> _logger;
    private readonly int _processorCount;
    private readonly string? _multiplier;

    public TieringWarning(ILogger<TieringWarning> logger)
        : this(logger, Environment.ProcessorCount, Environment.GetEnvironmentVariable(Multiplier))
    {
    }

    internal TieringWarning(ILogger<TieringWarning> logger, int processorCount, string? multiplier)
    {
        _logger = logger;
        _processorCount = processorCount;
        _multiplier = multiplier;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_processorCount == 1 && string.IsNullOrEmpty(_multiplier))
        {
            _logger.LogWarning(
                "This process sees one CPU and {Setting} is not set: the runtime waits for a 1-second pause in traffic before it optimizes the bot's hot code, "
                + "so under steady load every turn costs more CPU. Set {Setting}=1 in the environment (build/run.sh and the Azure deployment do).",
                Multiplier,
                Multiplier);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
