using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerBot.Deployment.Tests.Support;

namespace PartnerBot.Deployment.Tests;

public sealed partial class TemplateTests(CompiledTemplates templates) : IClassFixture<CompiledTemplates>
{
    private const string Rebuild =
        "Rebuild it: ~/.nuget/packages/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep build deploymentTemplates/main.bicep --outfile deploymentTemplates/azuredeploy.json";

    [Fact]
    public void The_Bicep_compiles_offline_with_no_warning_and_equals_the_checked_in_ARM_JSON()
    {
        // Any diagnostic fails: BCP081 (a type or apiVersion the compiler does not know) is only a warning to Bicep.
        Assert.True(templates.Build.ExitCode == 0 && templates.Build.Stderr.Trim().Length == 0,
            "bicep build main.bicep reported:\n" + templates.Build.Stderr);
        var built = JsonNode.Parse(templates.Build.Stdout);
        Assert.True(JsonNode.DeepEquals(built, templates.CheckedInArm),
            "deploymentTemplates/azuredeploy.json is not what main.bicep builds to. " + Rebuild);
    }

    [Fact]
    public void Every_parameter_file_compiles_and_lists_every_parameter_with_a_comment()
    {
        Assert.NotEmpty(CompiledTemplates.ParameterFiles);
        var parameters = ParameterNames();
        foreach (var file in CompiledTemplates.ParameterFiles)
        {
            var result = templates.Parameters[file];
            Assert.True(result.ExitCode == 0 && result.Stderr.Trim().Length == 0, $"bicep build-params {file} reported:\n{result.Stderr}");
            var lines = File.ReadAllLines(Path.Combine(Tools.Templates, file));
            foreach (var name in parameters)
            {
                // A parameter that defaults to the deployment's own tenant or region is shown commented out.
                var at = Array.FindIndex(lines, l => Regex.IsMatch(l, $@"^(// )?param {name} = "));
                Assert.True(at >= 0, $"{file} does not list the parameter {name}");
                Assert.True(at > 0 && lines[at - 1].StartsWith("// ", StringComparison.Ordinal) && !lines[at - 1].StartsWith("// param ", StringComparison.Ordinal),
                    $"{file}: the parameter {name} has no comment above it saying what it is");
            }
        }
    }

