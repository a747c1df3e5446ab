using System.Runtime.InteropServices;

namespace PartnerBot.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID). Wall-clock latency on a shared
/// machine includes time spent waiting for a core; CPU time is the work the query itself did.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryNow(out _);

    /// <summary>Milliseconds of CPU used by this thread so far, or 0 where the clock is not available.</summary>
    public static double NowMs() => IsAvailable && TryNow(out var ms) ? ms : 0;

    private static bool TryNow(out double ms)
    {
        try
        {
            if (NativeMethods.clock_gettime(ClockThreadCpuTimeId, out var time) == 0)
            {
                ms = (time.Seconds * 1000.0) + (time.Nanoseconds / 1_000_000.0);
                return true;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        ms = 0;
        return false;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clockId, out TimeSpec time);
    }
}
