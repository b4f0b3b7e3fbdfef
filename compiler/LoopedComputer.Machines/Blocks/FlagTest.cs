namespace LoopedComputer.Machines.Blocks;

/// <summary>
/// flag ← [value ≤ 0] for a ±1 word (MSB first): ReLU(sign bit) + ReLU(−Σ bits − (N − 1)) is 1 for a
/// negative word (sign bit +1), 1 for zero (all bits −1) and 0 otherwise.
/// The gate row's −C keeps the units off wherever the gate is 0.
/// </summary>
public static class FlagTest
{
    /// <summary><paramref name="flag"/> ← [value ≤ 0] in column 0, and <paramref name="value"/> cleared.</summary>
    public static Block Test(string name, RowSpace space, RowField value, RowField flag) => new(name)
    {
        Reads = [value],
        Writes = [flag],
        Clears = [value],
        Units = ff =>
        {
            Add(ff, value, flag[0], space.Indicator[0]);
            ff.Clear(value);
        },
    };

    public static void Add(FeedForwardBuilder ff, RowField value, int flagRow, int gateRow)
    {
        double gate = GatedOverwrite.Gate;
        ff.Unit([(value[0], 1), (gateRow, gate)], -gate, [(flagRow, 1)]);
        ff.Unit([.. value.Rows.Select(r => (r, -1.0)), (gateRow, gate - (value.Width - 1))], -gate, [(flagRow, 1)]);
    }
}
