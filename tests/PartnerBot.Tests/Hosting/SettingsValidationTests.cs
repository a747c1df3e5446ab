using Microsoft.Extensions.Options;
using PartnerBot.Tests.Http;

namespace PartnerBot.Tests.Hosting;

/// <summary>A wrong value in a bound setting stops the host at start, naming the setting, instead of failing a user's turn later.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Limits:WriteSubmitsPerMinute", "0", "Limits:WriteSubmitsPerMinute must be at least 1 (it is 0).")]
    [InlineData("BotState:ExpireAfter", "00:00:00", "BotState:ExpireAfter must be longer than zero.")]
    [InlineData("BotState:SweepEvery", "-01:00:00", "BotState:SweepEvery must be longer than zero.")]
    public void A_wrong_value_stops_the_host_at_start_saying_which_setting(string key, string value, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("partnerbot-settings-");
        try
        {
            using var application = new BotApplication(Path.Combine(folder.FullName, "partnerbot.db"), new Dictionary<string, string?> { [key] = value });

            var refused = Assert.Throws<OptionsValidationException>(() => application.CreateClient());

            Assert.Contains(reason, refused.Failures);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
