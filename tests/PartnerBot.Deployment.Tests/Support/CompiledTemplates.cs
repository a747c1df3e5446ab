using System.Text.Json.Nodes;

namespace PartnerBot.Deployment.Tests.Support;

/// <summary>
/// Compiles main.bicep and every parameter file once for all template tests (the CLI takes seconds per run),
/// and loads the checked-in ARM JSON that the tests inspect.
/// </summary>
public sealed class CompiledTemplates : IAsyncLifetime
{
    // build-params refuses to build without the secrets a parameter file reads from the environment; these stand-ins
    // are only ever given to the local compiler.
    private static readonly Dictionary<string, string> StandInSecrets = new()
    {
        ["PARTNERBOT_POSTGRES_PASSWORD"] = "stand-in-password-for-the-compiler",
        ["PARTNERBOT_BOT_APP_ID"] = "00000000-0000-0000-0000-00000000b07a",
        ["PARTNERBOT_BOT_APP_PASSWORD"] = "stand-in-secret",
    };

    internal ProcessResult Build { get; private set; } = null!;

    internal IReadOnlyDictionary<string, ProcessResult> Parameters { get; private set; } = null!;

    public JsonObject CheckedInArm { get; private set; } = null!;

    public string CheckedInArmText { get; private set; } = "";

    public static IReadOnlyList<string> ParameterFiles { get; } =
        [.. Directory.GetFiles(Tools.Templates, "*.bicepparam").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public async Task InitializeAsync()
    {
        var build = Tools.BicepAsync(null, "build", "main.bicep", "--stdout");
        var parameters = ParameterFiles.ToDictionary(f => f, f => Tools.BicepAsync(StandInSecrets, "build-params", f, "--stdout"));
        await Task.WhenAll(parameters.Values.Append(build));
        Build = await build;
        Parameters = parameters.ToDictionary(p => p.Key, p => p.Value.Result);
        CheckedInArmText = await File.ReadAllTextAsync(Path.Combine(Tools.Templates, "azuredeploy.json"));
        CheckedInArm = JsonNode.Parse(CheckedInArmText)!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every resource of the ARM template, nested ones included, as (type, apiVersion, the resource).</summary>
    public IEnumerable<(string Type, string ApiVersion, JsonObject Resource)> Resources() => Walk(CheckedInArm["resources"]);

    /// <summary>Every string in the JSON (values, not property names), where ARM expressions live.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject map => map.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static IEnumerable<(string, string, JsonObject)> Walk(JsonNode? resources)
    {
        // Bicep writes an array, or an object keyed by symbolic name when it needs language version 2.0.
        var items = resources switch
        {
            JsonArray array => array.Select(n => n!.AsObject()),
            JsonObject map => map.Select(p => p.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in items)
        {
            yield return ((string)resource["type"]!, (string)resource["apiVersion"]!, resource);
            foreach (var child in Walk(resource["resources"]))
            {
                yield return child;
            }

            foreach (var nested in Walk(resource["properties"] is JsonObject properties ? properties["template"]?["resources"] : null))
            {
                yield return nested;
            }
        }
    }
}
