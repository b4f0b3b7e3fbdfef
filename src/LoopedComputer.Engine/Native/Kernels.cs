using System.Numerics;
using System.Runtime.InteropServices;

namespace LoopedComputer.Engine;

/// <summary>
/// The native engine's row operations over the n columns of one program's state, with
/// <see cref="Vector{T}"/> where the hardware has it. Each entry is rounded exactly as the scalar
/// form below the vector loop rounds it (the JIT never fuses a multiply and an add), so the vector
/// width never changes a result.
/// </summary>
static class Kernels<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    static readonly int Width = Vector<T>.Count;

    /// <summary>y ← y + a·x.</summary>
    public static void MultiplyAdd(T a, ReadOnlySpan<T> x, Span<T> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<T>(a);
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y[..x.Length]);
            for (int v = 0; v < vx.Length; v++) vy[v] += va * vx[v];
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++) y[i] += a * x[i];
    }

    /// <summary>y ← y + x.</summary>
    public static void Add(ReadOnlySpan<T> x, Span<T> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y[..x.Length]);
            for (int v = 0; v < vx.Length; v++) vy[v] += vx[v];
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++) y[i] += x[i];
    }

    /// <summary>y ← max(bias + scale·x, 0), NaN kept (as torch's relu keeps it); returns whether any entry of y is not zero.</summary>
    public static bool ScaledRelu(ReadOnlySpan<T> x, T scale, T bias, Span<T> y)
    {
        int i = 0;
        bool any = false;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> vs = new(scale), vb = new(bias), anyLane = Vector<T>.Zero;
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y[..x.Length]);
            for (int v = 0; v < vx.Length; v++)
            {
                var h = vb + vx[v] * vs;
                // h ≤ 0 is false for NaN, so a NaN stays.
                vy[v] = Vector.ConditionalSelect(Vector.LessThanOrEqual(h, Vector<T>.Zero), Vector<T>.Zero, h);
                anyLane |= Vector.OnesComplement(Vector.LessThanOrEqual(h, Vector<T>.Zero));
            }
            any = anyLane != Vector<T>.Zero;
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++)
        {
            T h = bias + x[i] * scale;
            y[i] = h <= T.Zero ? T.Zero : h;
            any |= !(h <= T.Zero);
        }
        return any;
    }

    /// <summary>y ← y·a.</summary>
    public static void Scale(Span<T> y, T a)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<T>(a);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
            for (int v = 0; v < vy.Length; v++) vy[v] *= va;
            i = vy.Length * Width;
        }
        for (; i < y.Length; i++) y[i] *= a;
    }

    /// <summary>Σ x_j·y_j in ascending j.</summary>
    public static T Dot(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
    {
        T sum = T.Zero;
        for (int j = 0; j < x.Length; j++) sum += x[j] * y[j];
        return sum;
    }

    /// <summary>Σ x_j in ascending j.</summary>
    public static T Sum(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int j = 0; j < x.Length; j++) sum += x[j];
        return sum;
    }
}

/// <summary>
/// A mostly-zero matrix by its non-zeros, row by row in ascending column order (the order of a
/// coalesced sparse tensor), each column an index into the source rows it multiplies.
/// </summary>
sealed class SparseRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    readonly int[] start, source;
    readonly T[] value;

    public int Rows { get; }

    /// <summary><paramref name="matrix"/>'s non-zeros; column c reads source row <paramref name="sourceOf"/>(c) (c itself by default).</summary>
    public SparseRows(double[,] matrix, IReadOnlyList<int>? sourceOf = null)
    {
        Rows = matrix.GetLength(0);
        int columns = matrix.GetLength(1);
        start = new int[Rows + 1];
        var sources = new List<int>();
        var values = new List<T>();
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < columns; c++)
                if (matrix[r, c] != 0)
                {
                    sources.Add(sourceOf?[c] ?? c);
                    values.Add(T.CreateChecked(matrix[r, c]));
                }
            start[r + 1] = sources.Count;
        }
        source = sources.ToArray();
        value = values.ToArray();
    }

    /// <summary>
    /// Row r of the product with <paramref name="x"/> (rows of n entries) added into <paramref name="y"/>'s
    /// row r, non-zero by non-zero; a source row marked all zero in <paramref name="nonZero"/> adds
    /// nothing and is skipped.
    /// </summary>
    public void MultiplyAdd(ReadOnlySpan<T> x, Span<T> y, int n, ReadOnlySpan<bool> nonZero = default)
    {
        for (int r = 0; r < Rows; r++)
        {
            var row = y.Slice(r * n, n);
            for (int k = start[r]; k < start[r + 1]; k++)
                if (nonZero.IsEmpty || nonZero[source[k]]) Kernels<T>.MultiplyAdd(value[k], x.Slice(source[k] * n, n), row);
        }
    }

    /// <summary>The product with <paramref name="x"/> into <paramref name="y"/> (overwritten).</summary>
    public void Multiply(ReadOnlySpan<T> x, Span<T> y, int n)
    {
        y[..(Rows * n)].Clear();
        MultiplyAdd(x, y, n);
    }

    /// <summary>Entry (r, source row) for each non-zero of row r, in order.</summary>
    public IEnumerable<(int Source, T Value)> Row(int r)
    {
        for (int k = start[r]; k < start[r + 1]; k++) yield return (source[k], value[k]);
    }
}
