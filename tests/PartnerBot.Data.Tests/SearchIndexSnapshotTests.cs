using Microsoft.Data.Sqlite;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Domain.Search;

namespace PartnerBot.Data.Tests;

/// <summary>
/// A restart reads the search index from the snapshot beside the database while the customers are as it was written
/// from, and builds it from the rows otherwise: a customer added or renamed while the bot was down is found by its
/// name, and a damaged snapshot costs only the time of a build.
/// </summary>
public sealed class SearchIndexSnapshotTests
{
    private const string Added = "Hurtownia Papieru Zielonka sp. z o.o.";

    [Fact]
    public async Task A_restart_with_the_same_customers_reads_the_snapshot_and_finds_them()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (first, firstIndex) = await StartAsync(test);
        using (firstIndex)
        {
            Assert.StartsWith("from the rows", first.SearchIndexLoadNote, StringComparison.Ordinal);
            Assert.True(File.Exists(first.SearchIndexSnapshotPath));
        }

        var (again, index) = await StartAsync(test);
        using (index)
        {
            Assert.StartsWith("from the snapshot", again.SearchIndexLoadNote, StringComparison.Ordinal);
            Assert.Equal(DemoData.Customers.Count, index.Count);
            var krasnik = DemoData.Customers.First(c => c.Billing.CompanyName.StartsWith("Zakłady Mięsne", StringComparison.Ordinal));
            var found = await again.SearchAsync(TestKeys.Read, "zaklady miesne krasnik", 5, CancellationToken.None);
            Assert.Equal(krasnik.CustomerId, found[0].CustomerId);
        }
    }

    [Fact]
    public async Task A_customer_added_and_one_renamed_while_the_bot_was_down_are_found_after_the_restart()
    {
        await using var test = await TestDatabase.CreateAsync();
        var (_, firstIndex) = await StartAsync(test);
        firstIndex.Dispose();
        var renamed = DemoData.Customers[0];
        var template = DemoData.Customers[1];
        await ExecuteAsync(test, $"UPDATE billing_profiles SET company_name = 'Przetwórnia Owoców Sandomierz' WHERE customer_id = '{renamed.CustomerId}'");
        await ExecuteAsync(test, $"""
            INSERT INTO customers (id, domain, company_name, source, created_at)
            VALUES ('7d1f7d4e-0000-4000-8000-00000000ad0e', 'zielonka-papier.pl', '{Added}', 'manual', '2026-11-28T08:00:00.0000000Z');
            INSERT INTO billing_profiles (customer_id, company_name, first_name, last_name, email, culture, language, address_line1, country, etag, updated_at)
            SELECT '7d1f7d4e-0000-4000-8000-00000000ad0e', '{Added}', first_name, last_name, email, culture, language, address_line1, country, 'e1', updated_at
            FROM billing_profiles WHERE customer_id = '{template.CustomerId}';
            """);

        var (restarted, index) = await StartAsync(test);
        using (index)
        {
            Assert.Contains("snapshot not used", restarted.SearchIndexLoadNote, StringComparison.Ordinal);
            var added = await restarted.SearchAsync(TestKeys.Read, "hurtownia papieru zielonka", 5, CancellationToken.None);
            Assert.Equal("7d1f7d4e-0000-4000-8000-00000000ad0e", added[0].CustomerId);
            var byNewName = await restarted.SearchAsync(TestKeys.Read, "przetwornia owocow sandomierz", 5, CancellationToken.None);
            Assert.Equal(renamed.CustomerId, byNewName[0].CustomerId);
            var byOldName = await restarted.SearchAsync(TestKeys.Read, renamed.Billing.CompanyName, 5, CancellationToken.None);
            Assert.DoesNotContain(byOldName, m => m.CompanyName == renamed.Billing.CompanyName);
        }

        // The snapshot written by that build serves the next restart.
        var (next, nextIndex) = await StartAsync(test);
        using (nextIndex)
        {
            Assert.StartsWith("from the snapshot", next.SearchIndexLoadNote, StringComparison.Ordinal);
            Assert.Equal(DemoData.Customers.Count + 1, nextIndex.Count);
            Assert.Equal(renamed.CustomerId, (await next.SearchAsync(TestKeys.Read, "przetwornia owocow", 5, CancellationToken.None))[0].CustomerId);
        }
    }

    [Fact]
    public async Task The_first_start_answers_searches_while_its_snapshot_is_still_being_written_and_the_next_start_reads_it()
    {
        await using var test = await TestDatabase.CreateAsync();

        // A slow disk: the snapshot's write (27 MB and a flush at 100,000 customers) does not end until released.
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        using var index = new CustomerSearchIndex();
        var directory = new SqliteCustomerDirectory(test.Database, index)
        {
            SnapshotWriter = (snapshots, path, stamp) =>
            {
                writing.TrySetResult();
                release.Wait(TimeSpan.FromSeconds(60));
                return SearchIndexLoading.WriteSnapshot(snapshots, path, stamp);
            },
        };
        var initializer = new SqliteDataInitializer(test.Database, new SqliteDataOptions { DatabasePath = test.Path }, directory);

        try
        {
            await initializer.InitializeAsync(CancellationToken.None, indexInBackground: true);

            // The load ends with the index ready, not with the snapshot on disk.
            Assert.Equal(DemoData.Customers.Count, await directory.SearchIndexLoaded!.WaitAsync(TimeSpan.FromSeconds(30)));
            await writing.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var krasnik = DemoData.Customers.First(c => c.Billing.CompanyName.StartsWith("Zakłady Mięsne", StringComparison.Ordinal));
            var found = await directory.SearchAsync(TestKeys.Read, "zaklady miesne krasnik", 5, CancellationToken.None);
            Assert.Equal(krasnik.CustomerId, found[0].CustomerId);
            Assert.False(directory.SearchIndexSnapshotWriting!.IsCompleted);
            Assert.EndsWith("snapshot being written", directory.SearchIndexLoadNote, StringComparison.Ordinal);
            Assert.False(File.Exists(directory.SearchIndexSnapshotPath), "a snapshot is on disk before it was written whole");
        }
        finally
        {
            release.Set();
        }

        await directory.SearchIndexSnapshotWriting!;
        Assert.Equal("from the rows; snapshot written", directory.SearchIndexLoadNote);

        var (again, againIndex) = await StartAsync(test);
        using (againIndex)
        {
            Assert.StartsWith("from the snapshot", again.SearchIndexLoadNote, StringComparison.Ordinal);
            Assert.Equal(DemoData.Customers.Count, againIndex.Count);
            Assert.NotEmpty(await again.SearchAsync(TestKeys.Read, "Contoso", 5, CancellationToken.None));
        }
    }

    [Theory]
    [InlineData("flipped")]
    [InlineData("cut short")]
    [InlineData("not a snapshot")]
    [InlineData("of the previous format")]
    public async Task A_damaged_snapshot_is_ignored_and_the_customers_are_found(string damage)
    {
        await using var test = await TestDatabase.CreateAsync();
        var (first, firstIndex) = await StartAsync(test);
        firstIndex.Dispose();
        var bytes = await File.ReadAllBytesAsync(first.SearchIndexSnapshotPath);
        bytes = damage switch
        {
            "flipped" => Flip(bytes, bytes.Length / 2),
            "cut short" => bytes[..(bytes.Length / 3)],
            "of the previous format" => OfFormat(bytes, 1),
            _ => "PK\u0003\u0004 not an index"u8.ToArray(),
        };
        await File.WriteAllBytesAsync(first.SearchIndexSnapshotPath, bytes);

        var (restarted, index) = await StartAsync(test);
        using (index)
        {
            Assert.Contains("snapshot not used", restarted.SearchIndexLoadNote, StringComparison.Ordinal);
            Assert.Equal(DemoData.Customers.Count, index.Count);
            var contoso = await restarted.SearchAsync(TestKeys.Read, "Contoso", 5, CancellationToken.None);
            Assert.NotEmpty(contoso);
        }

        // Rewritten whole by that build.
        var (next, nextIndex) = await StartAsync(test);
        using (nextIndex)
        {
            Assert.StartsWith("from the snapshot", next.SearchIndexLoadNote, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The snapshot with another format number and its checksum made again: whole and undamaged, as a build that wrote
    /// that format left it (format 1 kept a record and three strings per customer, read differently).
    /// </summary>
    private static byte[] OfFormat(byte[] bytes, int format)
    {
        var body = bytes[..^System.Security.Cryptography.SHA256.HashSizeInBytes];
        BitConverter.GetBytes(format).CopyTo(body, "PBSEARCH".Length);
        return [.. body, .. System.Security.Cryptography.SHA256.HashData(body)];
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0x5A;
        return bytes;
    }

    private static async Task<(SqliteCustomerDirectory Directory, CustomerSearchIndex Index)> StartAsync(TestDatabase test)
    {
        var index = new CustomerSearchIndex();
        var directory = new SqliteCustomerDirectory(test.Database, index);
        var initializer = new SqliteDataInitializer(test.Database, new SqliteDataOptions { DatabasePath = test.Path }, directory);
        await initializer.InitializeAsync(CancellationToken.None, indexInBackground: true);
        await directory.SearchIndexLoaded!;

        // As the host's stop does: the snapshot written behind the load is on disk before the next start.
        if (directory.SearchIndexSnapshotWriting is { } writing)
        {
            await writing;
        }

        return (directory, index);
    }

    private static async Task ExecuteAsync(TestDatabase test, string sql)
    {
        await using var connection = await test.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
