using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnerBot.Data.Postgres.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Postgres.Tests;

/// <summary>
/// Another instance's search takes in only the bill-to names written since its last one, in the order they commit
/// (migration 0007): a rename is found on every instance at its next search, whoever wrote it and however late
/// its transaction committed. Each search here is a question of its own, with its own read key, as each turn of the
/// bot is. Those tests run the other instance without its listener, as it is while its listening connection is down;
/// the listener's own tests show a name found by notification, within the same question, and the fallback.
/// </summary>
public sealed class SearchGenerationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static CustomerAccount Contoso => DemoData.Customers.First(c => c.Company.CompanyName.StartsWith("Contoso", StringComparison.Ordinal));

    private static CustomerAccount Fabrikam => DemoData.Customers.First(c => c.Company.CompanyName.StartsWith("Fabrikam", StringComparison.Ordinal));

    public static TheoryData<string> Postgres => TestPostgres.Enabled ? new TheoryData<string> { StoreUnderTest.Postgres } : [];

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_rename_that_commits_after_the_other_instance_searched_is_found_at_its_next_search(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();

        // Two renames in flight at once, the one started first committing last: the first holds the generation until
        // it commits, so the second waits for it and neither can be skipped.
        await using var slow = new NpgsqlConnection(store.ConnectionString);
        await slow.OpenAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await RenameAsync(slow, slowTransaction, Contoso.CustomerId, "Quarkonium Widgets");
        var fast = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(store.ConnectionString);
            await connection.OpenAsync();
            await RenameAsync(connection, null, Fabrikam.CustomerId, "Zephyrine Looms");
        });
        await using (var watch = new NpgsqlConnection(store.ConnectionString))
        {
            await watch.OpenAsync();
            while (!fast.IsCompleted && !await WaitsOnALockAsync(watch))
            {
                await Task.Yield();
            }
        }

        // Had the later rename committed first, this search would read it and step over the earlier one for good.
        Assert.DoesNotContain(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Zephyrine Looms", 5, None), m => m.CustomerId == Fabrikam.CustomerId);
        Assert.DoesNotContain(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets", 5, None), m => m.CustomerId == Contoso.CustomerId);
        await slowTransaction.CommitAsync();
        await fast;

        Assert.Contains(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets", 5, None), m => m.CustomerId == Contoso.CustomerId);
        Assert.Contains(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Zephyrine Looms", 5, None), m => m.CustomerId == Fabrikam.CustomerId);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_name_an_operator_writes_by_hand_is_found_and_an_address_change_takes_no_generation(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        var before = await GenerationAsync(connection);

        await using (var address = new NpgsqlCommand("UPDATE billing_profiles SET city = 'Gdynia' WHERE customer_id = @id", connection))
        {
            address.Parameters.AddWithValue("id", Contoso.CustomerId);
            await address.ExecuteNonQueryAsync();
        }

        Assert.Equal(before, await GenerationAsync(connection));

        await RenameAsync(connection, null, Contoso.CustomerId, "Quarkonium Widgets");
        Assert.Equal(before + 1, await GenerationAsync(connection));
        var found = Assert.Single(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets", 5, None), m => m.CustomerId == Contoso.CustomerId);
        Assert.Equal("Quarkonium Widgets", found.CompanyName);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task Names_written_in_one_transaction_share_one_generation_and_are_all_found(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        var before = await GenerationAsync(connection);

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await RenameAsync(connection, transaction, Contoso.CustomerId, "Quarkonium Widgets");
            await RenameAsync(connection, transaction, Fabrikam.CustomerId, "Zephyrine Looms");
            await transaction.CommitAsync();
        }

        await RenameAsync(connection, null, Contoso.CustomerId, "Quarkonium Widgets Two");
        Assert.Equal(before + 2, await GenerationAsync(connection));
        Assert.Contains(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Zephyrine Looms", 5, None), m => m.CustomerId == Fabrikam.CustomerId);
        Assert.Equal("Quarkonium Widgets Two", Assert.Single(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets Two", 5, None), m => m.CustomerId == Contoso.CustomerId).CompanyName);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task The_searches_of_one_question_see_one_list_and_the_next_question_sees_the_rename(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        var other = store.OtherInstance();
        var question = await store.ReadKeyAsync();
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();

        Assert.Contains(await other.Directory.SearchAsync(question, Contoso.Billing.CompanyName, 5, None), m => m.CustomerId == Contoso.CustomerId);
        await RenameAsync(connection, null, Contoso.CustomerId, "Quarkonium Widgets");

        // The recognizer's further searches for the same question read the list its first search read.
        Assert.DoesNotContain(await other.Directory.SearchAsync(question, "Quarkonium Widgets", 5, None), m => m.CustomerId == Contoso.CustomerId);
        Assert.Contains(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets", 5, None), m => m.CustomerId == Contoso.CustomerId);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task A_listening_instance_finds_a_name_committed_elsewhere_without_waiting_for_another_question(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await using var other = await ListeningInstance.StartAsync(store.ConnectionString!);
        var question = await store.ReadKeyAsync();
        Assert.Contains(await other.Directory.SearchAsync(question, Contoso.Billing.CompanyName, 5, None), m => m.CustomerId == Contoso.CustomerId);

        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await RenameAsync(connection, null, Contoso.CustomerId, "Quarkonium Widgets");

        // The same question: without the listener its searches keep the list its first one read (test above).
        await WaitForAsync(async () => (await other.Directory.SearchAsync(question, "Quarkonium Widgets", 5, None))
            .Any(m => m.CustomerId == Contoso.CustomerId && m.CompanyName == "Quarkonium Widgets"));
        Assert.True(other.Directory.IsListening);
    }

    [Theory]
    [MemberData(nameof(Postgres))]
    public async Task While_the_listening_connection_is_down_every_question_reads_new_names_first_and_listening_resumes(string name)
    {
        await using var store = await StoreUnderTest.OpenAsync(name);
        await using var other = await ListeningInstance.StartAsync(store.ConnectionString!);
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();

        // The server ends the listener's session, as a failover or an operator would.
        await using (var end = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name",
            connection))
        {
            end.Parameters.AddWithValue("name", PostgresDatabase.ListeningApplicationName);
            Assert.True((bool)(await end.ExecuteScalarAsync())!);
        }

        await WaitForAsync(() => Task.FromResult(!other.Directory.IsListening));

        // Down (its retry waits on the fake clock): a name committed now is found at the next question all the same.
        await RenameAsync(connection, null, Contoso.CustomerId, "Quarkonium Widgets");
        Assert.Contains(await other.Directory.SearchAsync(await store.ReadKeyAsync(), "Quarkonium Widgets", 5, None), m => m.CustomerId == Contoso.CustomerId);

        // Back: what was committed while it reconnected is read, and later names arrive by notification again.
        await RenameAsync(connection, null, Fabrikam.CustomerId, "Zephyrine Looms");
        await WaitForAsync(() =>
        {
            // Again while waiting: the listener may set its retry's timer after the first advance.
            other.Clock.Advance(PostgresSearchNameListener.RetryAfter);
            return Task.FromResult(other.Directory.IsListening);
        });
        var question = await store.ReadKeyAsync();
        Assert.Contains(await other.Directory.SearchAsync(question, "Zephyrine Looms", 5, None), m => m.CustomerId == Fabrikam.CustomerId);
        await RenameAsync(connection, null, Contoso.CustomerId, "Quarkonium Widgets Two");
        await WaitForAsync(async () => (await other.Directory.SearchAsync(question, "Quarkonium Widgets Two", 5, None))
            .Any(m => m.CustomerId == Contoso.CustomerId && m.CompanyName == "Quarkonium Widgets Two"));
    }

    /// <summary>Waits for a condition reached by another connection's work; the limit only stops a broken build hanging.</summary>
    internal static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < limit, "the condition was not reached in 30 s");
            await Task.Delay(10);
        }
    }

    internal static async Task RenameAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string customerId, string companyName)
    {
        await using var rename = new NpgsqlCommand("UPDATE billing_profiles SET company_name = @name WHERE customer_id = @id", connection, transaction);
        rename.Parameters.AddWithValue("name", companyName);
        rename.Parameters.AddWithValue("id", customerId);
        Assert.Equal(1, await rename.ExecuteNonQueryAsync());
    }

    private static async Task<bool> WaitsOnALockAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static async Task<long> GenerationAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT value FROM search_generation", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>Another instance with its own pool, its own index and its search name listener running.</summary>
internal sealed class ListeningInstance : IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    private ListeningInstance(PostgresDatabase database, string? snapshotPath)
    {
        _database = database;
        Directory = new PostgresCustomerDirectory(database, new CustomerSearchIndex()) { SearchIndexSnapshotPath = snapshotPath };
    }

    public PostgresCustomerDirectory Directory { get; }

    public FakeTimeProvider Clock { get; } = new();

    /// <summary>
    /// Started as the host starts it: the index loading behind (from <paramref name="snapshotPath"/> when given) while
    /// the listener starts; returns once the listener has caught up.
    /// </summary>
    public static async Task<ListeningInstance> StartAsync(string connectionString, string? snapshotPath = null)
    {
        var instance = new ListeningInstance(new PostgresDatabase(connectionString), snapshotPath);
        _ = instance.Directory.StartLoadingSearchIndex(CancellationToken.None);
        var listener = new PostgresSearchNameListener(
            instance._database, instance.Directory, instance.Clock, NullLogger<PostgresSearchNameListener>.Instance);
        instance._running = listener.RunAsync(instance._stopping.Token);
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!instance.Directory.IsListening)
        {
            Assert.True(DateTime.UtcNow < limit, "the listener did not start listening in 30 s");
            await Task.Delay(10);
        }

        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _running;

        // As the host's stop: the snapshot the load writes after it is on disk before the instance is gone.
        if (Directory.SearchIndexSnapshotWriting is { } writing)
        {
            await writing;
        }

        _stopping.Dispose();
        Directory.Dispose();
        await _database.DisposeAsync();
    }
}
