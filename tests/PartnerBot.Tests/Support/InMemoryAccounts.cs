using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Tests.Support;

/// <summary>
/// Customers in memory, found through the real search index, written like the system of record: idempotent
/// per operation id, a purchase permission refused without an Azure plan, and failures on demand.
/// </summary>
internal sealed class InMemoryAccounts : ICustomerDirectory, ICustomerAccountWriter, IDisposable
{
    private readonly Dictionary<string, CustomerAccount> _accounts = [];
    private readonly HashSet<string> _appliedOperations = [];
    private readonly CustomerSearchIndex _index = new();
    private readonly object _gate = new();

    /// <summary>How many purchase permission writes still fail as if the backend were down.</summary>
    public int FailingWrites { get; set; }

    public int PurchasePermissionWrites { get; private set; }

    public InMemoryAccounts Add(string id, string name, string domain, bool hasAzurePlan = true, bool allowed = false)
    {
        var account = new CustomerAccount(
            id,
            new CompanyProfile(id, domain, name, null),
            new BillingProfile(
                name,
                "Anna",
                "Nowak",
                "billing@" + domain,
                "en-US",
                "en",
                new Address("1 Main Street", null, null, "Warszawa", null, "00-950", "PL", "+48 22 123 45 67"),
                "etag-1"),
            hasAzurePlan,
            new PurchasePermission(allowed, allowed ? "policy-" + id : null));
        lock (_gate)
        {
            _accounts[id] = account;
        }

        _index.Upsert(new CustomerSearchEntry(id, name, domain));
        return this;
    }

    public CustomerAccount Account(string id)
    {
        lock (_gate)
        {
            return _accounts[id];
        }
    }

    public Task<IReadOnlyList<CustomerMatch>> SearchAsync(string query, int top, CancellationToken cancellationToken) =>
        Task.FromResult(_index.Search(query, top));

    public Task<CustomerAccount?> GetAccountAsync(string customerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_accounts.GetValueOrDefault(customerId));
        }
    }

    public Task<PurchasePermissionWriteResult> SetPurchasePermissionAsync(
        AuthorizedAction authorization, string customerId, bool allow, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization.EnsureFor(PartnerAction.ChangePurchasePermission);
        lock (_gate)
        {
            if (FailingWrites > 0)
            {
                FailingWrites--;
                throw new HttpRequestException("Partner Center did not answer.");
            }

            if (!_accounts.TryGetValue(customerId, out var account))
            {
                return Task.FromResult(new PurchasePermissionWriteResult(WriteStatus.NotFound, null));
            }

            if (!_appliedOperations.Add(operationId))
            {
                return Task.FromResult(new PurchasePermissionWriteResult(WriteStatus.AlreadyApplied, account.PurchasePermission));
            }

            if (allow && !account.HasAzurePlan)
            {
                return Task.FromResult(new PurchasePermissionWriteResult(WriteStatus.Rejected, account.PurchasePermission, "NoAzurePlan"));
            }

            PurchasePermissionWrites++;
            var permission = new PurchasePermission(allow, allow ? Guid.NewGuid().ToString() : null);
            _accounts[customerId] = account with { PurchasePermission = permission };
            return Task.FromResult(new PurchasePermissionWriteResult(WriteStatus.Applied, permission));
        }
    }

    public Task<BillingProfileWriteResult> ReplaceBillingProfileAsync(
        AuthorizedAction authorization, string customerId, BillingProfile profile, string ifMatchEtag, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(profile);
        authorization.EnsureFor(PartnerAction.UpdateBillingProfile);
        lock (_gate)
        {
            if (!_accounts.TryGetValue(customerId, out var account))
            {
                return Task.FromResult(new BillingProfileWriteResult(WriteStatus.NotFound, null));
            }

            if (account.Billing.Etag != ifMatchEtag)
            {
                return Task.FromResult(new BillingProfileWriteResult(WriteStatus.Conflict, account.Billing));
            }

            var written = profile with { Etag = Guid.NewGuid().ToString("N") };
            _accounts[customerId] = account with { Billing = written };
            return Task.FromResult(new BillingProfileWriteResult(WriteStatus.Applied, written));
        }
    }

    public void Dispose() => _index.Dispose();
}

/// <summary>The audit log in memory, newest first as the real ones list it.</summary>
internal sealed class InMemoryAuditLog : IAuditLog
{
    private readonly List<AuditEntry> _entries = [];

    public IReadOnlyList<AuditEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListForCustomerAsync(string customerId, int skip, int take, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            // Entries recorded at the same instant keep their order of recording, newest first.
            IReadOnlyList<AuditEntry> page = _entries
                .Select((entry, order) => (entry, order))
                .Where(e => e.entry.CustomerId == customerId)
                .OrderByDescending(e => e.entry.At)
                .ThenByDescending(e => e.order)
                .Skip(skip)
                .Take(take)
                .Select(e => e.entry)
                .ToList();
            return Task.FromResult(page);
        }
    }
}

/// <summary>A clock the test moves by hand, so history times are known.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
