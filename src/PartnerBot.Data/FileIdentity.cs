using System.Runtime.InteropServices;

namespace PartnerBot.Data;

/// <summary>
/// Which file sits at a path: its device and inode. A file deleted or moved over while SQLite holds it open
/// keeps the old inode in every open connection, so comparing the path's inode with the one the store opened
/// is how a write learns that it would go into a file nobody will ever read again.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    private static bool statUnavailable;

    /// <summary>The identity of the file at <paramref name="path"/>; null when no file is there.</summary>
    /// <remarks>On systems where the inode cannot be read, any existing file has the same (zero) identity.</remarks>
    public static FileIdentity? Of(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (statUnavailable || !OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return new FileIdentity(0, 0);
        }

        // struct stat on 64-bit Linux (x86_64 and the generic layout of arm64) starts with st_dev and st_ino,
        // eight bytes each; the rest of the buffer is room for the fields this does not read.
        var buffer = new byte[256];
        try
        {
            if (NativeMethods.Stat(path, buffer) != 0)
            {
                return File.Exists(path) ? new FileIdentity(0, 0) : null;
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            statUnavailable = true;
            return new FileIdentity(0, 0);
        }

        return new FileIdentity(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "stat", SetLastError = true, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Stat(byte[] nullTerminatedUtf8Path, byte[] buffer);

        public static int Stat(string path, byte[] buffer) =>
            Stat(System.Text.Encoding.UTF8.GetBytes(path + "\0"), buffer);
    }
}
