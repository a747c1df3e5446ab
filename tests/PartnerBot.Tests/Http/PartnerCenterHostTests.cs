using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PartnerBot.Data.Seed;
using PartnerBot.Testing;

namespace PartnerBot.Tests.Http;

/// <summary>
/// The real host (Program.cs, the real CloudAdapter and its turn error handler) with Directory:Provider=PartnerCenter:
/// /readyz with the customer mirror's size and age, a restart that serves from it, and Partner Center's refusals
/// turned into words for the user and advice for the administrator.
/// </summary>
public sealed class PartnerCenterHostTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("partnerbot-pc-ready-");
    private PartnerCenterFake _partnerCenter = null!;

    private string DatabasePath => Path.Combine(_folder.FullName, "partnerbot.db");

    public async Task InitializeAsync()
    {
        _partnerCenter = await PartnerCenterFake.StartAsync();
        _partnerCenter.AddCustomer("Przedsiębiorstwo Handlowe Żuraw Sp. z o.o.", "zuraw.onmicrosoft.com");
        _partnerCenter.AddCustomer("Northwind Traders", "northwind.onmicrosoft.com");
        _partnerCenter.AddCustomer("Tailspin Toys", "tailspin.onmicrosoft.com");
    }

    public async Task DisposeAsync()
    {
        await _partnerCenter.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Readyz_reports_the_mirror_size_and_age_and_a_restart_is_ready_from_the_stored_mirror_while_Partner_Center_is_down()
    {
        await using (var first = Start())
        {
            var client = first.CreateClient();
            var text = await WaitForReadyAsync(client);
            Assert.Contains("customer mirror: 3 customers, synced", text, StringComparison.Ordinal);
        }

        _partnerCenter.FailWith(503, 503);
        await using var restarted = Start();
        var afterRestart = restarted.CreateClient();
        using var response = await afterRestart.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("customer mirror: 3 customers, synced", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_app_registration_the_host_starts_and_readyz_names_the_missing_setting()
    {
        var settings = _partnerCenter.Settings.ToDictionary();
        settings["PartnerCenter:ClientId"] = "";
        await using var app = new BotApplication(DatabasePath, settings, TrustTestCa);
        using var response = await app.CreateClient().GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("PartnerCenter:ClientId is not set", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "update przedsiebiorstwo handlowe zurw", "its sign-in needs an administrator")]
    [InlineData("pl-PL", "zmień dane przedsiebiorstwo handlowe zurw", "jego logowanie wymaga działania administratora")]
    public async Task The_service_account_without_MFA_is_a_matter_for_the_administrator_and_the_conversation_goes_on_after_the_fix(
        string locale, string ask, string expected)
    {
        await using var app = Start();
        var client = app.CreateClient();
        await WaitForReadyAsync(client);
        var offer = Assert.Single(await PostAsync(client, Message(locale, ask)));
        Assert.Contains("Żuraw", offer.ToString(), StringComparison.Ordinal);

        _partnerCenter.FailWith(401, 900421);
        var (yes, yesData) = CardPress.Button(offer, locale == "pl-PL" ? "Tak" : "Yes");
        var replies = await PostAsync(client, CardPress.Execute(Message(locale), yes, yesData));
        var refused = CardPress.Replacement(replies).ToString();

        Assert.Empty(CardPress.Messages(replies));
        Assert.Contains(expected, refused, StringComparison.Ordinal);
        Assert.DoesNotContain("900421", refused, StringComparison.Ordinal);
        Assert.Matches("[0-9a-f]{12}", refused);

        // An administrator fixes the service account: the same answer, typed, opens the account; nothing was lost.
        _partnerCenter.Serve();
        var account = Assert.Single(await PostAsync(client, Message(locale, locale == "pl-PL" ? "tak" : "yes")));
        Assert.Contains("zuraw.onmicrosoft.com", account.ToString(), StringComparison.Ordinal);
    }

    private static JObject Message(string locale, string? text = null)
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
            ["conversation"] = new JObject { ["id"] = "a:pc-" + locale, ["conversationType"] = "personal", ["tenantId"] = DemoData.PlaygroundTenantId },
            ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = DemoData.PlaygroundTenantId } },
        };
        if (text is not null)
        {
            activity["text"] = text;
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

    private static void TrustTestCa(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => TestCertificateAuthority.Shared.CreateTrustingHandler()));

    private BotApplication Start() => new(DatabasePath, _partnerCenter.Settings, TrustTestCa);

    private static async Task<string> WaitForReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                return text;
            }

            Assert.True(DateTime.UtcNow < deadline, "not ready within 60 s: " + text);
            await Task.Delay(100);
        }
    }
}
