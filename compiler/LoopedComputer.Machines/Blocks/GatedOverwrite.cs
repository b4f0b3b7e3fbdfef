namespace LoopedComputer.Machines.Blocks;

/// <summary>
/// Feed-forward half of a read: where the gate row is 1, <c>target ← 2·buffer − target</c>, i.e.
/// the value the head averaged in (buffer = ½·target + ½·new gives target ← new); elsewhere the
/// target is left alone (the gate's −C keeps both units off). The buffer is cleared in every column.
/// Reads write into column 0 (gate: the scratchpad indicator); writes into memory columns.
/// </summary>
public static class GatedOverwrite
{
    /// <summary>The gate constant: larger than any |2·buffer − 2·target| (at most 4).</summary>
    public const double Gate = 100;

    /// <param name="openWhereGateIs">1: overwrite where the gate row is 1 (reads into column 0); 0: where it is 0 (the paper's write, closed in column 0).</param>
    public static void Add(FeedForwardBuilder ff, RowField buffer, RowField target, int gateRow, int openWhereGateIs = 1)
    {
        // Pre-activation offset: 0 where the gate is open, −C where it is closed.
        (double weight, double bias) = openWhereGateIs == 1 ? (Gate, -Gate) : (-Gate, 0.0);
        for (int i = 0; i < target.Width; i++)
        {
            ff.Unit([(buffer[i], 2), (target[i], -2), (gateRow, weight)], bias, [(target[i], 1)]);
            ff.Unit([(buffer[i], -2), (target[i], 2), (gateRow, weight)], bias, [(target[i], -1)]);
        }
        ff.Clear(buffer);
    }
}
