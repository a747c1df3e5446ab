using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerBot.Domain.Audit;

namespace PartnerBot.PartnerCenter.Directory;

/// <summary>
/// Settles the audit outbox's pending intents: changes sent to Partner Center whose outcome was never recorded
/// (a timeout, a crash between the call and the record). On start and then every minute, each intent older
/// than <see cref="MinimumAge"/> is checked by reading Partner Center (never by writing again) and moved to
/// the audit trail as Applied or Failed, so nothing applied goes unrecorded.
/// </summary>
public sealed class AuditOutboxReplay(
    IAuditOutbox outbox,
    PartnerCenterCustomerDirectory directory,
    TimeProvider clock,
    ILogger<AuditOutboxReplay> logger) : BackgroundService
{
    /// <summary>
    /// Younger intents may belong to a write still in flight in this process: reading too early would call
    /// "not applied" what is about to land. Well above a write's whole timeout.
    /// </summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>Settles every pending intent old enough; returns how many were settled.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        var now = clock.GetUtcNow();
        foreach (var pending in await outbox.ListPendingAsync(cancellationToken).ConfigureAwait(false))
        {
            if (now - pending.At < MinimumAge)
            {
                continue;
            }

            if (await directory.SettleAsync(pending, cancellationToken).ConfigureAwait(false))
            {
                settled++;
            }
        }

        return settled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            try
            {
                await ReplayAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database or Partner Center is not answering: the intents stay pending for the next round.
                logger.LogWarning("Audit outbox replay failed: {Error}", ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
