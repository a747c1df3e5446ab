namespace PartnerBot.Deployment.Tests.Support;

internal static class RepositoryRoot
{
    /// <summary>The folder holding PartnerBot.sln, found upward from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "PartnerBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PartnerBot.sln not found above " + AppContext.BaseDirectory);
    }
}
