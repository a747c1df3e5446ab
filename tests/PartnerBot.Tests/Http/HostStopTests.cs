using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newtonsoft.Json.Linq;
using PartnerBot.Data;
using PartnerBot.Data.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Hosting;
using PartnerBot.Tests.MessageExtension;

namespace PartnerBot.Tests.Http;

/// <summary>The real host stopped while the search index still loads behind it (a deploy or scale-in right after a start).</summary>
public sealed class HostStopTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("partnerbot-stop-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_host_stopped_during_the_index_load_waits_for_it_and_its_snapshot_is_whole_at_the_next_start()
    {
        var databasePath = Path.Combine(_folder.FullName, "partnerbot.db");
        // Enough customers that the load from the rows outlasts a start followed at once by a stop.
        var settings = new Dictionary<string, string?> { ["DemoData:SyntheticCustomers"] = "5000" };
        Task<int>? loading;
        await using (var first = new BotApplication(databasePath, settings))
        {
            using var client = first.CreateClient();
            loading = first.Services.GetRequiredService<SqliteCustomerDirectory>().SearchIndexLoaded;
        }

        Assert.NotNull(loading);
        Assert.True(loading.IsCompleted, "the host stopped while its search index was still loading");
        Assert.True(File.Exists(databasePath + ".search-index"), "no index snapshot was written before the host stopped");

        await using var second = new BotApplication(databasePath, settings);
        using var again = second.CreateClient();
        var directory = second.Services.GetRequiredService<SqliteCustomerDirectory>();
        Assert.True(await directory.SearchIndexLoaded!.WaitAsync(TimeSpan.FromSeconds(60)) > 5000);
        Assert.StartsWith("from the snapshot", directory.SearchIndexLoadNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_stopped_while_its_first_start_writes_the_snapshot_waits_for_the_write()
    {
        var databasePath = Path.Combine(_folder.FullName, "partnerbot.db");
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        bool? writtenWhenStoreStopped = null;
        await using (var first = new BotApplication(databasePath, services: s =>
        {
            s.AddSingleton(sp =>
            {
                var database = sp.GetRequiredService<SqliteDatabase>();
                var index = sp.GetRequiredService<ICustomerSearchIndex>();
                var store = new SqliteCustomerDirectory(database, index);
                return new SqliteCustomerDirectory(database, index, sp.GetRequiredService<TimeProvider>())
                {
                    // A slow disk: the write is still going when the host is told to stop (a deploy right after a start).
                    SnapshotWriter = (snapshots, path, stamp) =>
                    {
                        writing.TrySetResult();
                        release.Wait(TimeSpan.FromSeconds(60));
                        var notWritten = store.SnapshotWriter(snapshots, path, stamp);
                        written.TrySetResult();
                        return notWritten;
                    },
                };
            });

            // The host stops its services in the reverse order of their registration, one after the other: the write
            // ends as the store's stop begins, and whether it has ended is looked at as soon as the store's stop returns.
            var store = s.IndexOf(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EmbeddedStoreStartup)));
            s.Insert(store + 1, ServiceDescriptor.Singleton<IHostedService>(new WhenStopped(release.Set)));
            s.Insert(store, ServiceDescriptor.Singleton<IHostedService>(new WhenStopped(() => writtenWhenStoreStopped = written.Task.IsCompleted)));
        }))
        {
            using var client = first.CreateClient();
            var directory = first.Services.GetRequiredService<SqliteCustomerDirectory>();
            await directory.SearchIndexLoaded!.WaitAsync(TimeSpan.FromSeconds(60));
            await writing.Task.WaitAsync(TimeSpan.FromSeconds(60));

            // The compose box finds a customer meanwhile: the write holds up no search.
            var found = await CustomerSearchExtensionTests.InvokeAsync(client, "composeExtension/query", CustomerSearchExtensionTests.Query("contoso"), "en-US");
            Assert.NotEmpty((JArray)found["composeExtension"]!["attachments"]!);
            Assert.False(File.Exists(directory.SearchIndexSnapshotPath), "a snapshot is on disk before it was written whole");
        }

        Assert.True(writtenWhenStoreStopped, "the store's stop returned while its search index snapshot was still being written");

        await using var second = new BotApplication(databasePath);
        using var again = second.CreateClient();
        var restarted = second.Services.GetRequiredService<SqliteCustomerDirectory>();
        await restarted.SearchIndexLoaded!.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("from the snapshot", restarted.SearchIndexLoadNote, StringComparison.Ordinal);
    }

    /// <summary>Does <paramref name="stopping"/> when the host stops it.</summary>
    private sealed class WhenStopped(Action stopping) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            stopping();
            return Task.CompletedTask;
        }
    }
}
