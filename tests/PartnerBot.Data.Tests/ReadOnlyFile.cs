using System.Diagnostics;

namespace PartnerBot.Data.Tests;

/// <summary>
/// Makes a file read-only at the operating-system level for as long as the value lives. As a normal user
/// that is chmod 0444. Tests often run as root, where chmod stops nothing, so there it is the immutable
/// attribute (chattr +i), which stops root too: SQLite then opens the file read-only exactly as it does for
/// a file it lacks permission to write. The real failure, not a simulation of it.
/// </summary>
internal sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode? _mode;

    private ReadOnlyFile(string path, UnixFileMode? mode)
    {
        _path = path;
        _mode = mode;
    }

    public static ReadOnlyFile Make(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The database fault tests make files read-only the Unix way.");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            var mode = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return new ReadOnlyFile(path, mode);
        }

        Chattr("+i", path);
        return new ReadOnlyFile(path, null);
    }

    public void Dispose()
    {
        if (_mode is { } original && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_path, original);
        }
        else
        {
            Chattr("-i", _path);
        }
    }

    private static void Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr {flag} {path} failed ({process.ExitCode}): {error}");
        }
    }
}