    [Fact]
    public void Every_parameter_is_described_and_used()
    {
        var arm = templates.CheckedInArm;
        var withoutParameters = arm.DeepClone().AsObject();
        withoutParameters.Remove("parameters");
        var body = string.Join("\n", CompiledTemplates.Strings(withoutParameters));
        foreach (var name in ParameterNames())
        {
            var description = (string?)arm["parameters"]![name]!["metadata"]?["description"];
            Assert.False(string.IsNullOrWhiteSpace(description), $"The parameter {name} has no @description");
            Assert.Contains($"parameters('{name}')", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_resource_type_and_api_version_is_a_known_good_pair()
    {
        var used = templates.Resources().Select(r => $"{r.Type}@{r.ApiVersion}").Distinct().ToList();
        Assert.True(used.Count >= 10, "the template should hold the whole deployment; found only " + string.Join(", ", used));
        var unknown = used.Where(p => !KnownResourceTypes.Pairs.Contains(p)).ToList();
        Assert.True(unknown.Count == 0, "Not in the known-good list (KnownResourceTypes.cs): " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_known_good_list_is_in_Azure_type_catalogue()
    {
        var catalogue = AzureTypeCatalogue();
        Assert.True(catalogue.Count > 10_000, "the catalogue looks empty: " + catalogue.Count);
        var missing = KnownResourceTypes.Pairs.Where(p => !catalogue.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "Azure.Bicep.Types.Az 0.2.972 does not know: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_web_app_runs_dotnet_10_on_Linux_over_HTTPS_only_always_on_with_the_readiness_check()
    {
        var site = Single("Microsoft.Web/sites");
        var properties = site["properties"]!;
        Assert.True((bool)properties["httpsOnly"]!);
        var config = properties["siteConfig"]!;
        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.True((bool)config["alwaysOn"]!);
        Assert.Equal("/readyz", (string?)config["healthCheckPath"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Contains("linux", (string?)site["kind"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_choice_offers_exactly_what_the_host_accepts_and_defaults_to_the_PostgreSQL_server_it_creates()
    {
        var storage = templates.CheckedInArm["parameters"]!["storageProvider"]!;
        Assert.Equal(
            Enum.GetNames<PartnerBot.Hosting.StorageProvider>().Order(StringComparer.Ordinal),
            storage["allowedValues"]!.AsArray().Select(v => (string)v!).Order(StringComparer.Ordinal));
        Assert.Equal(nameof(PartnerBot.Hosting.StorageProvider.Postgres), (string?)storage["defaultValue"]);
        foreach (var allowed in storage["allowedValues"]!.AsArray())
        {
            // Every value the template lets a deployer pick starts the host on that store.
            Assert.Equal((string)allowed!, PartnerBot.Hosting.PostgresStoreExtensions.ParseStorageProvider((string)allowed!).ToString());
        }
    }

    [Fact]
    public void The_bot_uses_the_managed_identity_by_default_never_multi_tenant_and_has_the_Teams_channel()
    {
        var appType = templates.CheckedInArm["parameters"]!["botAppType"]!;
        Assert.Equal("UserAssignedMSI", (string?)appType["defaultValue"]);
        Assert.Equal(["UserAssignedMSI", "SingleTenant"], appType["allowedValues"]!.AsArray().Select(v => (string)v!));

        var bot = Single("Microsoft.BotService/botServices")["properties"]!;
        Assert.Equal("[parameters('botAppType')]", (string?)bot["msaAppType"]);
        Assert.Contains("/api/messages", (string?)bot["endpoint"], StringComparison.Ordinal);
        Assert.Contains("userAssignedIdentities", (string?)bot["msaAppMSIResourceId"], StringComparison.Ordinal);

        var channel = Single("Microsoft.BotService/botServices/channels")["properties"]!;
        Assert.Equal("MsTeamsChannel", (string?)channel["channelName"]);
        Assert.True((bool)channel["properties"]!["isEnabled"]!);
    }

    [Fact]
    public void Secrets_reach_the_web_app_only_as_Key_Vault_references()
    {
        var settings = AppSettings.Expression(templates);
        foreach (var secret in new[] { "MicrosoftAppPassword", "PartnerCenter__ClientSecret", "PartnerCenter__RefreshToken", "Graph__ClientSecret", "ConnectionStrings__PartnerBot" })
        {
            var value = AppSettings.ValueOf(settings, secret);
            Assert.Contains("variables('secretReference')", value, StringComparison.Ordinal);
            Assert.DoesNotContain("parameters(", value.Replace("parameters('graphClientId')", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        var references = templates.CheckedInArm["variables"]!["secretReference"]!.AsObject();
        Assert.All(references, r => Assert.StartsWith("[format('@Microsoft.KeyVault(VaultName={0};SecretName=", (string?)r.Value, StringComparison.Ordinal));
        Assert.Equal("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('{0}-identity', parameters('namePrefix')))]",
            (string?)Single("Microsoft.Web/sites")["properties"]!["keyVaultReferenceIdentity"]);
    }

    [Fact]
    public void Outputs_give_the_endpoint_and_the_ids_an_admin_needs_next()
    {
        var outputs = templates.CheckedInArm["outputs"]!.AsObject();
        foreach (var name in new[] { "messagingEndpoint", "webAppUrl", "botAppId", "botResourceId", "identityResourceId", "identityPrincipalId", "keyVaultName" })
        {
            Assert.True(outputs.ContainsKey(name), "missing output " + name);
        }
    }

    private JsonObject Single(string type) => Assert.Single(templates.Resources(), r => r.Type == type).Resource;

    private List<string> ParameterNames() => [.. templates.CheckedInArm["parameters"]!.AsObject().Select(p => p.Key)];

    /// <summary>Every "type@apiVersion" in Azure.Bicep.Types.Az: its index lists each resource type with each API version.</summary>
    private static HashSet<string> AzureTypeCatalogue()
    {
        Assert.True(File.Exists(Tools.AzureTypesPath), $"Azure.Bicep.Types.Az is not at {Tools.AzureTypesPath}: restore the solution.");
        // Only the embedded resource is read; nothing of the assembly runs.
        var assembly = Assembly.LoadFile(Tools.AzureTypesPath);
        using var stream = assembly.GetManifestResourceStream("index.json.deflated")
            ?? throw new InvalidOperationException("index.json.deflated not found in " + Tools.AzureTypesPath);
        using var inflated = new DeflateStream(stream, CompressionMode.Decompress);
        using var index = JsonDocument.Parse(inflated);
        return new HashSet<string>(index.RootElement.GetProperty("resources").EnumerateObject().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
    }
}
