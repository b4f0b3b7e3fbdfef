using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>
/// What running a compiled machine takes in memory, estimated before anything is allocated, so a
/// machine too large for this computer is refused with the figure instead of failing inside
/// libtorch. The terms follow how the engine works: the host copy of the dense weights, the state
/// and a layer's MLP activations for every batch row, and, for softmax, a head's n×n scores and
/// weights per row (one head at a time) with the kernel's working copy.
/// </summary>
public sealed record MachineFootprint(long WeightBytes, long StateBytes, long ActivationBytes, long AttentionBytes)
{
    /// <summary>n×n matrices a softmax head holds at once: the scores, their softmax and the kernel's working copy.</summary>
    public const int SoftmaxMatrices = 3;

    public long TotalBytes => WeightBytes + StateBytes + ActivationBytes + AttentionBytes;

    public static MachineFootprint Of(CompiledMachine machine, int batch = 1)
    {
        long n = machine.Layout.Columns, d = machine.Layout.Rows, bytes = machine.Format.Bytes();
        long hidden = machine.Weights.Layers.Max(l => l.FeedForward.Hidden);
        long attention = machine.Mixer == MixerKind.Softmax ? SoftmaxMatrices * batch * n * n * bytes : 0;
        return new MachineFootprint(machine.Weights.ParameterCount * sizeof(double), 2 * batch * d * n * bytes, 2 * batch * hidden * n * bytes, attention);
    }

    /// <summary>Memory this process may still take on the CPU: the kernel's MemAvailable, else the GC's view of the machine.</summary>
    public static long AvailableCpuBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal) && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out long kib))
                    return kib * 1024;
        }
        catch (IOException)
        {
            // not Linux: fall through
        }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    /// <summary>A byte count for people: 1.5 GB, 320 MB.</summary>
    public static string Format(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):N1} GB" : $"{bytes / (double)(1L << 20):N0} MB";
}
