using PartnerBot.Data.Activities;
using PartnerBot.Data.BotState;

namespace PartnerBot.Hosting;

/// <summary>
/// Every BotState:SweepEvery: deletes bot state untouched for longer than BotState:ExpireAfter, so an abandoned
/// conversation does not keep a billing profile draft for ever (reads already treat it as absent), and forgets the
/// activities whose ledger entries have lapsed (an hour after their answer; reads treat those as absent too), so the
/// ledger, one row per message or press, does not grow for as long as the bot runs.
/// </summary>
internal sealed partial class BotStateSweep(
    IExpiringBotState store, IActivityLedger ledger, BotStateOptions options, TimeProvider clock, ILogger<BotStateSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepEvery, clock);
        do
        {
            await SweepAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep of both; one failing (a busy or read-only database) does not keep the other from running.</summary>
    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await store.DeleteExpiredAsync(cancellationToken);
            if (deleted > 0)
            {
                LogSwept(logger, deleted);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Tried again at the next tick, not fatal.
            LogSweepFailed(logger, ex);
        }

        try
        {
            var purged = await ledger.PurgeExpiredAsync(cancellationToken);
            if (purged > 0)
            {
                LogLedgerPurged(logger, purged);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLedgerPurgeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted expired bot state of {Count} conversations")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot state sweep failed; trying again at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} lapsed activities in the activity ledger")]
    private static partial void LogLedgerPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity ledger purge failed; trying again at the next tick")]
    private static partial void LogLedgerPurgeFailed(ILogger logger, Exception exception);
}
