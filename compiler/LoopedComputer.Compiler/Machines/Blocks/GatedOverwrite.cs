namespace LoopedComputer.Compiler.Machines.Blocks;

/// <summary>
/// Feed-forward half of a read: where the gate row is 1, <c>target ← 2·buffer − target</c>, i.e.
/// the value the head averaged in (buffer = ½·target + ½·new gives target ← new); elsewhere the
/// target is left alone (the gate's −C keeps both units off). The buffer is cleared in every column.
/// </summary>
public static class GatedOverwrite
{
    /// <summary>The gate constant: larger than any |2·buffer − 2·target| (at most 4).</summary>
    public const double Gate = 100;

    public static void Add(FeedForwardBuilder ff, RowField buffer, RowField target, int gateRow)
    {
        for (int i = 0; i < target.Width; i++)
        {
            ff.Unit([(buffer[i], 2), (target[i], -2), (gateRow, Gate)], -Gate, [(target[i], 1)]);
            ff.Unit([(buffer[i], -2), (target[i], 2), (gateRow, Gate)], -Gate, [(target[i], -1)]);
        }
        ff.Clear(buffer);
    }
}
