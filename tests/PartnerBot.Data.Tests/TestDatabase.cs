using System.Collections.Concurrent;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Data.Staff;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Staff;

namespace PartnerBot.Data.Tests;

/// <summary>A real SQLite file of its own in a temp folder, so tests run in parallel; deleted afterwards.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private TestDatabase(string folder)
    {
        _folder = folder;
        Path = System.IO.Path.Combine(folder, "db", "partnerbot.db");
        Database = new SqliteDatabase(Path);
    }

    public string Path { get; }

    public SqliteDatabase Database { get; }

    /// <summary>A migrated database, seeded with the demo data unless told otherwise.</summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, bool seed = true)
    {
        var folder = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(), "partnerbot-data-tests", Guid.NewGuid().ToString("N"));
        var test = new TestDatabase(folder);
        if (migrate)
        {
            await test.Database.MigrateAsync(CancellationToken.None);
        }

        if (migrate && seed)
        {
            await DemoSeeder.SeedAsync(test.Database, CancellationToken.None);
        }

        return test;
    }

    /// <summary>The real authorization over the real role directory: the only way to get an AuthorizedAction.</summary>
    public async Task<AuthorizedAction> AuthorizeAsync(string aadObjectId, PartnerAction action)
    {
        var authorization = new AccountAuthorization(new SqliteRoleDirectory(Database), new RolePolicy(), TimeProvider.System);
        var decision = await authorization.AuthorizeAsync(
            new PartnerUser(aadObjectId, DemoData.PlaygroundTenantId, "Test user"), action, CancellationToken.None);
        return decision.Authorized ?? throw new InvalidOperationException($"{aadObjectId} may not {action}.");
    }

    public Task<AuthorizedAction> AdminAsync(PartnerAction action) => AuthorizeAsync(DemoData.AdeleVanceId, action);

    public ValueTask DisposeAsync()
    {
        Database.ReleasePooledConnections();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a connection of a failed test; the OS temp cleanup takes it later.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The search index's test double: exact, case-insensitive substring matches on name or domain.</summary>
internal sealed class FakeSearchIndex : ICustomerSearchIndex
{
    private readonly ConcurrentDictionary<string, CustomerSearchEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _entries.Count;

    public void Upsert(CustomerSearchEntry entry) => _entries[entry.CustomerId] = entry;

    public void Remove(string customerId) => _entries.TryRemove(customerId, out _);

    public IReadOnlyList<CustomerMatch> Search(string query, int top) =>
        _entries.Values
            .Where(e => e.CompanyName.Contains(query, StringComparison.OrdinalIgnoreCase)
                || e.Domain.Contains(query, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.CompanyName, StringComparer.Ordinal)
            .Take(top)
            .Select(e => new CustomerMatch(e.CustomerId, e.CompanyName, e.Domain,
                string.Equals(e.CompanyName, query, StringComparison.OrdinalIgnoreCase) ? 1 : 0.5))
            .ToList();
}
