using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>
/// X ← X + W2·ReLU(W1·X + b1) + b2 reduced to the work that changes X, for both engines: units that
/// write nothing are dropped, a unit that reads nothing is a constant folded into b2, the kept units'
/// W1 is factored into <see cref="SharedSums"/>, and W2 and b2 keep only the rows they write.
/// </summary>
sealed class FeedForwardPlan
{
    /// <summary>The rows of X the step adds into, ascending (none: the step does nothing).</summary>
    public int[] WrittenRows { get; }
    /// <summary>b2 with the constant units folded in, for each written row.</summary>
    public double[] Bias { get; }
    /// <summary>The kept units' input sums (its Units, in W1's order).</summary>
    public SharedSums Sums { get; }
    /// <summary>b1 of each kept unit.</summary>
    public double[] UnitBias { get; }
    /// <summary>W2[WrittenRows, kept units].</summary>
    public double[,] Output { get; }

    public bool HasUnits => Sums.Units.Length > 0;

    public FeedForwardPlan(FeedForward ff)
    {
        int d = ff.W2.GetLength(0);
        bool Writes(int u) => Enumerable.Range(0, d).Any(r => ff.W2[r, u] != 0);
        Sums = SharedSums.Factor(ff.W1, Enumerable.Range(0, ff.Hidden).Where(Writes).ToArray());
        var units = Sums.Units;
        var bias = new double[d];
        for (int r = 0; r < d; r++)
        {
            bias[r] = ff.B2[r];
            foreach (int u in Sums.Constants) bias[r] += ff.W2[r, u] * Math.Max(ff.B1[u], 0);
        }
        WrittenRows = Enumerable.Range(0, d).Where(r => bias[r] != 0 || units.Any(u => ff.W2[r, u] != 0)).ToArray();
        Bias = WrittenRows.Select(r => bias[r]).ToArray();
        UnitBias = units.Select(u => ff.B1[u]).ToArray();
        Output = new double[WrittenRows.Length, units.Length];
        for (int i = 0; i < WrittenRows.Length; i++)
            for (int j = 0; j < units.Length; j++)
                Output[i, j] = ff.W2[WrittenRows[i], units[j]];
    }
}
