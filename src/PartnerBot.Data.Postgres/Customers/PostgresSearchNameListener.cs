using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PartnerBot.Data.Postgres.Customers;

/// <summary>
/// Keeps this instance's search index current with the bill-to names other instances commit, from PostgreSQL's
/// notifications (migration 0008) on a connection of its own, so that a search asks the database nothing. A name is
/// found here once its notification arrives: milliseconds after its commit. When the connection is lost the
/// directory goes back to reading the new names before every question, until the listener is connected again and has
/// read what it missed meanwhile.
/// </summary>
public sealed partial class PostgresSearchNameListener(
    PostgresDatabase database, PostgresCustomerDirectory directory, TimeProvider clock, ILogger<PostgresSearchNameListener> logger)
{
    /// <summary>The channel migration 0008's trigger notifies with the search generation a new name took.</summary>
    public const string Channel = "partnerbot_search_names";

    /// <summary>
    /// How long the connection may stay quiet before a probe (<c>SELECT 1</c>, itself limited to
    /// <see cref="PostgresDatabase.ListeningCommandTimeout"/>) checks it is alive: a connection lost without a word
    /// from the network is noticed within the two, after which every question reads the new names again.
    /// </summary>
    public static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait before connecting again after the connection was lost or could not be made.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Listens until <paramref name="stopping"/> is cancelled, connecting again after every failure.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => failures = 0, stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (stopping.IsCancellationRequested && ex is OperationCanceledException or NpgsqlException)
            {
                // Stopping: Npgsql may report a cancelled wait as a broken connection; neither is an outage.
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                // The first failure in a row is worth a warning; a database down for minutes, not one every 2 seconds.
                if (failures++ == 0)
                {
                    LogLost(logger, ex);
                }
            }
            finally
            {
                directory.SetListening(false);
            }

            try
            {
                await Task.Delay(RetryAfter, clock, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken stopping)
    {
        await using var connection = await database.OpenListeningConnectionAsync(stopping).ConfigureAwait(false);
        long notified = 0;
        connection.Notification += (_, e) =>
        {
            // Raised on this loop's own await (WaitAsync): no other thread writes it.
            if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) && generation > notified)
            {
                notified = generation;
            }
        };

        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
        }

        // A name committed before the LISTEN took effect was notified to nobody here: read everything above the
        // generation held, then rely on notifications.
        await directory.CatchUpAsync(null, stopping).ConfigureAwait(false);
        directory.SetListening(true);
        connected();
        LogListening(logger);
        while (true)
        {
            if (await connection.WaitAsync((int)ProbeAfter.TotalMilliseconds, stopping).ConfigureAwait(false))
            {
                await directory.CatchUpAsync(notified, stopping).ConfigureAwait(false);
                continue;
            }

            await using (var probe = new NpgsqlCommand("SELECT 1", connection))
            {
                await probe.ExecuteScalarAsync(stopping).ConfigureAwait(false);
            }

            // A notification that arrived during the probe was taken by it, not by the next wait.
            await directory.CatchUpAsync(notified, stopping).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search names: listening to PostgreSQL notifications; searches ask the database nothing")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search names: the listening connection to PostgreSQL is lost; every question reads new names first until it is back")]
    private static partial void LogLost(ILogger logger, Exception exception);
}
