using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using PartnerBot.Deployment.Tests.Support;

namespace PartnerBot.Deployment.Tests;

public sealed class TeamsAppTests
{
    private static readonly string App = Path.Combine(RepositoryRoot.Path, "deploymentTemplates", "teams-app");
    private static readonly string Tool = Path.Combine(RepositoryRoot.Path, "build", "teamsapp");

    [Fact]
    public async Task The_manifest_and_its_Polish_localization_validate_against_the_official_schemas_of_their_version()
    {
        var result = await Node("check.js", App);
        Assert.True(result.ExitCode == 0, "The Teams app does not validate:\n" + result.Stdout + result.Stderr);
    }

    [Fact]
    public void The_manifest_uses_the_newest_schema_version_the_pinned_package_ships()
    {
        var teams = Path.Combine(Tool, "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams");
        Assert.True(Directory.Exists(teams), "run `npm ci --prefix build/teamsapp` (build/test.sh does)");
        var newest = Directory.GetDirectories(teams, "v1.*").Select(d => Version.Parse(Path.GetFileName(d)[1..])).Max()!;
        Assert.Equal(newest.ToString(), (string?)Manifest()["manifestVersion"]);
    }

    [Fact]
    public void The_bot_offers_its_commands_in_every_scope_and_the_message_extension_finds_a_customer_in_both_languages()
    {
        var manifest = Manifest();
        var bot = manifest["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string)s!));
        var commands = bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => (string)c!["title"]!).ToList();
        Assert.Equal(["help", "update", "permission", "history"], commands);

        var extension = manifest["composeExtensions"]![0]!;
        Assert.Equal((string?)bot["botId"], (string?)extension["botId"]);
        var find = extension["commands"]![0]!;
        Assert.Equal("findCustomer", (string?)find["id"]);
        Assert.Equal("query", (string?)find["type"]);
        Assert.True((bool)find["initialRun"]!);
        Assert.Equal("query", (string?)find["parameters"]![0]!["name"]);

        var polish = manifest["localizationInfo"]!["additionalLanguages"]!.AsArray().Single(l => (string?)l!["languageTag"] == "pl-pl")!;
        var strings = JsonNode.Parse(File.ReadAllText(Path.Combine(App, (string)polish["file"]!)))!.AsObject();
        // Every text a Polish user sees in the app's menus has a Polish version.
        for (var i = 0; i < commands.Count; i++)
        {
            Assert.True(strings.ContainsKey($"bots[0].commandLists[0].commands[{i}].title"), $"no Polish title for the command {commands[i]}");
            Assert.True(strings.ContainsKey($"bots[0].commandLists[0].commands[{i}].description"), $"no Polish description for the command {commands[i]}");
        }

        Assert.Equal("Znajdź klienta", (string?)strings["composeExtensions[0].commands[0].title"]);
        Assert.True(strings.ContainsKey("composeExtensions[0].commands[0].parameters[0].title"));
        Assert.True(strings.ContainsKey("description.full"));
    }

    [Theory]
    [InlineData("color.png", 192, false)]
    [InlineData("outline.png", 32, true)]
    public void The_icons_have_the_sizes_Teams_requires_and_the_outline_is_white_on_transparent(string file, int size, bool outline)
    {
        var image = Png.Read(Path.Combine(App, file));
        Assert.Equal((size, size), (image.Width, image.Height));
        if (outline)
        {
            var pixels = Enumerable.Range(0, size * size).Select(i => image.Pixel(i % size, i / size)).ToList();
            Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"the outline icon has a pixel that is neither transparent nor white: {p}"));
            Assert.Contains(pixels, p => p.A == 0);
            Assert.Contains(pixels, p => p.A == 255);
        }
        else
        {
            Assert.Equal(255, image.Pixel(0, 0).A);
        }
    }

    [Fact]
    public async Task The_package_command_writes_a_zip_with_the_app_id_filled_in_everywhere()
    {
        const string appId = "3f2c9a4e-1b7d-4c55-9e0a-6d8f1e2b3c4d";
        var output = Path.Combine(Path.GetTempPath(), $"partnerbot-teams-{Guid.NewGuid():N}.zip");
        try
        {
            var run = await Run(Path.Combine(RepositoryRoot.Path, "build", "teams-package.sh"), "--app-id", appId, "--domain", "partnerbot-abc.azurewebsites.net", "--out", output);
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

            using var archive = ZipFile.OpenRead(output);
            Assert.Equal(["color.png", "manifest.json", "outline.png", "pl-PL.json"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
            var manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
            Assert.Equal(appId, (string?)manifest["id"]);
            Assert.Equal(appId, (string?)manifest["bots"]![0]!["botId"]);
            Assert.Equal(appId, (string?)manifest["composeExtensions"]![0]!["botId"]);
            Assert.Equal(["partnerbot-abc.azurewebsites.net"], manifest["validDomains"]!.AsArray().Select(d => (string)d!));
            Assert.DoesNotContain("00000000-0000-0000-0000-000000000000", manifest.ToJsonString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task The_package_command_refuses_an_app_id_that_is_not_a_GUID()
    {
        var output = Path.Combine(Path.GetTempPath(), $"partnerbot-teams-{Guid.NewGuid():N}.zip");
        var run = await Run(Path.Combine(RepositoryRoot.Path, "build", "teams-package.sh"), "--app-id", "my-bot", "--out", output);
        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(output));
    }

    private static JsonNode Manifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(App, "manifest.json")))!;

    private static Task<ProcessResult> Node(string script, params string[] arguments)
    {
        Assert.True(Directory.Exists(Path.Combine(Tool, "node_modules")), "The Teams schemas are not installed: run `npm ci --prefix build/teamsapp` (build/test.sh does).");
        return Run("node", [Path.Combine(Tool, script), .. arguments]);
    }

    private static async Task<ProcessResult> Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
