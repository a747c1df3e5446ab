using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerBot.Data;
using PartnerBot.Data.Customers;
using PartnerBot.Data.Seed;
using PartnerBot.Data.Staff;
using PartnerBot.Data.Validation;
using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Hosting;
using PartnerBot.PartnerCenter.Directory;
using PartnerBot.Testing;

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

    /// <summary>The customer directory the conversations use: the demo database, or Partner Center on the connector.</summary>
    public ICustomerDirectory Directory => Services.GetRequiredService<ICustomerDirectory>();

    /// <summary>The Partner Center stand-in the bot reads and writes, when started with <see cref="StartOnPartnerCenterAsync"/>.</summary>
    public PartnerCenterFake? PartnerCenter { get; private set; }

    public SqliteRoleDirectory Roles => (SqliteRoleDirectory)Services.GetRequiredService<Domain.Staff.IRoleDirectory>();

    public IAuditLog Audit => Services.GetRequiredService<IAuditLog>();

    /// <summary>A read key for the test's own look at the database, issued to the demo Global admin by the real authorization.</summary>
    public Domain.Staff.AuthorizedRead Reader { get; private set; } = null!;

    /// <param name="configure">Replaces services after the real composition (a flaky writer, say).</param>
    /// <param name="settings">Configuration on top of the test database's (Roles:Provider=EntraId, say).</param>
    public static async Task<BotHarness> StartAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("partnerbot-test-");
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
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // A host that refuses to start (a wrong setting, say) leaves no temp folder behind.
            host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            throw;
        }

        var authorization = host.Services.GetRequiredService<Domain.Staff.AccountAuthorization>();
        var admin = new Domain.Staff.PartnerUser(Data.Seed.DemoData.AdeleVanceId, TeamsActivities.TenantId, "Adele Vance");
        var reader = (await authorization.AuthorizeReadAsync(admin, CancellationToken.None)).Read
            ?? throw new InvalidOperationException("The demo Global admin may not view accounts.");
        return new BotHarness(host, folder) { Reader = reader };
    }

    /// <summary>
    /// The same bot on the Partner Center connector (Directory:Provider=PartnerCenter, real MSAL and HttpClient over
    /// HTTPS) against a stand-in that holds the demo customers with their ids, profiles, purchase switches and Azure
    /// plans, and serves the demo database's country rules; returns once the customer mirror is filled.
    /// </summary>
    public static async Task<BotHarness> StartOnPartnerCenterAsync(Action<IServiceCollection>? configure = null)
    {
        var partnerCenter = await PartnerCenterFake.StartAsync();
        foreach (var account in DemoData.Customers)
        {
            partnerCenter.AddCustomer(account.CustomerId, CompanyJson(account.Company), BillingJson(account.Billing), account.PurchasePermission.IsAllowed, account.HasAzurePlan);
        }

        var bot = await StartOnPartnerCenterAsync(partnerCenter, configure);
        foreach (var rules in await new SqliteCountryRules(bot.Services.GetRequiredService<SqliteDatabase>()).ListAsync(CancellationToken.None))
        {
            partnerCenter.ServeCountryRules(RulesJson(rules));
        }

        return bot;
    }

    /// <summary>
    /// The bot on the Partner Center connector against <paramref name="partnerCenter"/> (trusting the test CA), which
    /// it then owns and disposes; returns once the customer mirror is filled from it.
    /// </summary>
    public static async Task<BotHarness> StartOnPartnerCenterAsync(PartnerCenterFake partnerCenter, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(partnerCenter);
        BotHarness bot;
        try
        {
            bot = await StartAsync(
                services =>
                {
                    services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => TestCertificateAuthority.Shared.CreateTrustingHandler()));
                    configure?.Invoke(services);
                },
                partnerCenter.Settings.ToDictionary());
        }
        catch
        {
            await partnerCenter.DisposeAsync();
            throw;
        }

        bot.PartnerCenter = partnerCenter;
        var mirror = bot.Services.GetRequiredService<CustomerMirrorSync>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (mirror.Status.LastSyncedAt is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                await bot.DisposeAsync();
                throw new TimeoutException("The customer mirror was not filled from the Partner Center stand-in within 60 s.");
            }

            await Task.Delay(20);
        }

        return bot;
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

        if (PartnerCenter is not null)
        {
            await PartnerCenter.DisposeAsync();
        }
    }

    // The API's documented shapes, written here rather than through the connector's own models so that the
    // stand-in does not agree with the connector by construction.
    private static JsonObject CompanyJson(CompanyProfile company) => new()
    {
        ["tenantId"] = company.TenantId,
        ["domain"] = company.Domain,
        ["companyName"] = company.CompanyName,
        ["organizationRegistrationNumber"] = company.RegistrationNumber,
    };

    private static JsonObject BillingJson(BillingProfile billing) => new()
    {
        ["id"] = "billing",
        ["firstName"] = billing.FirstName,
        ["lastName"] = billing.LastName,
        ["email"] = billing.Email,
        ["culture"] = billing.Culture,
        ["language"] = billing.Language,
        ["companyName"] = billing.CompanyName,
        ["defaultAddress"] = new JsonObject
        {
            ["country"] = billing.DefaultAddress.Country,
            ["state"] = billing.DefaultAddress.State,
            ["city"] = billing.DefaultAddress.City,
            ["addressLine1"] = billing.DefaultAddress.AddressLine1,
            ["addressLine2"] = billing.DefaultAddress.AddressLine2,
            ["addressLine3"] = billing.DefaultAddress.AddressLine3,
            ["postalCode"] = billing.DefaultAddress.PostalCode,
            ["phoneNumber"] = billing.DefaultAddress.PhoneNumber,
        },
    };

    private static JsonObject RulesJson(Domain.Validation.CountryValidationRules rules) => new()
    {
        ["countryIso2Code"] = rules.CountryCode,
        ["supportedCulturesList"] = new JsonArray([.. rules.SupportedCultures.Select(c => (JsonNode)c)]),
        ["supportedLanguagesList"] = new JsonArray([.. rules.SupportedLanguages.Select(c => (JsonNode)c)]),
        ["defaultCulture"] = rules.DefaultCulture,
        ["isStateRequired"] = rules.IsStateRequired,
        ["supportedStatesList"] = new JsonArray([.. rules.SupportedStates.Select(c => (JsonNode)c)]),
        ["isCityRequired"] = rules.IsCityRequired,
        ["isPostalCodeRequired"] = rules.IsPostalCodeRequired,
        ["postalCodeRegex"] = rules.PostalCodeRegex,
        ["isPhoneNumberRequired"] = rules.IsPhoneNumberRequired,
        ["phoneNumberRegex"] = rules.PhoneNumberRegex,
    };
}
