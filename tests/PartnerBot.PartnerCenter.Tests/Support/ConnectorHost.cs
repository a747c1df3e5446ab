using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.PartnerCenter.Api;
using PartnerBot.PartnerCenter.Auth;
using PartnerBot.Testing;

namespace PartnerBot.PartnerCenter.Tests.Support;

/// <summary>The connector as the host composes it (real HttpClient, real MSAL, the resilience pipeline), trusting the test CA only.</summary>
public sealed class ConnectorHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public ConnectorHost(PartnerCenterOptions options, TimeProvider? clock = null, IRefreshTokenStore? refreshTokens = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        if (refreshTokens is not null)
        {
            services.AddSingleton(refreshTokens);
        }

        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => TestCertificateAuthority.Shared.CreateTrustingHandler()));
        services.AddPartnerCenterClient(options);
        _provider = services.BuildServiceProvider();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _provider;

    public PartnerCenterClient Client => _provider.GetRequiredService<PartnerCenterClient>();

    public IPartnerCenterTokens Tokens => _provider.GetRequiredService<IPartnerCenterTokens>();

    public void Dispose() => _provider.Dispose();
}

/// <summary>Keeps every log line, so tests can see what an operator would (and what must never be there, such as a token).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
    }
}

/// <summary>A refresh token store that remembers what was written back.</summary>
public sealed class RecordingRefreshTokenStore(string initial) : IRefreshTokenStore
{
    private readonly ConcurrentQueue<string> _written = new();

    public string Current { get; private set; } = initial;

    public IReadOnlyList<string> Written => _written.ToArray();

    public Task<string?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(Current);

    public Task WriteAsync(string refreshToken, CancellationToken cancellationToken)
    {
        Current = refreshToken;
        _written.Enqueue(refreshToken);
        return Task.CompletedTask;
    }
}
