using System.Diagnostics;
using System.Reflection;

namespace PartnerBot.Deployment.Tests.Support;

/// <summary>Where the restore put the packaged tools (paths written into the assembly by the project file).</summary>
internal static class Tools
{
    public static string BicepPath { get; } = Metadata("BicepPath");

    public static string AzureTypesPath { get; } = Metadata("AzureTypesPath");

    public static string Templates { get; } = Path.Combine(RepositoryRoot.Path, "deploymentTemplates");

    private static string Metadata(string key) =>
        typeof(Tools).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key + " was not set by the project file");

    /// <summary>Runs the packaged Bicep CLI; its diagnostics (warnings included) come back on stderr.</summary>
    public static async Task<ProcessResult> BicepAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        Assert.True(File.Exists(BicepPath), $"The Bicep CLI is not at {BicepPath}: restore the solution (dotnet restore) to get the NuGet package.");
        // NuGet keeps the execute bit on Linux, but a package folder copied elsewhere may lose it.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(BicepPath).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(BicepPath, File.GetUnixFileMode(BicepPath) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(BicepPath)
        {
            WorkingDirectory = Templates,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
