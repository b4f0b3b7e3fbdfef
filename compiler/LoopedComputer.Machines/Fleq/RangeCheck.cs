namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// Whether a word is a valid pointer, 0 ≤ v &lt; limit, in one feed-forward step:
/// [v ≥ 0] + [v ≤ limit − 1] − 1, with [v ≥ 0] = ReLU(−sign bit) and
/// [v ≤ limit − 1] = ReLU(limit − v) − ReLU(limit − 1 − v), where v = Σ_(e&lt;N−1) 2^(e−1)·β_e − 2^(N−2)·β_sign − ½.
/// (A negative v always satisfies the second test, so the sum is never −1.)
/// LoadOk and JumpOk check x against m and k; StoreOk checks z against m.
/// </summary>
public static class RangeCheck
{
    public static Block Block(FleqLayout l) => new("range checks")
    {
        Reads = [l.X, l.Z],
        Writes = [l.LoadOk, l.StoreOk, l.JumpOk],
        Units = ff =>
        {
            Check(ff, l, l.X, l.MemoryCells, l.LoadOk[0]);
            Check(ff, l, l.Z, l.MemoryCells, l.StoreOk[0]);
            Check(ff, l, l.X, l.InstructionCount, l.JumpOk[0]);
        },
    };

    static void Check(FeedForwardBuilder ff, FleqLayout l, RowField word, int limit, int output)
    {
        int n = l.WordBits;
        var negated = Enumerable.Range(0, n - 1).Select(e => (l.BitRow(word, e), -Math.Pow(2, e - 1)))
            .Append((word[0], Math.Pow(2, n - 2))).ToList(); // −v − ½
        ff.Unit((word[0], -1), 0, (output, 1));
        ff.Unit([.. negated, (l.Indicator, limit + 0.5)], 0, [(output, 1)]);
        ff.Unit([.. negated, (l.Indicator, limit - 0.5)], 0, [(output, -1)]);
        Blocks.ColumnConstant.Add(ff, l.Indicator, [(output, -1)]);
    }
}
