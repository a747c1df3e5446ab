using PartnerBot.Deployment.Tests.Support;

namespace PartnerBot.Deployment.Tests;

/// <summary>
/// The web app in Azure gets an application setting for every option the host reads, so a setting added to the code
/// cannot be forgotten in the deployment. The keys come from the code itself (HostSettings says how and why).
/// </summary>
public sealed class SettingsTests(CompiledTemplates templates) : IClassFixture<CompiledTemplates>
{
    // Keys the host reads that the deployment must not set, each with its reason.
    private static readonly Dictionary<string, string> LeftToAppService = new(StringComparer.OrdinalIgnoreCase)
    {
        // App Service tells the app its port (ASPNETCORE_HTTP_PORTS); a Urls setting would override it and the site would not answer.
        ["Urls"] = "App Service chooses the port",
        // Partner Center's app is authenticated with a client secret from Key Vault in Azure; a PFX file is for hosts outside it.
        ["PartnerCenter:CertificatePath"] = "Azure uses a Key Vault client secret",
        ["PartnerCenter:CertificatePassword"] = "Azure uses a Key Vault client secret",
        // In Azure Graph is read as the managed identity or with a Key Vault secret; a certificate file is for hosts outside Azure.
        ["Graph:ClientCertificatePath"] = "Azure uses the managed identity or a Key Vault secret",
        // A map keyed by group object id: each admin adds their own groups, there is no fixed key to set.
        ["Roles:Groups:Extra"] = "keyed by each tenant's own group ids",
        // Teams sends each person's own language; the override is for the Agents Playground, which always sends en-US.
        ["Teams:LocaleOverride"] = "for the Agents Playground only",
    };

    [Fact]
    public void The_web_app_has_an_app_setting_for_every_option_the_host_reads()
    {
        var host = HostSettings.Find(RepositoryRoot.Path, out var unresolved);
        Assert.True(unresolved.Count == 0,
            "The settings scan could not follow these configuration reads; write them with a literal key or an options class's SectionName constant:\n"
            + string.Join("\n", unresolved));

        var names = AppSettings.Names(AppSettings.Expression(templates));
        var missing = host
            .Where(s => !LeftToAppService.ContainsKey(s.Key) && !Covered(s, names))
            .GroupBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => $"  {g.First().AppSettingName}   (host key {g.Key}, read in {string.Join("; ", g.Select(s => s.Source).Distinct())})")
            .ToList();
        Assert.True(missing.Count == 0,
            "deploymentTemplates/main.bicep does not set these options the host reads. Add each to the web app's app settings"
            + " (resource webAppSettings; a parameter if the admin chooses it, a Key Vault reference if it is a secret), then rebuild azuredeploy.json:\n"
            + string.Join("\n", missing));
    }

    [Fact]
    public void The_web_app_and_the_run_command_give_one_CPU_the_runtime_tiering_delay_of_several()
    {
        // Read by the runtime before any managed code, so only the environment sets it (TieringWarning says why it matters).
        Assert.Equal("'1'", AppSettings.ValueOf(AppSettings.Expression(templates), "DOTNET_TC_DelaySingleProcMultiplier"));
        var run = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "build", "run.sh"));
        Assert.Contains("export DOTNET_TC_DelaySingleProcMultiplier=\"${DOTNET_TC_DelaySingleProcMultiplier:-1}\"", run, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scan_finds_the_settings_on_main_so_the_comparison_is_not_empty()
    {
        var keys = HostSettings.Find(RepositoryRoot.Path, out _).Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // One of each kind of source: an options class bound by BindConfiguration, a list bound with GetSection().Get<T>(),
        // a direct read, the SDK's own keys.
        Assert.Contains("Teams:AllowedTenantId", keys);
        Assert.Contains("RolePolicy:ChangePurchasePermission", keys);
        Assert.Contains("Database:Path", keys);
        Assert.Contains("MicrosoftAppId", keys);
    }

    [Fact]
    public void A_new_options_class_or_a_new_direct_read_is_reported_by_its_app_setting_name()
    {
        const string code = """
            services.AddOptions<SampleMirrorOptions>().BindConfiguration("Mirror");
            var limit = builder.Configuration.GetValue("RateLimit:PerMinute", 30);
            var connection = configuration.GetConnectionString("Audit");
            """;
        var types = new Dictionary<string, Type> { [nameof(SampleMirrorOptions)] = typeof(SampleMirrorOptions) };
        var unresolved = new List<string>();
        var found = HostSettings.Scan(code, "Sample.cs", types, unresolved).ToList();

        Assert.Empty(unresolved);
        Assert.Equal(
            ["ConnectionStrings__Audit", "Mirror__Refresh__Interval", "Mirror__Sources", "RateLimit__PerMinute"],
            found.Select(s => s.AppSettingName).Order(StringComparer.Ordinal));
        var names = new HashSet<string>(["Mirror__Refresh__Interval"], StringComparer.OrdinalIgnoreCase);
        Assert.True(Covered(found.Single(s => s.Key == "Mirror:Refresh:Interval"), names));
        Assert.False(Covered(found.Single(s => s.Key == "RateLimit:PerMinute"), names));
    }

    [Fact]
    public void A_configuration_read_the_scan_cannot_follow_is_reported_not_skipped()
    {
        var unresolved = new List<string>();
        _ = HostSettings.Scan("services.AddOptions<Unknown>().BindConfiguration(sectionFromSomewhere);", "Odd.cs", new Dictionary<string, Type>(), unresolved).ToList();
        Assert.Single(unresolved);
    }

    private static bool Covered(HostSetting setting, IReadOnlySet<string> names) =>
        names.Contains(setting.AppSettingName)
        || names.Contains(setting.AppSettingName + "__*")
        || (setting.IsSection && names.Any(n => n.StartsWith(setting.AppSettingName + "__", StringComparison.OrdinalIgnoreCase)));

    public sealed class SampleMirrorOptions
    {
        public RefreshOptions Refresh { get; set; } = new();

        public List<string> Sources { get; } = [];

        public sealed class RefreshOptions
        {
            public TimeSpan Interval { get; set; }
        }
    }
}
