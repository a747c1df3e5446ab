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

    /// <summary>One sweep of both.</summary>
    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        await SweepOneAsync(store.DeleteExpiredAsync, count => LogSwept(logger, count), ex => LogSweepFailed(logger, ex), cancellationToken);
        await SweepOneAsync(ledger.PurgeExpiredAsync, count => LogLedgerPurged(logger, count), ex => LogLedgerPurgeFailed(logger, ex), cancellationToken);
    }

    // One that fails (a busy or read-only database) neither keeps the other from running nor stops the sweep: it is
    // tried again at the next tick.
    private static async Task SweepOneAsync(
        Func<CancellationToken, Task<int>> sweep, Action<int> swept, Action<Exception> failed, CancellationToken cancellationToken)
    {
        try
        {
            var count = await sweep(cancellationToken);
            if (count > 0)
            {
                swept(count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failed(ex);
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
