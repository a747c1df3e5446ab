using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Data;
using PartnerBot.Data.Staff;
using PartnerBot.Hosting;

namespace PartnerBot.Tests.Hosting;

/// <summary>The host's background checkpoints over a real SQLite file: what a copy of the file alone would hold.</summary>
public sealed class WalCheckpointsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("partnerbot-checkpoints-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Writes_reach_the_file_itself_in_the_background_batch_after_batch_and_stopping_ends_the_checkpoints()
    {
        var database = new SqliteDatabase(Path.Combine(_folder.FullName, "partnerbot.db"));
        await database.MigrateAsync(CancellationToken.None);
        var roles = new SqliteRoleDirectory(database);
        var checkpoints = new WalCheckpoints(database, NullLogger<WalCheckpoints>.Instance);
        await checkpoints.StartAsync(CancellationToken.None);
        try
        {
            // Two batches: the second must reach the file through the same checkpoints that copied the first.
            for (var batch = 1; batch <= 2; batch++)
            {
                for (var i = 0; i < 10; i++)
                {
                    await roles.SaveStaffAsync($"checkpointed-{batch}-{i}", $"Person {batch}.{i}", null, CancellationToken.None);
                }

                await WaitUntilTheFileAloneHoldsAsync(database.DatabasePath, 10 * batch);
            }
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            await checkpoints.StopAsync(CancellationToken.None);
            // The checkpoint thread waits out its half-second tick at most: a stop must not hang on it.
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopping.Elapsed}");
            checkpoints.Dispose();
            database.ReleasePooledConnections();
        }
    }

    /// <summary>A file-level copy without the -wal beside it (what a naive backup takes) until it has the rows, or 15 s.</summary>
    private async Task WaitUntilTheFileAloneHoldsAsync(string databasePath, long expected)
    {
        var copy = Path.Combine(_folder.FullName, "copy.db");
        var deadline = Stopwatch.StartNew();
        long found;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            File.Copy(databasePath, copy, overwrite: true);
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM staff WHERE aad_object_id LIKE 'checkpointed-%'";
            found = (long)(await count.ExecuteScalarAsync())!;
        }
        while (found < expected && deadline.Elapsed < TimeSpan.FromSeconds(15));

        Assert.Equal(expected, found);
    }
}
