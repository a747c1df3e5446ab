using System.Runtime.InteropServices;

namespace PartnerBot.Data;

/// <summary>
/// Which file sits at a path: its device and inode. A file deleted or moved over while SQLite holds it open
/// keeps the old inode in every open connection, so comparing the path's inode with the one the store opened
/// is how a write learns that it would go into a file nobody will ever read again.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    private static bool StatUnavailable;

    /// <summary>The identity of the file at <paramref name="path"/>; null when no file is there.</summary>
    /// <remarks>On systems where the inode cannot be read, any existing file has the same (zero) identity.</remarks>
    public static FileIdentity? Of(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (StatUnavailable || !OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
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
            StatUnavailable = true;
            return new FileIdentity(0, 0);
        }

        return new FileIdentity(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
    }

    /// <summary>
    /// Whether this process may open <paramref name="path"/> for writing now, asked without opening it: closing
    /// any descriptor of a SQLite file drops the process's locks on it.
    /// </summary>
    public static bool IsWritable(string path)
    {
        if (!OperatingSystem.IsLinux() || StatUnavailable)
        {
            return !new FileInfo(path).IsReadOnly;
        }

        try
        {
            return NativeMethods.Access(path, NativeMethods.WriteOk) == 0;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            StatUnavailable = true;
            return !new FileInfo(path).IsReadOnly;
        }
    }

    private static class NativeMethods
    {
        public const int WriteOk = 2;

        [DllImport("libc", EntryPoint = "access", SetLastError = true, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Access(byte[] nullTerminatedUtf8Path, int mode);

        public static int Access(string path, int mode) => Access(Utf8(path), mode);

        private static byte[] Utf8(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

        [DllImport("libc", EntryPoint = "stat", SetLastError = true, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Stat(byte[] nullTerminatedUtf8Path, byte[] buffer);

        public static int Stat(string path, byte[] buffer) => Stat(Utf8(path), buffer);
    }
}
