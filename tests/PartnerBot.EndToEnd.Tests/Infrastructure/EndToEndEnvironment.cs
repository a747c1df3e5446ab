namespace PartnerBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where the end-to-end tests find what they drive: the repository, Debian's Chromium and the pinned
/// Agents Playground. Nothing here downloads anything; a missing piece is reported, not fetched.
/// </summary>
public static class EndToEndEnvironment
{
    /// <summary>Debian's chromium package; Playwright drives it instead of a browser of its own.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly Lazy<string?> Root = new(FindRepositoryRoot);

    /// <summary>CI must run these tests, so there a missing prerequisite fails instead of skipping.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepositoryRoot =>
        Root.Value ?? throw new InvalidOperationException(
            $"PartnerBot.sln not found in {AppContext.BaseDirectory} or any folder above it.");

    public static string PlaygroundExecutable =>
        Path.Combine(RepositoryRoot, "build", "playground", "node_modules", ".bin", "agentsplayground");

    public static string PlaygroundConfig => Path.Combine(RepositoryRoot, ".m365agentsplayground.yml");

    /// <summary>The playground's helper that writes a copy of its config with another current user.</summary>
    public static string AsUserScript => Path.Combine(RepositoryRoot, "build", "playground", "as-user.mjs");

    /// <summary>Why the end-to-end tests cannot run here, or null when they can.</summary>
    public static string? MissingPrerequisites()
    {
        var missing = new List<string>();
        if (Root.Value is null)
        {
            missing.Add($"the repository root (PartnerBot.sln above {AppContext.BaseDirectory})");
        }
        else
        {
            if (!File.Exists(PlaygroundExecutable))
            {
                missing.Add($"the Agents Playground ({PlaygroundExecutable}; run `npm ci --prefix build/playground`)");
            }

            if (!File.Exists(PlaygroundConfig))
            {
                missing.Add($"the playground's users ({PlaygroundConfig})");
            }
        }

        if (!File.Exists(ChromiumPath))
        {
            missing.Add($"Chromium ({ChromiumPath}; run `apt-get install chromium`)");
        }

        if (FindOnPath("node") is null)
        {
            missing.Add("Node.js (`node` on PATH), which runs the playground");
        }

        return missing.Count == 0 ? null : "Missing " + string.Join("; ", missing) + ".";
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerBot.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
