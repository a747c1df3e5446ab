using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.PartnerCenter.Api;

namespace PartnerBot.PartnerCenter.Directory;

/// <summary>
/// Keeps the local customer mirror and the search index current. On start the index is filled from the
/// stored mirror (so a restart serves searches at once, before Partner Center answers anything); then the
/// full list is paged in the background: at once when the mirror is empty or stale, then every
/// <see cref="PartnerCenterOptions.MirrorRefreshInterval"/>, and early when asked (after a search found nothing,
/// after a change). A search never waits for a sync.
/// </summary>
public sealed class CustomerMirrorSync(
    PartnerCenterClient client,
    ICustomerMirrorStore store,
    ICustomerSearchIndex index,
    PartnerCenterOptions options,
    TimeProvider clock,
    ILogger<CustomerMirrorSync> logger) : BackgroundService
{
    private readonly SemaphoreSlim _refreshRequested = new(0, 1);
    private readonly Lock _gate = new();
    private HashSet<string> _indexedIds = new(StringComparer.OrdinalIgnoreCase);
    private CustomerMirrorStatus _status = new(0, null);

    /// <summary>Size and age of the mirror as the index serves it.</summary>
    public CustomerMirrorStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Asks for a refresh soon; repeated requests before it runs are one refresh.</summary>
    public void RequestRefresh()
    {
        if (_refreshRequested.CurrentCount == 0)
        {
            try
            {
                _refreshRequested.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller asked at the same moment: one refresh serves both.
            }
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        var stamp = await store.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        Apply(stored, stamp.LastSyncedAt, replace: true);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Customer mirror loaded: {Count} customers, last synced {SyncedAt}", stored.Count, stamp.LastSyncedAt);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pages through every customer and replaces the mirror; returns how many there are.</summary>
    public async Task<int> SyncNowAsync(CancellationToken cancellationToken)
    {
        var customers = new List<CustomerSearchEntry>();
        PageCursor? cursor = null;
        do
        {
            var page = await client.ListCustomersAsync(cursor, cancellationToken).ConfigureAwait(false);
            customers.AddRange(page.Customers);
            cursor = page.Next;
        }
        while (cursor is not null);

        var syncedAt = clock.GetUtcNow();
        await store.ReplaceAllAsync(customers, syncedAt, cancellationToken).ConfigureAwait(false);
        Apply(customers, syncedAt, replace: true);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Customer mirror refreshed from Partner Center: {Count} customers", customers.Count);
        }

        return customers.Count;
    }

    /// <summary>Customers found between refreshes (by a live prefix search) join the mirror and the index now.</summary>
    public async Task AddFoundAsync(IReadOnlyList<CustomerSearchEntry> customers, CancellationToken cancellationToken)
    {
        if (customers.Count == 0)
        {
            return;
        }

        await store.UpsertAsync(customers, cancellationToken).ConfigureAwait(false);
        Apply(customers, null, replace: false);
    }

    /// <summary>How soon a failed refresh is tried again the first time; each further failure doubles it, up to the interval.</summary>
    public static readonly TimeSpan FirstRetryAfterFailure = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = Status.LastSyncedAt is not { } last || clock.GetUtcNow() - last >= options.MirrorRefreshInterval;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.MirrorRefreshInterval;
            if (due)
            {
                try
                {
                    await SyncNowAsync(stoppingToken).ConfigureAwait(false);
                    failures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The mirror keeps serving what it has. A failed refresh is tried again soon (2 s, doubling, at most
                    // the interval): a first sync lost to a slow cold start or a short outage must not leave an empty
                    // mirror, and /readyz not ready, for a whole interval.
                    failures++;
                    wait = TimeSpan.FromTicks(Math.Min(options.MirrorRefreshInterval.Ticks, FirstRetryAfterFailure.Ticks << Math.Min(failures - 1, 16)));
                    logger.LogWarning(
                        "Customer mirror refresh failed, trying again in {Wait}: {Error}",
                        wait,
                        ex is PartnerCenterException pc ? pc.Message + " " + pc.AdminAdvice : ex.GetType().Name);
                }
            }

            using var interval = new CancellationTokenSource(wait, clock);
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, interval.Token);
            try
            {
                await _refreshRequested.WaitAsync(wake.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The interval is up: time for the regular refresh.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            due = true;
        }
    }

    public override void Dispose()
    {
        _refreshRequested.Dispose();
        base.Dispose();
    }

    private void Apply(IReadOnlyList<CustomerSearchEntry> customers, DateTimeOffset? syncedAt, bool replace)
    {
        lock (_gate)
        {
            var ids = replace ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : _indexedIds;
            foreach (var customer in customers)
            {
                index.Upsert(customer);
                ids.Add(customer.CustomerId);
            }

            if (replace)
            {
                foreach (var gone in _indexedIds.Where(id => !ids.Contains(id)))
                {
                    index.Remove(gone);
                }
            }

            _indexedIds = ids;
            _status = new CustomerMirrorStatus(ids.Count, syncedAt ?? _status.LastSyncedAt);
        }
    }
}
