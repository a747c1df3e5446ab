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
    public static FileIdentity? Of(string path) => Of(path, NativePath(path));

    /// <summary>The path as the C library takes it, so a check made at every write encodes it once.</summary>
    public static byte[] NativePath(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    /// <summary>
    /// As <see cref="Of(string)"/> with the path already encoded by <see cref="NativePath"/>: one stat call and
    /// nothing allocated, as every write transaction of the store asks this (issue 13).
    /// </summary>
    public static FileIdentity? Of(string path, byte[] nativePath)
    {
        if (StatUnavailable || !OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return File.Exists(path) ? new FileIdentity(0, 0) : null;
        }

        // struct stat on 64-bit Linux (x86_64 and the generic layout of arm64) starts with st_dev and st_ino,
        // eight bytes each; the rest of the buffer is room for the fields this does not read.
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (NativeMethods.Stat(nativePath, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                // No file (or a path through something that is not a folder) is "nothing there"; any other
                // failure leaves the question open, answered as before the inode could be read.
                var error = Marshal.GetLastPInvokeError();
                return error is NativeMethods.NoSuchFile or NativeMethods.NotAFolder || !File.Exists(path) ? null : new FileIdentity(0, 0);
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            StatUnavailable = true;
            return File.Exists(path) ? new FileIdentity(0, 0) : null;
        }

        return new FileIdentity(BitConverter.ToUInt64(buffer), BitConverter.ToUInt64(buffer[8..]));
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
        public const int NoSuchFile = 2;
        public const int NotAFolder = 20;

        [DllImport("libc", EntryPoint = "access", SetLastError = true, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Access(byte[] nullTerminatedUtf8Path, int mode);

        public static int Access(string path, int mode) => Access(NativePath(path), mode);

        [DllImport("libc", EntryPoint = "stat", SetLastError = true, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Stat(byte[] nullTerminatedUtf8Path, ref byte buffer);
    }
}
