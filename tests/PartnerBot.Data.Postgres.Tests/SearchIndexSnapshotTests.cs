using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnerBot.Data.Postgres.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>
/// An instance starts from its search index snapshot (written at a search generation of this database) and reads only
/// the names written since: it must find every rename, made before its start by another instance or after it, and
/// must never take a snapshot of another database for its own.
/// </summary>
public sealed class SearchIndexSnapshotTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "partnerbot-snapshot-tests", Guid.NewGuid().ToString("N"));

    private string SnapshotPath => Path.Combine(_folder, "postgres.search-index");

    private static CustomerAccount Contoso => DemoData.Customers.First(c => c.Company.CompanyName.StartsWith("Contoso", StringComparison.Ordinal));

    private static CustomerAccount Fabrikam => DemoData.Customers.First(c => c.Company.CompanyName.StartsWith("Fabrikam", StringComparison.Ordinal));

    public static TheoryData<string> Postgres => TestPostgres.Enabled ? new TheoryData<string> { StoreUnderTest.Postgres } : [];

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task An_instance_started_from_a_snapshot_finds_the_renames_made_elsewhere_before_and_after_its_start(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await using (var first = await ListeningInstance.StartAsync(store.ConnectionString!, SnapshotPath))
        {
            await first.Directory.SearchIndexSnapshotWriting!;
            Assert.StartsWith("from the rows", first.Directory.SearchIndexLoadNote, StringComparison.Ordinal);
            Assert.EndsWith("snapshot written", first.Directory.SearchIndexLoadNote, StringComparison.Ordinal);
        }

        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await SearchGenerationTests.RenameAsync(connection, null, Contoso.CustomerId, "Quarkonium Widgets");

        // Restarted: the snapshot holds the old name, the rename is above its generation.
        await using var restarted = await ListeningInstance.StartAsync(store.ConnectionString!, SnapshotPath);
        Assert.StartsWith("from the snapshot", restarted.Directory.SearchIndexLoadNote, StringComparison.Ordinal);
        Assert.Contains("1 names written since", restarted.Directory.SearchIndexLoadNote, StringComparison.Ordinal);
        var question = await store.ReadKeyAsync();
        var found = Assert.Single(await restarted.Directory.SearchAsync(question, "Quarkonium Widgets", 5, None), m => m.CustomerId == Contoso.CustomerId);
        Assert.Equal("Quarkonium Widgets", found.CompanyName);
        Assert.DoesNotContain(await restarted.Directory.SearchAsync(question, Contoso.Billing.CompanyName, 5, None), m => m.CompanyName == Contoso.Billing.CompanyName);

        // After its start: by notification, within the same question.
        await SearchGenerationTests.RenameAsync(connection, null, Fabrikam.CustomerId, "Zephyrine Looms");
        await SearchGenerationTests.WaitForAsync(async () => (await restarted.Directory.SearchAsync(question, "Zephyrine Looms", 5, None))
            .Any(m => m.CustomerId == Fabrikam.CustomerId && m.CompanyName == "Zephyrine Looms"));
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_snapshot_written_from_another_database_is_not_read_even_at_the_same_generation(string name)
    {
        await using var one = await StoreUnderTest.OpenAsync(name);
        await using var another = await StoreUnderTest.OpenAsync(name);
        await using (var connection = new NpgsqlConnection(one.ConnectionString))
        {
            await connection.OpenAsync();
            await SearchGenerationTests.RenameAsync(connection, null, Fabrikam.CustomerId, "Zephyrine Looms");
        }

        await using (var first = await ListeningInstance.StartAsync(one.ConnectionString!, SnapshotPath))
        {
            await first.Directory.SearchIndexSnapshotWriting!;
            Assert.EndsWith("snapshot written", first.Directory.SearchIndexLoadNote, StringComparison.Ordinal);
        }

        // The same generation in the other database, taken by another name.
        await using (var connection = new NpgsqlConnection(another.ConnectionString))
        {
            await connection.OpenAsync();
            await SearchGenerationTests.RenameAsync(connection, null, Contoso.CustomerId, "Quarkonium Widgets");
        }

        await using var instance = await ListeningInstance.StartAsync(another.ConnectionString!, SnapshotPath);
        Assert.Contains("written from another database", instance.Directory.SearchIndexLoadNote, StringComparison.Ordinal);
        var question = await another.ReadKeyAsync();
        Assert.Contains(await instance.Directory.SearchAsync(question, "Quarkonium Widgets", 5, None), m => m.CustomerId == Contoso.CustomerId);
        Assert.DoesNotContain(await instance.Directory.SearchAsync(question, "Zephyrine Looms", 5, None), m => m.CompanyName == "Zephyrine Looms");
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_search_while_the_index_loads_says_the_list_is_still_loading_and_then_finds(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await using var database = new PostgresDatabase(store.ConnectionString!);
        var clock = new FakeTimeProvider();
        using var directory = new PostgresCustomerDirectory(database, new CustomerSearchIndex(), clock) { SearchIndexSnapshotPath = SnapshotPath };

        // The load waits behind an operator's lock on the table it reads first, as behind a slow database.
        await using var blocker = new NpgsqlConnection(store.ConnectionString);
        await blocker.OpenAsync();
        var holding = await blocker.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("LOCK TABLE store_identity IN ACCESS EXCLUSIVE MODE", blocker, holding))
        {
            await take.ExecuteNonQueryAsync();
        }

        var loaded = directory.StartLoadingSearchIndex(None);
        var question = await store.ReadKeyAsync();
        var search = directory.SearchAsync(question, Contoso.Billing.CompanyName, 5, None);
        await SearchGenerationTests.WaitForAsync(() =>
        {
            // Again while waiting: the search may set its timer after the first advance.
            clock.Advance(PostgresCustomerDirectory.IndexLoadWait);
            return Task.FromResult(search.IsCompleted);
        });
        await Assert.ThrowsAsync<CustomerListLoadingException>(() => search);

        await holding.RollbackAsync();
        await loaded;
        Assert.Contains(await directory.SearchAsync(question, Contoso.Billing.CompanyName, 5, None), m => m.CustomerId == Contoso.CustomerId);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task The_first_start_answers_searches_while_its_snapshot_is_still_being_written(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await using var database = new PostgresDatabase(store.ConnectionString!);

        // A slow disk: the snapshot's write (27 MB and a flush at 100,000 customers) does not end until released.
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        using var directory = new PostgresCustomerDirectory(database, new CustomerSearchIndex(), new FakeTimeProvider())
        {
            SearchIndexSnapshotPath = SnapshotPath,
            SnapshotWriter = (_, _, _) =>
            {
                writing.TrySetResult();
                release.Wait(TimeSpan.FromSeconds(60));
                return "the disk is slow";
            },
        };

        try
        {
            // The load ends with the index ready, not with the snapshot on disk.
            Assert.Equal(DemoData.Customers.Count, await directory.StartLoadingSearchIndex(None).WaitAsync(TimeSpan.FromSeconds(30)));
            await writing.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var question = await store.ReadKeyAsync();
            Assert.Contains(await directory.SearchAsync(question, Contoso.Billing.CompanyName, 5, None), m => m.CustomerId == Contoso.CustomerId);
            Assert.False(directory.SearchIndexSnapshotWriting!.IsCompleted);
            Assert.EndsWith("snapshot being written", directory.SearchIndexLoadNote, StringComparison.Ordinal);
        }
        finally
        {
            release.Set();
        }

        await directory.SearchIndexSnapshotWriting!;
        Assert.EndsWith("snapshot not written: the disk is slow", directory.SearchIndexLoadNote, StringComparison.Ordinal);
    }
}
