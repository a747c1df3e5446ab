using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerBot.Data;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Staff;
using PartnerBot.Domain.Audit;
using PartnerBot.Hosting;

namespace PartnerBot.Tests.Support;

/// <summary>
/// The real composition (the same Add... calls as Program.cs) over a fresh SQLite file with the demo data,
/// so dialog tests drive the product's bot and assert what the database holds afterwards.
/// </summary>
internal sealed class BotHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DirectoryInfo _folder;

    private BotHarness(IHost host, DirectoryInfo folder)
    {
        _host = host;
        _folder = folder;
    }

    public IServiceProvider Services => _host.Services;

    public IBot Bot => Services.GetRequiredService<IBot>();

    public SqliteCustomerDirectory Customers => Services.GetRequiredService<SqliteCustomerDirectory>();

    public SqliteRoleDirectory Roles => (SqliteRoleDirectory)Services.GetRequiredService<Domain.Staff.IRoleDirectory>();

    public IAuditLog Audit => Services.GetRequiredService<IAuditLog>();

    /// <summary>A read key for the test's own look at the database, issued to the demo Global admin by the real authorization.</summary>
    public Domain.Staff.AuthorizedRead Reader { get; private set; } = null!;

    /// <param name="configure">Replaces services after the real composition (a flaky writer, say).</param>
    /// <param name="settings">Configuration on top of the test database's (Roles:Provider=EntraId, say).</param>
    public static async Task<BotHarness> StartAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("partnerbot-test-");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = Path.Combine(folder.FullName, "partnerbot.db"),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.AddPartnerBotApplication();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        var authorization = host.Services.GetRequiredService<Domain.Staff.AccountAuthorization>();
        var admin = new Domain.Staff.PartnerUser(Data.Seed.DemoData.AdeleVanceId, TeamsActivities.TenantId, "Adele Vance");
        var reader = (await authorization.AuthorizeReadAsync(admin, CancellationToken.None)).Read
            ?? throw new InvalidOperationException("The demo Global admin may not view accounts.");
        return new BotHarness(host, folder) { Reader = reader };
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        Services.GetRequiredService<SqliteDatabase>().ReleasePooledConnections();
        _host.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; a test must not fail over it.
        }
    }
}
