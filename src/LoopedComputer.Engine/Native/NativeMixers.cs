using System.Runtime.CompilerServices;
using System.Numerics;
using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>
/// A layer's heads on one program's state: every head's mix is computed from X into the workspace
/// before any is added, then each is added into the rows its value map writes, head by head (as
/// <see cref="IMixer"/> defines).
/// </summary>
abstract class NativeMixer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    readonly int[][] outputRows;

    protected NativeMixer(IEnumerable<int[]> outputRows) => this.outputRows = outputRows.ToArray();

    /// <summary>Rows of all heads' mixes together: the workspace's <see cref="Workspace{T}.Mix"/> holds them.</summary>
    public int MixRows => outputRows.Sum(rows => rows.Length);

    /// <summary>Head <paramref name="head"/>'s mix, [its output rows, n], into <paramref name="mix"/>.</summary>
    protected abstract void Mix(int head, Block<T> x, Span<T> mix, Workspace<T> work);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <summary>X ← X + Σ_h head_h(X) on one program's rows (<paramref name="x"/>'s width is its n).</summary>
    public void AddTo(Block<T> x, Workspace<T> work)
    {
        int n = x.Width;
        var mixes = work.Mix.AsSpan();
        for (int h = 0, offset = 0; h < outputRows.Length; offset += outputRows[h].Length * n, h++)
            Mix(h, x, mixes.Slice(offset, outputRows[h].Length * n), work);
        for (int h = 0, offset = 0; h < outputRows.Length; h++)
            foreach (int row in outputRows[h])
            {
                Kernels<T>.Add(mixes.Slice(offset, n), x.Row(row));
                offset += n;
            }
    }
}

/// <summary>
/// Softmax attention (<see cref="SoftmaxAttention"/>'s math): scores λ·(Q X)ᵀ(Q X) (K = Q), a softmax
/// over the keys of each query column that subtracts the column maximum, sums the exponentials in key
/// order and multiplies by the sum's reciprocal (as libtorch's CPU kernel does), then V X times the weights.
/// </summary>
sealed class NativeSoftmax<T> : NativeMixer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    readonly (SparseRows<T> Query, SparseRows<T> Value)[] heads;
    readonly T lambda;

    NativeSoftmax(IReadOnlyList<AttentionHead> heads, double lambda, IReadOnlyList<SelectedRows> values) : base(values.Select(v => v.Outputs))
    {
        this.lambda = T.CreateChecked(lambda);
        this.heads = heads.Select((h, i) =>
        {
            var query = new SelectedRows(h.Query, compactOutputs: true);
            return (new SparseRows<T>(query.Weights, query.Inputs), new SparseRows<T>(values[i].Weights, values[i].Inputs));
        }).ToArray();
    }

    public NativeSoftmax(IReadOnlyList<AttentionHead> heads, double lambda) : this(heads, lambda, heads.Select(h => new SelectedRows(h.Value, compactOutputs: true)).ToList()) { }

    public int QueryRows => heads.Max(h => h.Query.Rows);
    public int ValueRows => heads.Max(h => h.Value.Rows);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Mix(int head, Block<T> x, Span<T> mix, Workspace<T> work)
    {
        var (query, value) = heads[head];
        int r = query.Rows, n = x.Width;
        var q = work.Query.AsSpan(0, r * n);
        query.Multiply(x, q);
        // scores[key j, query i] = λ·Σ_r q[r, j]·q[r, i]
        var scores = work.Scores.AsSpan(0, n * n);
        scores.Clear();
        for (int j = 0; j < n; j++)
        {
            var row = scores.Slice(j * n, n);
            for (int k = 0; k < r; k++)
                if (q[k * n + j] != T.Zero) Kernels<T>.MultiplyAdd(q[k * n + j], q.Slice(k * n, n), row);
            Kernels<T>.Scale(row, lambda);
        }
        var max = work.Column.AsSpan(0, n);
        var total = work.Column2.AsSpan(0, n);
        scores[..n].CopyTo(max);
        for (int j = 1; j < n; j++) Kernels<T>.Max(scores.Slice(j * n, n), max);
        total.Clear();
        for (int j = 0; j < n; j++) Kernels<T>.ExpFromMax(scores.Slice(j * n, n), max, total);
        for (int i = 0; i < n; i++) total[i] = T.One / total[i];
        for (int j = 0; j < n; j++) Kernels<T>.Multiply(total, scores.Slice(j * n, n));
        var vx = work.Values.AsSpan(0, value.Rows * n);
        value.Multiply(x, vx);
        mix.Clear();
        for (int v = 0; v < value.Rows; v++)
        {
            var output = mix.Slice(v * n, n);
            for (int j = 0; j < n; j++)
                if (vx[v * n + j] != T.Zero) Kernels<T>.MultiplyAdd(vx[v * n + j], scores.Slice(j * n, n), output);
        }
    }
}

