using System.Runtime.InteropServices;

namespace LoopedComputer.Cli;

/// <summary>
/// glibc's malloc hands every block above 32 MiB to mmap and unmaps it on free, so each large tensor
/// (a wide machine's X or MLP activations: hundreds of MB) page-faults afresh in every layer. The
/// CLI keeps freed blocks in the heap instead (no mmap'd blocks, no trimming), as PyTorch users do
/// with jemalloc or tcmalloc. At n = 65,536 on the FLEQ machine this takes a loop from about 2.6 s to
/// 1.7 s. A no-op off glibc.
/// </summary>
static class NativeAllocator
{
    const int TrimThreshold = -1, MmapMax = -4; // mallopt parameters (malloc.h)

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int MallOpt(int parameter, int value);

    [DllImport("libc", EntryPoint = "setenv")]
    static extern int SetEnv(string name, string value, int overwrite);

    /// <summary>
    /// Asks OpenMP (libtorch's CPU threads) to sleep rather than spin while it waits for work, unless
    /// the user set OMP_WAIT_POLICY. Spinning workers on a busy machine stall each other and make a
    /// loop many times slower. OpenMP reads the variable from the native environment when libtorch
    /// loads, so this runs before any tensor is made (.NET's own environment block is not the native one).
    /// </summary>
    public static void PreferPassiveOpenMpWaiting()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null) return;
        try
        {
            SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no libc setenv: OpenMP keeps its default policy
        }
    }

    public static void KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallOpt(MmapMax, 0);
            MallOpt(TrimThreshold, int.MaxValue);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc (musl has no mallopt): its allocator stays as it is
        }
    }
}
