namespace LoopedComputer.Machines.Blocks;

/// <summary>
/// flag ← [value ≤ 0] for a ±1 word (MSB first): ReLU(sign bit) + ReLU(−Σ bits − (N − 1)) is 1 for a
/// negative word (sign bit +1), 1 for zero (all bits −1) and 0 otherwise. <paramref name="scale"/>
/// reads the word at that scale (2 for a word that attention left at half strength in a buffer).
/// The gate row's −C keeps the units off wherever the gate is 0.
/// </summary>
public static class FlagTest
{
    public static void Add(FeedForwardBuilder ff, RowField value, int flagRow, int gateRow, double scale = 1)
    {
        double gate = GatedOverwrite.Gate;
        ff.Unit([(value[0], scale), (gateRow, gate)], -gate, [(flagRow, 1)]);
        ff.Unit([.. value.Rows.Select(r => (r, -scale)), (gateRow, gate - (value.Width - 1))], -gate, [(flagRow, 1)]);
    }
}
