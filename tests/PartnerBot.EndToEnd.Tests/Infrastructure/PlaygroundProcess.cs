using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace PartnerBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One running Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground from build/playground),
/// emulating Teams in front of the bot: it posts Teams-shaped activities to the bot's /api/messages,
/// serves a mock connector for the replies and the chat page a browser opens.
/// </summary>
public sealed partial class PlaygroundProcess : IAsyncDisposable
{
    // Node compiling the playground takes a few seconds quiet; on 2 cores busy with builds it has taken over 30 s.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _logClosed;

    private PlaygroundProcess(Process process, StreamWriter log, int port)
    {
        _process = process;
        _log = log;
        Port = port;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    /// <summary>The chat page and the playground's own API.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Starts the playground on a free port, pointed at <paramref name="botEndpoint"/>, and returns once
    /// its config API answers (an open port alone is not ready: connections are reset for a while).
    /// </summary>
    /// <param name="configPath">A playground config other than the repository's (another current user), or null.</param>
    public static async Task<PlaygroundProcess> StartAsync(Uri botEndpoint, string logDirectory, string? configPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(botEndpoint);
        var port = FreePort.Next();
        var startInfo = new ProcessStartInfo(EndToEndEnvironment.PlaygroundExecutable)
        {
            // It reads .m365agentsplayground.yml from its working folder.
            WorkingDirectory = EndToEndEnvironment.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-e", botEndpoint.ToString(), "-c", "msteams", "--dt", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Never open a browser of its own; the tests bring theirs.
        startInfo.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        // Its log goes next to the bot's instead of ./devTools in the repository.
        startInfo.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(logDirectory, $"playground-{port}.log");
        if (configPath is not null)
        {
            startInfo.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath;
        }

        var log = new StreamWriter(Path.Combine(logDirectory, $"playground-{port}.out.log"), append: false) { AutoFlush = true };
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var playground = new PlaygroundProcess(process, log, port);
        process.OutputDataReceived += (_, e) => playground.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => playground.OnOutput(e.Data);
        process.Exited += (_, _) => playground._listening.TrySetException(
            new InvalidOperationException($"The playground exited with code {process.ExitCode}; see {logDirectory}."));
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await playground.WaitUntilReadyAsync(cancellationToken);
            return playground;
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }

        _process.Dispose();
        lock (_logGate)
        {
            // Output events can still arrive from the reader threads after the process is gone.
            _logClosed = true;
            _log.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        try
        {
            var actualPort = await _listening.Task.WaitAsync(deadline.Token);
            if (actualPort != Port)
            {
                throw new InvalidOperationException(
                    $"The playground was given port {Port} but listens on {actualPort} (the port was taken meanwhile).");
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var config = new Uri(Url, "/_internal/v1/config");
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync(config, deadline.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Connection reset while it starts: poll again.
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The playground did not answer {Url}_internal/v1/config with 200 within {ReadyTimeout.TotalSeconds} s.");
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();
}
