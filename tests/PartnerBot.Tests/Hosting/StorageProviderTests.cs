using PartnerBot.Tests.Http;

namespace PartnerBot.Tests.Hosting;

/// <summary>Storage:Provider picks the store by setting alone, and a value the host does not know stops it at start.</summary>
public sealed class StorageProviderTests
{
    [Theory]
    [InlineData(null, "Sqlite")]
    [InlineData("", "Sqlite")]
    [InlineData("sqlite", "Sqlite")]
    [InlineData("Postgres", "Postgres")]
    [InlineData(" POSTGRES ", "Postgres")]
    public void A_known_provider_is_read_by_name_whatever_its_case(string? value, string expected) =>
        Assert.Equal(expected, PartnerBot.Hosting.PostgresStoreExtensions.ParseStorageProvider(value).ToString());

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("1")]
    [InlineData("Sqlite,Postgres")]
    [InlineData("CosmosDb")]
    public void An_unknown_provider_stops_the_host_at_start_naming_the_accepted_values(string value)
    {
        var folder = Directory.CreateTempSubdirectory("partnerbot-provider-");
        try
        {
            using var application = new BotApplication(
                Path.Combine(folder.FullName, "partnerbot.db"), new Dictionary<string, string?> { ["Storage:Provider"] = value });

            var refused = Assert.Throws<InvalidOperationException>(() => application.CreateClient());

            Assert.Contains($"Storage:Provider is '{value}'", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Sqlite, Postgres", refused.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder.FullName, "partnerbot.db")), "no store should have been created");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Postgres_without_a_connection_string_stops_the_host_at_start_saying_which_setting_is_missing()
    {
        var folder = Directory.CreateTempSubdirectory("partnerbot-provider-");
        try
        {
            using var application = new BotApplication(
                Path.Combine(folder.FullName, "partnerbot.db"),
                new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:PartnerBot"] = "" });

            var refused = Assert.Throws<InvalidOperationException>(() => application.CreateClient());

            Assert.Contains("ConnectionStrings:PartnerBot", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
