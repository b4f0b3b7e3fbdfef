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
    readonly int[] sumInputs = [];
    /// <summary>For each written row, whether its b2 alone makes an update outside column 0 (non-zero, or −0).</summary>
    readonly bool[] biasReachesEveryColumn;

    public NativeFeedForward(FeedForward ff)
    {
        var plan = new FeedForwardPlan(ff);
        writtenRows = plan.WrittenRows;
        bias = Convert(plan.Bias);
        biasReachesEveryColumn = [.. bias.Select(b => b != T.Zero || T.IsNegative(b))];
        sumOfUnit = plan.Sums.SumOfUnit;
        unitScale = Convert(plan.Sums.Scale);
        unitBias = Convert(plan.UnitBias);
        if (!plan.HasUnits) return;
        sums = new SparseRows<T>(plan.Sums.Sums);
        sumInputs = sums.Sources;
        output = new SparseRows<T>(plan.Output);
    }

    static T[] Convert(double[] values) => values.Select(T.CreateChecked).ToArray();

    public int SumRows => sums?.Rows ?? 0;
    public int Units => unitBias.Length;
    public int WrittenRows => writtenRows.Length;

    /// <summary>
    /// The step on <paramref name="x"/>, a tile of programs side by side, each <paramref name="programWidth"/>
    /// columns wide. Most units of a machine work in column 0 (the scratchpad) alone: where a unit's
    /// sum, over every other column, lies in a range on which b1 + scale·sum ≤ 0 at both ends (the
    /// rounded expression is monotone in the sum; the range may be widened to hold 0), its ReLU is zero there, so it is computed in the
    /// programs' column 0 only and W2's product in the other columns skips it; column 0 of each
    /// program is then summed again over every unit that is non-zero there, in ascending order.
    /// Skipping a unit whose value is exactly zero leaves every sum as the full product makes it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddTo(Block<T> x, int programWidth, Workspace<T> work)
    {
        if (writtenRows.Length == 0) return;
        int n = x.Width, programs = n / programWidth;
        var update = work.Update.AsSpan(0, writtenRows.Length * n);
        var everywhere = work.UpdateEverywhere.AsSpan(0, writtenRows.Length);
        if (sums is null)
        {
            for (int i = 0; i < writtenRows.Length; i++) Kernels<T>.AddScalar(bias[i], x.Row(writtenRows[i]));
            return;
        }
        var sum = work.Sums.AsSpan(0, sums.Rows * n);
        // Rows zero outside column 0 (the scratchpad's fields) make sums that are zero there too: those are summed in column 0 alone.
        var zeroBeside = work.ZeroBesideFirstColumns;
        var notFirst = work.NotFirstColumn.AsSpan(0, n);
        foreach (int r in sumInputs) zeroBeside[r] = Kernels<T>.ZeroBesideFirstColumns(x.Row(r), notFirst);
        var sumFirstOnly = work.SumFirstColumnsOnly.AsSpan(0, sums.Rows);
        sums.Multiply(x, sum, zeroBeside, programWidth, sumFirstOnly);
        var (low, high) = (work.SumLow, work.SumHigh);
        for (int s = 0; s < sums.Rows; s++)
            if (sumFirstOnly[s]) low[s] = high[s] = T.Zero;
            else Kernels<T>.RangeBesideFirstColumns(sum.Slice(s * n, n), notFirst, out low[s], out high[s]);
        var hidden = work.Hidden.AsSpan(0, unitBias.Length * n);
        var active = work.Active.AsSpan(0, unitBias.Length);
        var firstOnly = work.FirstColumnOnly.AsSpan(0, unitBias.Length);
        var firstHidden = work.FirstColumnHidden.AsSpan(0, unitBias.Length * programs);
        bool anyFirstOnly = false;
        for (int u = 0; u < unitBias.Length; u++)
        {
            int s = sumOfUnit[u];
            T scale = unitScale[u], b = unitBias[u];
            var unitSum = sum.Slice(s * n, n);
            // False for a NaN range (a non-finite sum): such a unit is computed everywhere.
            if (b + low[s] * scale <= T.Zero && b + high[s] * scale <= T.Zero)
            {
                active[u] = false;
                bool any = false;
                for (int p = 0; p < programs; p++)
                {
                    T h = b + unitSum[p * programWidth] * scale;
                    firstHidden[u * programs + p] = h <= T.Zero ? T.Zero : h;
                    any |= !(h <= T.Zero);
                }
                firstOnly[u] = any;
                anyFirstOnly |= any;
                continue;
            }
            if (sumFirstOnly[s])
            {
                // Needed in every column after all: the entries outside column 0 are +0.
                for (int start = 0; start < n; start += programWidth) unitSum.Slice(start + 1, programWidth - 1).Clear();
                sumFirstOnly[s] = false;
            }
            firstOnly[u] = false;
            active[u] = Kernels<T>.ScaledRelu(unitSum, scale, b, hidden.Slice(u * n, n));
        }
        // A written row no unit computed everywhere writes, with b2 = +0, has the update +0 outside
        // column 0; the state never holds −0 (x + y is −0 only for x = y = −0), so adding it there changes nothing.
        for (int i = 0; i < writtenRows.Length; i++)
        {
            everywhere[i] = biasReachesEveryColumn[i] || output!.Reads(i, active);
            if (everywhere[i]) update.Slice(i * n, n).Fill(bias[i]);
        }
        output!.MultiplyAdd(Block<T>.Dense(hidden, n), update, active, everywhere); // most units are off in every column: their products add zeros
        if (anyFirstOnly) output.SumFirstColumns(hidden, n, programWidth, active, firstOnly, firstHidden, bias, update);
        for (int i = 0; i < writtenRows.Length; i++)
        {
            var row = x.Row(writtenRows[i]);
            if (everywhere[i]) Kernels<T>.Add(update.Slice(i * n, n), row);
            else if (anyFirstOnly)
                for (int column = 0; column < n; column += programWidth) row[column] += update[i * n + column];
        }
    }
}
