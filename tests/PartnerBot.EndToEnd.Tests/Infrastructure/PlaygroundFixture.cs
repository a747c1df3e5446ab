using System.Diagnostics;
using Microsoft.Playwright;

namespace PartnerBot.EndToEnd.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundFixture>
{
    /// <summary>
    /// All pages of one playground share one conversation, so every end-to-end test class joins this
    /// collection: xunit then runs them one after another against one bot and one playground.
    /// </summary>
    public const string Name = "Agents Playground";
}

/// <summary>
/// The whole stack the users meet, started once per test run: the real bot host (in-process, on
/// 127.0.0.1, fresh SQLite database with the demo data), the Agents Playground pointed at it, and a
/// headless Debian Chromium driven by Playwright.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xunit disposes a fixture through IAsyncLifetime.DisposeAsync, which disposes every field.")]
public sealed class PlaygroundFixture : IAsyncLifetime
{
    /// <summary>Only these hosts are reached; the page's CDN fonts and scripts are aborted (nothing breaks).</summary>
    private static readonly HashSet<string> LoopbackHosts = new(StringComparer.OrdinalIgnoreCase) { "127.0.0.1", "localhost", "[::1]" };

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _databaseDirectory = Path.Combine(Path.GetTempPath(), "partnerbot-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, int> _screenshotCounters = new(StringComparer.Ordinal);
    private PlaygroundProcess? _playground;
    private BotServer? _bot;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Who the playground says the user is; null = the repository's config (Alex Wilber).</summary>
    private string? _currentUser;

    /// <summary>Screenshots and logs of this run, under the test output.</summary>
    public string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "e2e");

    public string ScreenshotsDirectory => Path.Combine(ArtifactsDirectory, "screenshots");

    public string LogsDirectory => Path.Combine(ArtifactsDirectory, "logs");

    public BotServer Bot => _bot ?? throw NotStarted();

    public PlaygroundProcess Playground => _playground ?? throw NotStarted();

    /// <summary>Bot and playground, from nothing to the playground's config API answering.</summary>
    public TimeSpan StartupTime { get; private set; }

    public TimeSpan BrowserLaunchTime { get; private set; }

    public async Task InitializeAsync()
    {
        var missing = EndToEndEnvironment.MissingPrerequisites();
        if (missing is not null)
        {
            // Off CI every test of the collection is skipped already; on CI they must fail, and loudly.
            if (EndToEndEnvironment.IsCi)
            {
                throw new InvalidOperationException(missing + " CI=true: the end-to-end tests must run.");
            }

            return;
        }

        if (Directory.Exists(ArtifactsDirectory))
        {
            Directory.Delete(ArtifactsDirectory, recursive: true);
        }

        Directory.CreateDirectory(ScreenshotsDirectory);
        Directory.CreateDirectory(LogsDirectory);
        Directory.CreateDirectory(_databaseDirectory);

        var clock = Stopwatch.StartNew();
        _bot = new BotServer(Path.Combine(_databaseDirectory, "partnerbot.db"), Path.Combine(LogsDirectory, "bot.log"));
        _bot.Start();
        _playground = await PlaygroundProcess.StartAsync(_bot.MessagesEndpoint, LogsDirectory, configPath: null, CancellationToken.None);
        StartupTime = clock.Elapsed;

        clock.Restart();
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = EndToEndEnvironment.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        BrowserLaunchTime = clock.Elapsed;
    }

    /// <summary>
    /// A new browser context on the chat page, as <paramref name="user"/> (first name, full name, e-mail
    /// or id from .m365agentsplayground.yml; null = its current user, Alex Wilber). The playground
    /// cannot switch user while it runs, so another user means restarting it with a copy of the config
    /// in which that person is the current user (about a second).
    /// </summary>
    public async Task<ChatPage> OpenChatAsync(string testName, string? user = null)
    {
        await UseUserAsync(user);
        var context = await (_browser ?? throw NotStarted()).NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await context.RouteAsync("**/*", async route =>
        {
            if (Uri.TryCreate(route.Request.Url, UriKind.Absolute, out var url)
                && (url.Scheme is "data" or "blob" || LoopbackHosts.Contains(url.Host)))
            {
                await route.ContinueAsync();
            }
            else
            {
                await route.AbortAsync();
            }
        });
        return await ChatPage.OpenAsync(context, Playground.Url, NextScreenshotPrefix(testName), ScreenshotsDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_playground is not null)
        {
            await _playground.DisposeAsync();
        }

        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        try
        {
            Directory.Delete(_databaseDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run for it is not.
        }
    }

    private async Task UseUserAsync(string? user)
    {
        if (string.Equals(user, _currentUser, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var configPath = user is null ? null : await WriteConfigForAsync(user);
        await Playground.DisposeAsync();
        _playground = null;
        _playground = await PlaygroundProcess.StartAsync(Bot.MessagesEndpoint, LogsDirectory, configPath, CancellationToken.None);
        _currentUser = user;
    }

    /// <summary>The repository's playground config with <paramref name="user"/> as its current user (build/playground/as-user.mjs).</summary>
    private async Task<string> WriteConfigForAsync(string user)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(EndToEndEnvironment.AsUserScript);
        startInfo.ArgumentList.Add(EndToEndEnvironment.PlaygroundConfig);
        startInfo.ArgumentList.Add(user);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new ArgumentException(await error, nameof(user));
        }

        var path = Path.Combine(_databaseDirectory, $"playground-as-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, await output);
        return path;
    }

    private string NextScreenshotPrefix(string testName)
    {
        // A test that opens several pages (say, as two users) still gets distinct, ordered file names.
        _screenshotCounters[testName] = _screenshotCounters.GetValueOrDefault(testName) + 1;
        var n = _screenshotCounters[testName];
        return n == 1 ? testName : $"{testName}-{n}";
    }

    private static InvalidOperationException NotStarted() =>
        new("The end-to-end stack is not running: " + (EndToEndEnvironment.MissingPrerequisites() ?? "it failed to start."));
}
