using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace LoopedComputer.Engine;

/// <summary>
/// The native engine's row operations over the n columns of one program's state, with
/// <see cref="Vector{T}"/> where the hardware has it. Each entry is rounded exactly as the scalar
/// form below the vector loop rounds it (the JIT never fuses a multiply and an add), so the vector
/// width never changes a result. The loop's methods are compiled optimised at once: a short run
/// would otherwise spend itself in the unoptimised first tier.
/// </summary>
static class Kernels<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    static readonly int Width = Vector<T>.Count;

    /// <summary>y ← y + a·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>y ← y + a in every entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScalar(T a, Span<T> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<T>(a);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
            for (int v = 0; v < vy.Length; v++) vy[v] += va;
            i = vy.Length * Width;
        }
        for (; i < y.Length; i++) y[i] += a;
    }

    /// <summary>y ← y + x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>y ← v·s + a·h + b·m + c·u, rounded left to right (the linear mixer's share of each column).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Share(ReadOnlySpan<T> v, ReadOnlySpan<T> s, T a, ReadOnlySpan<T> h, T b, ReadOnlySpan<T> m, T c, ReadOnlySpan<T> u, Span<T> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> va = new(a), vb = new(b), vc = new(c);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            var vs = MemoryMarshal.Cast<T, Vector<T>>(s[..v.Length]);
            var vh = MemoryMarshal.Cast<T, Vector<T>>(h[..v.Length]);
            var vm = MemoryMarshal.Cast<T, Vector<T>>(m[..v.Length]);
            var vu = MemoryMarshal.Cast<T, Vector<T>>(u[..v.Length]);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y[..v.Length]);
            for (int k = 0; k < vv.Length; k++) vy[k] = vv[k] * vs[k] + va * vh[k] + vb * vm[k] + vc * vu[k];
            i = vv.Length * Width;
        }
        for (; i < v.Length; i++) y[i] = v[i] * s[i] + a * h[i] + b * m[i] + c * u[i];
    }

    /// <summary>y ← max(y, x) entry by entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Max(ReadOnlySpan<T> x, Span<T> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y[..x.Length]);
            for (int v = 0; v < vx.Length; v++) vy[v] = Vector.Max(vy[v], vx[v]);
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++) y[i] = T.Max(y[i], x[i]);
    }

    /// <summary>
    /// Differences from the maximum below this have an exponential of +0 in T: e raised to it is under
    /// half the smallest subnormal.
    /// </summary>
    static readonly T Underflow = T.Log(T.Epsilon) - T.One;

    /// <summary>
    /// y ← exp(y − max) and sum ← sum + y entry by entry, by <see cref="Vector.Exp(Vector{float})"/> in every
    /// entry (the tail through a padded vector), so the vector width never changes a result. Entries below
    /// <see cref="Underflow"/> are +0, and a vector of them needs no exponential: adding +0 leaves a
    /// non-negative sum as it was.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ExpFromMax(Span<T> y, ReadOnlySpan<T> max, Span<T> sum)
    {
        var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
        var vmax = MemoryMarshal.Cast<T, Vector<T>>(max[..y.Length]);
        var vsum = MemoryMarshal.Cast<T, Vector<T>>(sum[..y.Length]);
        var underflow = new Vector<T>(Underflow);
        for (int v = 0; v < vy.Length; v++)
        {
            var difference = vy[v] - vmax[v];
            var below = Vector.LessThan(difference, underflow);
            if (Vector.EqualsAll(Vector.AsVectorByte(below), new Vector<byte>(byte.MaxValue))) vy[v] = Vector<T>.Zero;
            else
            {
                vy[v] = ExpAboveUnderflow(difference, below);
                vsum[v] += vy[v];
            }
        }
        int done = vy.Length * Width, rest = y.Length - done;
        if (rest == 0) return;
        Span<T> tail = stackalloc T[Width];
        for (int i = 0; i < rest; i++) tail[i] = y[done + i] - max[done + i];
        var differences = new Vector<T>(tail);
        var exp = ExpAboveUnderflow(differences, Vector.LessThan(differences, underflow));
        for (int i = 0; i < rest; i++)
        {
            y[done + i] = exp[i];
            sum[done + i] += exp[i];
        }
    }

    /// <summary>e^x in each entry, +0 where <paramref name="below"/> marks x below <see cref="Underflow"/>, whatever the vector exponential gives there.</summary>
    static Vector<T> ExpAboveUnderflow(Vector<T> x, Vector<T> below)
    {
        var exp = typeof(T) == typeof(float)
            ? Vector.As<float, T>(Vector.Exp(Vector.As<T, float>(x)))
            : Vector.As<double, T>(Vector.Exp(Vector.As<T, double>(x)));
        return Vector.ConditionalSelect(below, Vector<T>.Zero, exp);
    }

    /// <summary>y ← y·x entry by entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<T> x, Span<T> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y[..x.Length]);
            for (int v = 0; v < vx.Length; v++) vy[v] *= vx[v];
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++) y[i] *= x[i];
    }

    /// <summary>y ← y·a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>Whether every entry of <paramref name="x"/> is finite: x − x is 0 for a finite x and NaN for an infinity or a NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AllFinite(ReadOnlySpan<T> x)
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var lanes = Vector<T>.Zero;
            for (int v = 0; v < vx.Length; v++) lanes += vx[v] - vx[v];
            if (lanes != Vector<T>.Zero) return false;
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++) sum += x[i] - x[i];
        return sum == T.Zero;
    }

    /// <summary>
    /// Bounds of the entries of <paramref name="x"/> outside each program's column 0: the least and
    /// greatest of x·<paramref name="notFirst"/> (1 outside column 0, 0 in it), so the range may also
    /// hold 0; both NaN if an entry is not finite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RangeBesideFirstColumns(ReadOnlySpan<T> x, ReadOnlySpan<T> notFirst, out T low, out T high)
    {
        T lo = T.PositiveInfinity, hi = T.NegativeInfinity, check = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> vlo = new(lo), vhi = new(hi), vcheck = Vector<T>.Zero;
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vm = MemoryMarshal.Cast<T, Vector<T>>(notFirst[..x.Length]);
            for (int v = 0; v < vx.Length; v++)
            {
                var masked = vx[v] * vm[v];
                vlo = Vector.Min(vlo, masked);
                vhi = Vector.Max(vhi, masked);
                vcheck += masked - masked;
            }
            for (int lane = 0; lane < Width; lane++)
            {
                lo = T.Min(lo, vlo[lane]);
                hi = T.Max(hi, vhi[lane]);
                check += vcheck[lane];
            }
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++)
        {
            T masked = x[i] * notFirst[i];
            lo = T.Min(lo, masked);
            hi = T.Max(hi, masked);
            check += masked - masked;
        }
        (low, high) = check == T.Zero ? (lo, hi) : (T.NaN, T.NaN);
    }

    /// <summary>Whether every entry of <paramref name="x"/> outside each program's column 0 is zero (x·<paramref name="notFirst"/> is, a NaN anywhere is not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool ZeroBesideFirstColumns(ReadOnlySpan<T> x, ReadOnlySpan<T> notFirst)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vm = MemoryMarshal.Cast<T, Vector<T>>(notFirst[..x.Length]);
            for (int v = 0; v < vx.Length; v++)
                if (vx[v] * vm[v] != Vector<T>.Zero) return false;
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++)
            if (x[i] * notFirst[i] != T.Zero) return false;
        return true;
    }

    /// <summary>Σ x_j·y_j, in lanes: only for exact values (integers in range), whose sum is the same in any order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T ExactDot(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y[..x.Length]);
            var lanes = Vector<T>.Zero;
            for (int v = 0; v < vx.Length; v++) lanes += vx[v] * vy[v];
            sum = Vector.Sum(lanes);
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>Σ x_j, in lanes: only for exact values, as <see cref="ExactDot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T ExactSum(ReadOnlySpan<T> x)
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var lanes = Vector<T>.Zero;
            for (int v = 0; v < vx.Length; v++) lanes += vx[v];
            sum = Vector.Sum(lanes);
            i = vx.Length * Width;
        }
        for (; i < x.Length; i++) sum += x[i];
        return sum;
    }
}

