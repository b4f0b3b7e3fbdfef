using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>Multiply-adds per second one core reaches on two kernels, timed on this machine now.</summary>
/// <param name="SparseMacsPerSecond">The native engine's own sparse row-sum kernel (the product by non-zeros every projection and MLP runs) on rows that stay in cache: the engine's limit.</param>
/// <param name="DenseMacsPerSecond">Independent vector multiply-adds in registers (multiply then add, as the engine rounds): the core's arithmetic peak.</param>
public sealed record KernelPeak(double SparseMacsPerSecond, double DenseMacsPerSecond)
{
    /// <summary>Times both kernels in <paramref name="format"/>, best of a few short runs each.</summary>
    public static KernelPeak Measure(NumberFormat format) => format == NumberFormat.Float64 ? Of<double>() : Of<float>();

    static KernelPeak Of<T>() where T : unmanaged, IFloatingPointIeee754<T> => new(Best(SparseRowSums<T>()), Best(DenseMultiplyAdds<T>()));

    const int Runs = 5;
    static readonly TimeSpan RunLength = TimeSpan.FromMilliseconds(40);

    /// <summary>The best rate of <see cref="Runs"/> runs of <paramref name="kernel"/> (one call: its multiply-adds), each repeating it for <see cref="RunLength"/>.</summary>
    static double Best(Func<long> kernel)
    {
        kernel(); // compiled before it is timed
        double best = 0;
        var clock = new Stopwatch();
        for (int run = 0; run < Runs; run++)
        {
            long macs = 0;
            clock.Restart();
            while (clock.Elapsed < RunLength) macs += kernel();
            best = Math.Max(best, macs / clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>
    /// 64 rows of 6 non-zeros each over 64 source rows of 256 columns (64 KiB in float32): the shape of
    /// a small machine's projection, in cache, so the rate is the kernel's and not the memory's.
    /// </summary>
    static Func<long> SparseRowSums<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int rows = 64, sources = 64, columns = 256, perRow = 6;
        var random = new Random(1);
        var matrix = new double[rows, sources];
        for (int r = 0; r < rows; r++)
            foreach (int c in Enumerable.Range(0, sources).OrderBy(_ => random.Next()).Take(perRow))
                matrix[r, c] = random.Next(2) == 0 ? 1 : -0.5;
        var sparse = new SparseRows<T>(matrix);
        var x = Enumerable.Range(0, sources * columns).Select(i => T.CreateChecked(i % 7 - 3)).ToArray();
        var y = new T[rows * columns];
        return () =>
        {
            sparse.Multiply(Block<T>.Dense(x, columns), y);
            return (long)rows * perRow * columns;
        };
    }

    /// <summary>Eight independent chains of a ← a·m + c per vector lane, 4,096 steps: bound by the core's multiply and add units only.</summary>
    static Func<long> DenseMultiplyAdds<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int steps = 4096, chains = 8;
        var sink = new T[Vector<T>.Count];
        return () =>
        {
            Chains(steps, sink);
            return (long)steps * chains * Vector<T>.Count;
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    static void Chains<T>(int steps, T[] sink) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> m = new(T.CreateChecked(0.999)), c = new(T.CreateChecked(0.001));
        Vector<T> a0 = new(T.CreateChecked(0.1)), a1 = new(T.CreateChecked(0.2)), a2 = new(T.CreateChecked(0.3)), a3 = new(T.CreateChecked(0.4));
        Vector<T> a4 = new(T.CreateChecked(0.5)), a5 = new(T.CreateChecked(0.6)), a6 = new(T.CreateChecked(0.7)), a7 = new(T.CreateChecked(0.8));
        for (int i = 0; i < steps; i++)
        {
            a0 = a0 * m + c; a1 = a1 * m + c; a2 = a2 * m + c; a3 = a3 * m + c;
            a4 = a4 * m + c; a5 = a5 * m + c; a6 = a6 * m + c; a7 = a7 * m + c;
        }
        (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7).CopyTo(sink); // kept, so the loop is not removed
    }
}
