using Microsoft.Extensions.Logging;
using PartnerBot.Hosting;

namespace PartnerBot.Tests.Hosting;

/// <summary>An operator whose host gives the bot one CPU hears at start that the runtime will keep hot code unoptimized under load.</summary>
public sealed class TieringWarningTests
{
    [Theory]
    [InlineData(1, null, true)]
    [InlineData(1, "", true)]
    [InlineData(1, "1", false)]
    [InlineData(2, null, false)]
    [InlineData(8, null, false)]
    public async Task One_CPU_without_the_setting_is_warned_about_once_naming_the_setting(int processors, string? multiplier, bool warned)
    {
        var logger = new Warnings();

        await new TieringWarning(logger, processors, multiplier).StartAsync(CancellationToken.None);

        if (warned)
        {
            var warning = Assert.Single(logger.Messages);
            Assert.Contains("DOTNET_TC_DelaySingleProcMultiplier=1", warning, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(logger.Messages);
        }
    }

    private sealed class Warnings : ILogger<TieringWarning>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Messages.Add(formatter(state, exception));
            }
        }
    }
}
