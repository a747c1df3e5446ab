using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Testing;

namespace PartnerBot.Tests.Http;

/// <summary>/readyz with Directory:Provider=PartnerCenter: the customer mirror's size and age, and a restart that serves from it.</summary>
public sealed class PartnerCenterReadinessTests : IAsyncLifetime
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

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("customer mirror: 3 customers, synced", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_app_registration_the_host_starts_and_readyz_names_the_missing_setting()
    {
        var settings = _partnerCenter.Settings.ToDictionary();
        settings["PartnerCenter:ClientId"] = "";
        await using var app = new BotApplication(DatabasePath, settings, TrustTestCa);
        using var response = await app.CreateClient().GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("PartnerCenter:ClientId is not set", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
