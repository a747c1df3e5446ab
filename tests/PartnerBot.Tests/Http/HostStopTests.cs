using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Data.Customers;

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
}