/// <summary>
/// The linear mixer (<see cref="LinearMixer"/>'s formulas, operation by operation in its order): the
/// holder's pointer broadcast, the clamped comparator, the three reductions and each column's share.
/// </summary>
sealed class NativeLinearMixer<T> : NativeMixer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    sealed record Head(int HolderRow, int CodeBits, SparseRows<T> Pointer, SparseRows<T> Code, SparseRows<T> Value, T MinusThreshold, T CodeNorm);

    readonly Head[] heads;
    static readonly T Half = T.CreateChecked(0.5), MinusHalf = T.CreateChecked(-0.5);

    NativeLinearMixer(IReadOnlyList<AttentionHead> heads, IReadOnlyList<SelectedRows> values) : base(values.Select(v => v.Outputs)) =>
        this.heads = heads.Select((h, i) =>
        {
            var pointer = new SelectedRows(h.Pointer, compactOutputs: false);
            var code = new SelectedRows(SelectedRows.Doubled(h.Code), compactOutputs: false);
            return new Head(h.HolderRow, h.CodeBits, new SparseRows<T>(pointer.Weights, pointer.Inputs), new SparseRows<T>(code.Weights, code.Inputs),
                new SparseRows<T>(values[i].Weights, values[i].Inputs), T.CreateChecked(-2.0 * (h.CodeBits - 1)), T.CreateChecked(4.0 * h.CodeBits));
        }).ToArray();

    public NativeLinearMixer(IReadOnlyList<AttentionHead> heads) : this(heads, heads.Select(h => new SelectedRows(h.Value, compactOutputs: true)).ToList()) { }

    public int CodeRows => heads.Max(h => h.CodeBits);
    public int ValueRows => heads.Max(h => h.Value.Rows);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Mix(int index, Block<T> x, Span<T> mix, Workspace<T> work)
    {
        var head = heads[index];
        int bits = head.CodeBits, v = head.Value.Rows, n = x.Width;
        var holder = x.Row(head.HolderRow);
        // Broadcast: b = Σ_j h_j·(P x_j).
        var pointers = work.Query.AsSpan(0, bits * n);
        head.Pointer.Multiply(x, pointers);
        var b = work.Reduced.AsSpan(0, bits);
        for (int r = 0; r < bits; r++) b[r] = Kernels<T>.ExactDot(pointers.Slice(r * n, n), holder);
        // Compare: match_j = clamp(Σ_r (2c)_j·b + (−2(L − 1)), 0, 1); coded_j = Σ_r (2c)_j² / 4L.
        var codes = work.Scores.AsSpan(0, bits * n);
        head.Code.Multiply(x, codes);
        var match = work.Column.AsSpan(0, n);
        var coded = work.Column2.AsSpan(0, n);
        for (int j = 0; j < n; j++)
        {
            T score = T.Zero, norm = T.Zero;
            for (int r = 0; r < bits; r++)
            {
                T c = codes[r * n + j];
                score += c * b[r];
                norm += c * c;
            }
            match[j] = T.Clamp(score + head.MinusThreshold, T.Zero, T.One);
            coded[j] = norm / head.CodeNorm;
        }
        T found = Kernels<T>.ExactSum(match);
        // Each column's share: self = coded + h·(1 − found/2) − match/2; uncoded = 1 − h − coded (coded's buffer).
        var self = work.Column3.AsSpan(0, n);
        for (int j = 0; j < n; j++)
        {
            self[j] = coded[j] + holder[j] * (found * MinusHalf + T.One) + match[j] * MinusHalf;
            coded[j] = T.One - holder[j] - coded[j];
        }
        var uncoded = coded;
        T count = T.CreateChecked(n);
        var values = work.Values.AsSpan(0, v * n);
        head.Value.Multiply(x, values);
        for (int row = 0; row < v; row++)
        {
            var value = values.Slice(row * n, n);
            // Reduce: the addressed column's value, the holder's value and the mean (sums of exact values).
            T addressed = Kernels<T>.ExactDot(value, match), held = Kernels<T>.ExactDot(value, holder), mean = Kernels<T>.ExactSum(value) / count;
            Kernels<T>.Share(value, self, addressed * Half, holder, held * Half, match, mean, uncoded, mix.Slice(row * n, n));
        }
    }

}
