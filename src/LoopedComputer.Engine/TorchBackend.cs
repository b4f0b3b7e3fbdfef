using System.Reflection;
using TorchSharp;

namespace LoopedComputer.Engine;

/// <summary>Which TorchSharp native backend this build carries, and device selection that never assumes CPU.</summary>
public static class TorchBackend
{
    /// <summary>
    /// The -p:TorchBackend value this assembly was built with: "cpu" (libtorch-cpu package), "cuda"
    /// (TorchSharp-cuda-linux) or "pytorch" (no libtorch package: a PyTorch install's, see docs/gpu.md).
    /// </summary>
    public static string BuildBackend { get; } =
        typeof(TorchBackend).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchBackend")?.Value ?? "cpu";

    public static string TorchSharpVersion { get; } =
        typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>
    /// Resolves "cpu", "cuda" or "auto" to a device. Throws <see cref="InvalidOperationException"/> with
    /// what was looked for when CUDA is asked for and cannot be used.
    /// </summary>
    public static torch.Device ResolveDevice(string name) => name.ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new InvalidOperationException(
            $"CUDA was requested but is not available: this build uses the '{BuildBackend}' TorchSharp backend" +
            BuildBackend switch
            {
                "cuda" => " and no CUDA device or driver was found",
                "pytorch" => ": libtorch_cuda from the PyTorch install did not load, or found no CUDA device (see docs/gpu.md)",
                _ => "; rebuild with -p:TorchBackend=cuda (see docs/gpu.md)",
            }),
        "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
        _ => throw new ArgumentException($"unknown device '{name}'; use cpu, cuda or auto"),
    };
}

/// <summary>
/// How many threads libtorch's CPU kernels use. With more threads than free cores, OpenMP's
/// spinning workers stall each other and a loop can take many times longer; the CLI therefore
/// asks OpenMP to wait passively before libtorch loads, and uses one thread unless a machine is
/// wide enough for a second core to pay (docs/performance.md has the measurements).
/// </summary>
public static class TorchThreads
{
    /// <summary>Entries of one state (d·n·batch) from which two or more threads pay on CPU.</summary>
    public const long ParallelFromEntries = 1L << 22;

    /// <summary>The thread count for a machine of <paramref name="entries"/> state entries, when the user did not choose.</summary>
    public static int Automatic(long entries) =>
        entries >= ParallelFromEntries ? Environment.ProcessorCount : 1;

    /// <summary>Sets the intra-op thread count for this process and returns it.</summary>
    public static int Use(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        torch.set_num_threads(threads);
        return threads;
    }
}
