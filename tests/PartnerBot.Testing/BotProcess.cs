using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerBot.Testing;

/// <summary>
/// The built PartnerBot host (src/PartnerBot's output) running as a real child process on a free loopback
/// port, with its own temporary data folder. A child process is what makes per-process trust possible: .NET
/// on Linux reads SSL_CERT_FILE once at start, so the test CA is trusted by the bot under test and by
/// nothing else. Proxies point at a closed loopback port, so any call meant for a real Microsoft host fails
/// at once instead of leaving the machine.
/// </summary>
public sealed partial class BotProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private BotProcess(Process process, DirectoryInfo dataFolder)
    {
        _process = process;
        DataFolder = dataFolder;
    }

    /// <summary>Where the bot listens, for example http://127.0.0.1:41234/ (messages at api/messages).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The bot's temporary data folder (its SQLite database is partnerbot.db inside); deleted on dispose.</summary>
    public DirectoryInfo DataFolder { get; }

    /// <summary>Everything the child wrote to stdout and stderr so far (its console log).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>True once the child has ended (always after dispose).</summary>
    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>The child's process id, to look it up or to prove it is gone.</summary>
    public int ProcessId { get; private set; }

    /// <summary>
    /// Starts the bot and waits until GET /readyz answers 200.
    /// </summary>
    /// <param name="settings">Configuration keys as the host reads them (<c>MicrosoftAppId</c>,
    /// <c>Teams:AllowedTenantId</c>), passed as <c>--Key=value</c>. <c>Database:Path</c> defaults to the fresh
    /// data folder and <c>Urls</c> to a free loopback port; either can be overridden here.</param>
    /// <param name="environment">Extra environment variables for the child (added after the defaults).</param>
    /// <param name="readyTimeout">How long to wait for /readyz; 60 s when not given (a cold start on a busy
    /// 2-core machine takes a few seconds).</param>
    public static async Task<BotProcess> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? readyTimeout = null,
        CancellationToken cancellationToken = default)
    {
        var dll = FindBotAssembly();
        var dataFolder = Directory.CreateTempSubdirectory("partnerbot-process-");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);

        var effective = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // Port 0: Kestrel picks a free port and logs it, so there is no race with other tests.
            ["Urls"] = "http://127.0.0.1:0",
            ["Database:Path"] = Path.Combine(dataFolder.FullName, "partnerbot.db"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            effective[key] = value;
        }

        foreach (var (key, value) in effective)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var emptyCertificateFolder = Directory.CreateDirectory(Path.Combine(dataFolder.FullName, "no-other-roots")).FullName;
        var closedProxy = $"http://127.0.0.1:{ClosedPort()}";
        var defaults = new Dictionary<string, string?>
        {
            ["SSL_CERT_FILE"] = TestCertificateAuthority.Shared.TrustBundlePath,
            // With SSL_CERT_FILE alone OpenSSL still reads the system's certificate folder; an empty one
            // makes the test CA the only root this process trusts.
            ["SSL_CERT_DIR"] = emptyCertificateFolder,
            ["HTTPS_PROXY"] = closedProxy,
            ["HTTP_PROXY"] = closedProxy,
            ["https_proxy"] = closedProxy,
            ["http_proxy"] = closedProxy,
            ["ALL_PROXY"] = closedProxy,
            ["NO_PROXY"] = "127.0.0.1,localhost,::1",
            ["no_proxy"] = "127.0.0.1,localhost,::1",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            // Settings come only from appsettings.json and the arguments above, not from the test runner.
            ["ASPNETCORE_URLS"] = null,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (key, value) in defaults.Concat(environment ?? new Dictionary<string, string?>()))
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var bot = new BotProcess(process, dataFolder);
        process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        process.Exited += (_, _) => bot._listening.TrySetException(new InvalidOperationException("The bot exited before it listened."));
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException("dotnet did not start.");
            }

            bot.ProcessId = process.Id;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await bot.WaitUntilReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(60), cancellationToken);
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until a line of the log matches, for assertions on what the bot logs asynchronously.</summary>
    public async Task<bool> WaitForLogAsync(Func<string, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTime.UtcNow + timeout;
        while (!match(Log))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                return match(Log);
            }

            await Task.Delay(50);
        }

        return true;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            DataFolder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file the killed process held a moment ago; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>src/PartnerBot/bin/{configuration}/net10.0/PartnerBot.dll, found upward from the test binaries.</summary>
    public static string FindBotAssembly()
    {
        var root = RepositoryRoot();
        var configuration = typeof(BotProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var folder = Path.Combine(root, "src", "PartnerBot", "bin", configuration);
        var dll = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "PartnerBot.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return dll ?? throw new FileNotFoundException(
            $"PartnerBot.dll is not built under {folder}: build src/PartnerBot (referencing PartnerBot.Testing does it).");
    }

    /// <summary>The folder holding PartnerBot.sln, found upward from the running test's binaries.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PartnerBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PartnerBot.sln not found above " + AppContext.BaseDirectory);
    }

    private static int ClosedPort()
    {
        // A port the system just handed out and took back: nothing listens there, so a proxied call is refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"Now listening on: (?<url>http\S+)")]
    private static partial Regex ListeningLine();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            BaseAddress = await _listening.Task.WaitAsync(deadline.Token);
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            while (true)
            {
                deadline.Token.ThrowIfCancellationRequested();
                if (_process.HasExited)
                {
                    throw new InvalidOperationException("The bot exited.");
                }

                try
                {
                    using var response = await client.GetAsync(new Uri("readyz", UriKind.Relative), deadline.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Listening was logged a moment before connections are accepted; ask again.
                }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
                {
                    // One slow answer on a busy machine (the 5 s per-request timeout); ask again until the deadline.
                }

                await Task.Delay(100, deadline.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Give the pipes a moment to deliver the child's last words before quoting them.
            await Task.Delay(200, CancellationToken.None);
            throw new TimeoutException(
                $"PartnerBot did not become ready within {timeout.TotalSeconds:0} s ({ex.Message}). Its log:{Environment.NewLine}{Log}", ex);
        }
    }
}
