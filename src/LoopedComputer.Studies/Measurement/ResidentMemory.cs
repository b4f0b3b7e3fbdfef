using System.Runtime.InteropServices;

namespace LoopedComputer.Studies.Measurement;

/// <summary>
/// The process's peak resident memory above a baseline, from Linux's /proc/self: free heap pages
/// are returned first and the peak (VmHWM) is reset through clear_refs, so the peak seen after a
/// piece of work is what that work touched. Host memory only: on CUDA, device memory is not in it.
/// Null where /proc is unavailable.
/// </summary>
sealed class ResidentMemory
{
    readonly long baseline;

    ResidentMemory(long baseline) => this.baseline = baseline;

    public static ResidentMemory? Start()
    {
        try
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            ReleaseFreeHeapPages();
            File.WriteAllText("/proc/self/clear_refs", "5"); // 5: reset the peak resident size to the current one
            return Read("VmRSS:") is long rss ? new ResidentMemory(rss) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Peak resident bytes since <see cref="Start"/>, above the resident bytes then.</summary>
    public long? PeakAbove() => Read("VmHWM:") is long peak ? Math.Max(0, peak - baseline) : null;

    static long? Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        if (line is null) return null;
        var parts = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[0]) * 1024; // kB
    }
    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);

    /// <summary>Hands glibc's free heap pages back to the system, so that resident memory counts only live blocks.</summary>
    static void ReleaseFreeHeapPages()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc: nothing to release
        }
    }
}
