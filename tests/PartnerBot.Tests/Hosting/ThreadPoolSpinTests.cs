using System.Text.Json;

namespace PartnerBot.Tests.Hosting;

/// <summary>
/// The bot as built and deployed (its runtimeconfig.json, which the host reads before any managed code) does not spin
/// idle thread pool workers: on PostgreSQL a third of the server's CPU went to that spinning (issue 13).
/// </summary>
public sealed class ThreadPoolSpinTests
{
    [Fact]
    public void The_bot_s_runtime_configuration_turns_the_thread_pool_s_idle_spinning_off()
    {
        // Copied beside the tests from the bot's build output, as dotnet publish writes it beside PartnerBot.dll.
        var path = Path.Combine(AppContext.BaseDirectory, "PartnerBot.runtimeconfig.json");
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(path));
        var properties = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