/// <summary>
/// Rows of <see cref="Width"/> entries inside a larger array: row r starts at r·<see cref="Stride"/> +
/// <see cref="Offset"/>. The state [d, batch, n] seen as one program's rows (width n) or a tile of
/// programs' rows (width k·n), and scratch rows (stride = width).
/// </summary>
readonly ref struct Block<T>(Span<T> data, int stride, int offset, int width)
{
    public readonly Span<T> Data = data;
    public readonly int Stride = stride, Offset = offset, Width = width;

    public Span<T> Row(int r) => Data.Slice(r * Stride + Offset, Width);

    public static Block<T> Dense(Span<T> rows, int width) => new(rows, width, 0, width);
}

/// <summary>
/// A mostly-zero matrix by its non-zeros, row by row in ascending column order (the order of a
/// coalesced sparse tensor), each column an index into the source rows it multiplies.
/// </summary>
sealed class SparseRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    readonly int[] start, source;
    readonly T[] value;
    readonly int maxSource;

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
        maxSource = source.Length > 0 ? source.Max() : 0;
    }

    /// <summary>
    /// Row r of the product with <paramref name="x"/> (rows of n entries) added into <paramref name="y"/>'s
    /// row r, non-zero by non-zero in ascending column order, each entry's sum kept in a register
    /// (the same additions, in the same order, as one multiply-add per non-zero); a source row marked
    /// all zero in <paramref name="nonZero"/> adds nothing and is skipped; a row not marked in
    /// <paramref name="rows"/> (when given) is left alone. Four vectors of columns are
    /// summed at once (independent additions, so the core overlaps them); a row's last vector may
    /// overlap the one before it, and is summed from y as it was before any store, so the entries
    /// both hold get the same value twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MultiplyAdd(Block<T> x, Span<T> y, ReadOnlySpan<bool> nonZero = default, ReadOnlySpan<bool> rows = default)
    {
        int n = x.Width, stride = x.Stride;
        // Every source row lies inside x's data: the checks are made once here, not per entry.
        if (source.Length > 0 && maxSource * stride + x.Offset + n > x.Data.Length || y.Length < Rows * n)
            throw new ArgumentOutOfRangeException(nameof(x));
        ref T xs = ref Unsafe.Add(ref MemoryMarshal.GetReference(x.Data), x.Offset);
        bool all = nonZero.IsEmpty;
        int width = Vector<T>.Count;
        if (!Vector.IsHardwareAccelerated || n < width)
        {
            for (int r = 0; r < Rows; r++)
            {
                if (!rows.IsEmpty && !rows[r]) continue;
                ref T ys = ref MemoryMarshal.GetReference(y.Slice(r * n, n));
                for (int i = 0; i < n; i++)
                {
                    T sum = Unsafe.Add(ref ys, i);
                    for (int k = start[r]; k < start[r + 1]; k++)
                        if (all || nonZero[source[k]]) sum += value[k] * Unsafe.Add(ref xs, source[k] * stride + i);
                    Unsafe.Add(ref ys, i) = sum;
                }
            }
            return;
        }
        for (int r = 0; r < Rows; r++)
            if (rows.IsEmpty || rows[r]) AddRow(r, ref xs, stride, y.Slice(r * n, n), all, nonZero);
    }

    /// <summary>Row <paramref name="r"/> of the product added into <paramref name="y"/> (at least one vector wide), as <see cref="MultiplyAdd"/> describes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void AddRow(int r, ref T xs, int stride, Span<T> y, bool all, ReadOnlySpan<bool> nonZero)
    {
        int n = y.Length, width = Vector<T>.Count, lastAt = n - width, four = 4 * width;
        ref T ys = ref MemoryMarshal.GetReference(y);
        int first = start[r], end = start[r + 1], i = 0;
        var last = Vector.LoadUnsafe(ref ys, (nuint)lastAt);
        for (int k = first; k < end; k++)
            if (all || nonZero[source[k]]) last += new Vector<T>(value[k]) * Vector.LoadUnsafe(ref xs, (nuint)(source[k] * stride + lastAt));
        for (; i + four <= lastAt; i += four)
        {
            ref T yi = ref Unsafe.Add(ref ys, i);
            Vector<T> s0 = Vector.LoadUnsafe(ref yi), s1 = Vector.LoadUnsafe(ref yi, (nuint)width);
            Vector<T> s2 = Vector.LoadUnsafe(ref yi, (nuint)(2 * width)), s3 = Vector.LoadUnsafe(ref yi, (nuint)(3 * width));
            for (int k = first; k < end; k++)
                if (all || nonZero[source[k]])
                {
                    var a = new Vector<T>(value[k]);
                    ref T xi = ref Unsafe.Add(ref xs, source[k] * stride + i);
                    s0 += a * Vector.LoadUnsafe(ref xi);
                    s1 += a * Vector.LoadUnsafe(ref xi, (nuint)width);
                    s2 += a * Vector.LoadUnsafe(ref xi, (nuint)(2 * width));
                    s3 += a * Vector.LoadUnsafe(ref xi, (nuint)(3 * width));
                }
            s0.StoreUnsafe(ref yi);
            s1.StoreUnsafe(ref yi, (nuint)width);
            s2.StoreUnsafe(ref yi, (nuint)(2 * width));
            s3.StoreUnsafe(ref yi, (nuint)(3 * width));
        }
        for (; i < lastAt; i += width)
        {
            var sum = Vector.LoadUnsafe(ref ys, (nuint)i);
            for (int k = first; k < end; k++)
                if (all || nonZero[source[k]]) sum += new Vector<T>(value[k]) * Vector.LoadUnsafe(ref xs, (nuint)(source[k] * stride + i));
            sum.StoreUnsafe(ref ys, (nuint)i);
        }
        last.StoreUnsafe(ref ys, (nuint)lastAt);
    }

    /// <summary>
    /// The product with <paramref name="x"/> (a tile of programs <paramref name="programWidth"/> columns
    /// wide) into <paramref name="y"/>. A row that reads only source rows marked in
    /// <paramref name="zeroBesideFirstColumns"/> (zero outside each program's column 0) is zero there
    /// too (a sum of zero products from +0 is +0): only its programs' column 0 is summed and written,
    /// and it is marked in <paramref name="firstColumnsOnly"/> (its other entries are left as they were).
    /// Every other row is overwritten whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(Block<T> x, Span<T> y, ReadOnlySpan<bool> zeroBesideFirstColumns, int programWidth, Span<bool> firstColumnsOnly)
    {
        int n = x.Width, stride = x.Stride;
        if (source.Length > 0 && maxSource * stride + x.Offset + n > x.Data.Length || y.Length < Rows * n)
            throw new ArgumentOutOfRangeException(nameof(x));
        ref T xs = ref Unsafe.Add(ref MemoryMarshal.GetReference(x.Data), x.Offset);
        bool vector = Vector.IsHardwareAccelerated && n >= Vector<T>.Count;
        for (int r = 0; r < Rows; r++)
        {
            var row = y.Slice(r * n, n);
            bool firstOnly = true;
            for (int k = start[r]; k < start[r + 1] && firstOnly; k++) firstOnly = zeroBesideFirstColumns[source[k]];
            firstColumnsOnly[r] = firstOnly;
            if (firstOnly)
            {
                for (int column = 0; column < n; column += programWidth)
                {
                    T sum = T.Zero;
                    for (int k = start[r]; k < start[r + 1]; k++) sum += value[k] * Unsafe.Add(ref xs, source[k] * stride + column);
                    row[column] = sum;
                }
                continue;
            }
            row.Clear();
            if (vector) AddRow(r, ref xs, stride, row, true, default);
            else
                for (int i = 0; i < n; i++)
                {
                    T sum = row[i];
                    for (int k = start[r]; k < start[r + 1]; k++) sum += value[k] * Unsafe.Add(ref xs, source[k] * stride + i);
                    row[i] = sum;
                }
        }
    }

    /// <summary>Whether row <paramref name="r"/> has a non-zero whose source is marked in <paramref name="sources"/>.</summary>
    public bool Reads(int r, ReadOnlySpan<bool> sources)
    {
        for (int k = start[r]; k < start[r + 1]; k++)
            if (sources[source[k]]) return true;
        return false;
    }

    /// <summary>The source rows any non-zero reads, ascending.</summary>
    public int[] Sources => [.. source.Distinct().Order()];

    /// <summary>
    /// Each program's column 0 of every row (the columns 0, w, 2w, … of <paramref name="y"/>, rows of
    /// <paramref name="n"/> entries) summed again from <paramref name="initial"/>: the product with the
    /// hidden units <paramref name="computed"/> in every column (<paramref name="hidden"/>, rows of n) and
    /// those <paramref name="firstOnly"/> in column 0 alone (<paramref name="firstHidden"/>, [unit, program]),
    /// non-zero by non-zero in ascending order, as <see cref="MultiplyAdd"/> sums every column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SumFirstColumns(ReadOnlySpan<T> hidden, int n, int programWidth, ReadOnlySpan<bool> computed, ReadOnlySpan<bool> firstOnly,
        ReadOnlySpan<T> firstHidden, ReadOnlySpan<T> initial, Span<T> y)
    {
        int programs = n / programWidth;
        for (int r = 0; r < Rows; r++)
            for (int p = 0; p < programs; p++)
            {
                int column = p * programWidth;
                T sum = initial[r];
                for (int k = start[r]; k < start[r + 1]; k++)
                {
                    int u = source[k];
                    if (computed[u]) sum += value[k] * hidden[u * n + column];
                    else if (firstOnly[u]) sum += value[k] * firstHidden[u * programs + p];
                }
                y[r * n + column] = sum;
            }
    }

    /// <summary>The product with <paramref name="x"/> into <paramref name="y"/> (rows of x's width, overwritten).</summary>
    public void Multiply(Block<T> x, Span<T> y)
    {
        y[..(Rows * x.Width)].Clear();
        MultiplyAdd(x, y);
    }
}
