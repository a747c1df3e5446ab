using PartnerBot.Data.BotState;

namespace PartnerBot.Hosting;

/// <summary>
/// Deletes bot state untouched for longer than BotState:ExpireAfter, every BotState:SweepEvery, so an abandoned
/// conversation does not keep a billing profile draft for ever (reads already treat it as absent).
/// </summary>
internal sealed partial class BotStateSweep(
    IExpiringBotState store, BotStateOptions options, TimeProvider clock, ILogger<BotStateSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepEvery, clock);
        do
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogSwept(logger, deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A sweep that fails (a busy or read-only database) is tried again at the next tick, not fatal.
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted expired bot state of {Count} conversations")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot state sweep failed; trying again at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
