using System.Diagnostics;
using System.Text.Json;
using PartnerBot.Tests.Support;

namespace PartnerBot.Tests.Cards;

/// <summary>
/// Parses every card with the official Adaptive Cards library (npm adaptivecards 3.0.6, the renderer family
/// Teams uses) targeting schema 1.5: an unknown element or a duplicate or missing input id fails the test.
/// </summary>
public sealed class CardRendererTests
{
    [Fact]
    public async Task Every_card_parses_and_validates_with_the_official_library_at_schema_1_5()
    {
        var checker = Path.Combine(RepositoryRoot.Path, "build", "cardcheck");
        Assert.True(
            Directory.Exists(Path.Combine(checker, "node_modules", "adaptivecards")),
            "The Adaptive Cards library is not installed: run `npm ci --prefix build/cardcheck` (the README's test command does).");

        var folder = Directory.CreateTempSubdirectory("partnerbot-cards-");
        var files = new List<string>();
        foreach (var (name, card) in CardCatalog.All())
        {
            var file = Path.Combine(folder.FullName, name + ".json");
            await File.WriteAllTextAsync(file, card.ToJson());
            files.Add(file);
        }

        Assert.NotEmpty(files);
        var start = new ProcessStartInfo("node") { WorkingDirectory = checker, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("check-cards.js");
        files.ForEach(start.ArgumentList.Add);
        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, errors);

        var reports = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(files.Count, reports.Count);
        var problems = reports
            .Where(r => r.GetProperty("parseEvents").GetArrayLength() > 0 || r.GetProperty("validationEvents").GetArrayLength() > 0)
            .Select(r => r.ToString())
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        folder.Delete(recursive: true);
    }
}
