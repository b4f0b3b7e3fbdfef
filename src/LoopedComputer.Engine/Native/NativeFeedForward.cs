using System.Runtime.CompilerServices;
using System.Numerics;
using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>
/// The feed-forward step of <see cref="FeedForwardPlan"/> on a block of columns of the state (every
/// column is computed alone, so one block may hold several programs), in
/// the order the torch step computes it: the distinct sums U·X, each unit's ReLU(b1 + scale·sum),
/// b2 plus W2's non-zeros in ascending unit order, then each written row of X plus its update.
/// </summary>
sealed class NativeFeedForward<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    readonly int[] writtenRows, sumOfUnit;
    readonly T[] bias, unitScale, unitBias;
    readonly SparseRows<T>? sums, output;

    public NativeFeedForward(FeedForward ff)
    {
        var plan = new FeedForwardPlan(ff);
        writtenRows = plan.WrittenRows;
        bias = Convert(plan.Bias);
        sumOfUnit = plan.Sums.SumOfUnit;
        unitScale = Convert(plan.Sums.Scale);
        unitBias = Convert(plan.UnitBias);
        if (!plan.HasUnits) return;
        sums = new SparseRows<T>(plan.Sums.Sums);
        output = new SparseRows<T>(plan.Output);
    }

    static T[] Convert(double[] values) => values.Select(T.CreateChecked).ToArray();

    public int SumRows => sums?.Rows ?? 0;
    public int Units => unitBias.Length;
    public int WrittenRows => writtenRows.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddTo(Block<T> x, Workspace<T> work)
    {
        if (writtenRows.Length == 0) return;
        int n = x.Width;
        var update = work.Update.AsSpan(0, writtenRows.Length * n);
        for (int i = 0; i < writtenRows.Length; i++) update.Slice(i * n, n).Fill(bias[i]);
        if (sums is not null)
        {
            var sum = work.Sums.AsSpan(0, sums.Rows * n);
            sums.Multiply(x, sum);
            var hidden = work.Hidden.AsSpan(0, unitBias.Length * n);
            var active = work.Active.AsSpan(0, unitBias.Length);
            for (int u = 0; u < unitBias.Length; u++)
                active[u] = Kernels<T>.ScaledRelu(sum.Slice(sumOfUnit[u] * n, n), unitScale[u], unitBias[u], hidden.Slice(u * n, n));
            output!.MultiplyAdd(Block<T>.Dense(hidden, n), update, active); // most units are off in every column: their products add zeros
        }
        for (int i = 0; i < writtenRows.Length; i++) Kernels<T>.Add(update.Slice(i * n, n), x.Row(writtenRows[i]));
    }
}
