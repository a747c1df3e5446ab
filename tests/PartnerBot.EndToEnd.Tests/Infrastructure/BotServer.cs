using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real PartnerBot host, in this process, on a real Kestrel socket (the playground is another
/// process and must reach it over HTTP), with a fresh SQLite database so every run starts from the
/// demo data alone.
/// </summary>
public sealed class BotServer : WebApplicationFactory<Program>
{
    private readonly string _databasePath;
    private readonly string _logPath;

    public BotServer(string databasePath, string logPath)
    {
        _databasePath = databasePath;
        _logPath = logPath;
        // Port 0 on 127.0.0.1: the OS picks a free port, so parallel runs and a developer's own bot on
        // 3978 never collide; the chosen address is read back after start.
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The bot's base address, e.g. http://127.0.0.1:41234 (valid after <see cref="Start"/>).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public Uri MessagesEndpoint => new(BaseAddress, "/api/messages");

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without an address.");
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));

        // The store is migrated and seeded before the server starts; no file here would mean the tests
        // talk to a developer's ./data database instead of a fresh one.
        if (!File.Exists(_databasePath))
        {
            throw new InvalidOperationException($"The bot did not create its database at {_databasePath}; is Database:Path still the setting?");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // As build/run.sh runs it: Production, so no user secrets of the developer's own leak into the test.
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Path", _databasePath);
        builder.UseSetting("DemoData:Seed", "true");
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new FileLoggerProvider(_logPath));
        });
    }
}
