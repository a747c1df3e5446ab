using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PartnerBot.Data;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Data.Tests;
using PartnerBot.Domain.Staff;
using PartnerBot.Testing;

namespace PartnerBot.Tests.Http;

/// <summary>The real host over a real SQLite file that turns read-only, disappears, is locked, or was lost before start.</summary>
public sealed class DatabaseFaultEndpointTests : IDisposable
{
    private const int BusyTimeoutMilliseconds = 1000;
    private static readonly string Contoso = DemoData.CustomerIdFor("contoso.onmicrosoft.com");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("partnerbot-dbfault-");

    private string DatabasePath => Path.Combine(_folder.FullName, "partnerbot.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Readyz_is_503_with_the_reason_while_the_file_is_read_only_and_ready_again_when_writable()
    {
        await using var app = new BotApplication(DatabasePath);
        var client = app.CreateClient();
        Assert.Equal("ready", await client.GetStringAsync(new Uri("/readyz", UriKind.Relative)));

        using (ReadOnlyFile.Make(DatabasePath))
        {
            using var notReady = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("can only be read", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("ready", await client.GetStringAsync(new Uri("/readyz", UriKind.Relative)));
        var offer = Assert.Single(await PostAsync(client, Activity("en-US", "update contoso")));
        Assert.Contains("Contoso Ltd", offer.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "I can't save anything right now: the database is not available.")]
    [InlineData("pl-PL", "Nie mogę teraz niczego zapisać: baza danych jest niedostępna.")]
    public async Task A_database_file_deleted_while_running_is_reported_by_readyz_and_to_the_user(string locale, string unavailable)
    {
        await using var app = new BotApplication(DatabasePath);
        var client = app.CreateClient();
        Assert.Equal("ready", await client.GetStringAsync(new Uri("/readyz", UriKind.Relative)));

        File.Delete(DatabasePath);

        using var notReady = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("is missing", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The help text needs no database; saving the turn's state does, and the user is told it did not happen.
        var replies = await PostAsync(client, Activity(locale, "help"));
        Assert.Contains(unavailable, (string?)replies.Last()["text"], StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Theory]
    [InlineData("en-US", "The database is busy, please try again.", "Billing information updated")]
    [InlineData("pl-PL", "Baza danych jest zajęta, spróbuj ponownie.", "Zaktualizowano informacje rozliczeniowe")]
    public async Task A_write_lock_held_elsewhere_is_answered_busy_in_time_nothing_is_written_and_try_again_saves(
        string locale, string busy, string updated)
    {
        await using var app = new BotApplication(DatabasePath, new Dictionary<string, string?>
        {
            ["Database:BusyTimeoutMilliseconds"] = BusyTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var client = app.CreateClient();
        var confirm = await ConfirmCardAsync(client, locale, "locked.out@contoso.com");
        var customers = app.Services.GetRequiredService<SqliteCustomerDirectory>();
        var read = (await app.Services.GetRequiredService<AccountAuthorization>().AuthorizeReadAsync(
            new PartnerUser(DemoData.AdeleVanceId, DemoData.PlaygroundTenantId, "Adele Vance"), CancellationToken.None)).Read!;
        var before = (await customers.GetAccountAsync(read, Contoso, CancellationToken.None))!.Billing.Email;

        JArray replies;
        var clock = Stopwatch.StartNew();
        await using (var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var lockHeld = (SqliteTransaction)await holder.BeginTransactionAsync();
            var (confirmVerb, confirmData) = CardPress.Button(confirm, locale == "pl-PL" ? "Potwierdź" : "Confirm");
            replies = await PostAsync(client, CardPress.Execute(Activity(locale), confirmVerb, confirmData));
            clock.Stop();
        }

        // Each lock wait is bounded; a turn waits for at most four (the activity ledger, the change, its audit, the dialog state).
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(BusyTimeoutMilliseconds * 0.9), TimeSpan.FromMilliseconds((BusyTimeoutMilliseconds * 4) + 3000));
        Assert.All(replies, r => Assert.Contains(busy, r.ToString(), StringComparison.Ordinal));
        Assert.Equal(before, (await customers.GetAccountAsync(read, Contoso, CancellationToken.None))!.Billing.Email);

        // The pressed confirm card became the retry card, which says so; nothing else holds a button.
        var retry = CardPress.Replacement(replies);
        Assert.Contains(busy, retry.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(CardPress.Messages(replies), r => r["attachments"] is JArray { Count: > 0 });
        var (tryAgain, tryAgainData) = CardPress.Button(retry, locale == "pl-PL" ? "Spróbuj ponownie" : "Try again");
        var done = CardPress.Replacement(await PostAsync(client, CardPress.Execute(Activity(locale), tryAgain, tryAgainData)));
        Assert.Contains(updated, done.ToString(), StringComparison.Ordinal);
        Assert.Equal("locked.out@contoso.com", (await customers.GetAccountAsync(read, Contoso, CancellationToken.None))!.Billing.Email);
    }

    [Fact]
    public async Task A_data_folder_that_lost_its_database_stops_the_bot_with_a_clear_log_and_a_non_zero_exit()
    {
        var database = new SqliteDatabase(DatabasePath);
        await database.OpenDataFolderAsync(CancellationToken.None);
        database.ReleasePooledConnections();
        foreach (var file in Directory.GetFiles(_folder.FullName, "partnerbot.db*").Where(f => f != database.MarkerPath))
        {
            File.Delete(file);
        }

        var dll = BotProcess.FindBotAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { dll, "--Urls=http://127.0.0.1:0", $"--Database:Path={DatabasePath}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var bot = Process.Start(start)!;
        var output = bot.StandardOutput.ReadToEndAsync();
        var errors = bot.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await bot.WaitForExitAsync(timeout.Token);
        var log = await output + await errors;

        Assert.NotEqual(0, bot.ExitCode);
        Assert.Contains("The embedded database cannot start", log, StringComparison.Ordinal);
        Assert.Contains($"{DatabasePath} is missing", log, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath), "no new database may be created and seeded in its place");
    }

    private static async Task<JToken> ConfirmCardAsync(HttpClient client, string locale, string email)
    {
        Assert.Contains("Contoso Ltd", (await PostAsync(client, Activity(locale, "update contoso"))).ToString(), StringComparison.Ordinal);
        await PostAsync(client, CardPress.Execute(Activity(locale), "yes", new JObject { ["confirm"] = true }));
        var form = CardPress.Replacement(await PostAsync(client, CardPress.Execute(Activity(locale), "editBilling")));
        var submit = CardPress.Inputs(form);
        submit["billing.Email"] = email;
        var confirm = CardPress.Replacement(await PostAsync(client, CardPress.Execute(Activity(locale), "reviewChanges", submit)));
        Assert.Contains("→ " + email, confirm.ToString(), StringComparison.Ordinal);
        return confirm;
    }

    private static JObject Activity(string locale, string? text = null, JObject? value = null)
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
            ["deliveryMode"] = "expectReplies",
            ["locale"] = locale,
            ["from"] = new JObject { ["id"] = "29:" + DemoData.AlexWilberId, ["name"] = "Alex Wilber", ["aadObjectId"] = DemoData.AlexWilberId },
            ["recipient"] = new JObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
            ["conversation"] = new JObject { ["id"] = "a:dbfault", ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId },
            ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = DemoData.PlaygroundTenantId } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        return activity;
    }

    private static async Task<JArray> PostAsync(HttpClient client, JObject activity)
    {
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!;
    }
}
