using Microsoft.Extensions.Options;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Hosting;

/// <summary>A wrong value in a bound setting stops the host at start, naming the setting, instead of failing a user's turn later.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Limits:WriteSubmitsPerMinute", "0", "Limits:WriteSubmitsPerMinute must be at least 1 (it is 0).")]
    [InlineData("BotState:ExpireAfter", "00:00:00", "BotState:ExpireAfter must be longer than zero.")]
    [InlineData("BotState:SweepEvery", "-01:00:00", "BotState:SweepEvery must be longer than zero.")]
    public async Task A_wrong_value_stops_the_host_at_start_saying_which_setting(string key, string value, string reason)
    {
        // The same composition as Program.cs, started directly: WebApplicationFactory's deferred host could meet
        // the failed host already disposed and throw ObjectDisposedException instead of the refusal.
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHarness.StartAsync(settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(reason, refused.Failures);
    }
}
