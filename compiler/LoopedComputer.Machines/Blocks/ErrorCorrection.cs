namespace LoopedComputer.Machines.Blocks;

/// <summary>
/// Snaps every entry of the given rows that lies within ε of −1, 0 or +1 back onto it, in every
/// column: x ← g(x) − 1 with g a ReLU staircase, flat within ε of each level. ε is fixed (not
/// measured from the data as the released code did), so the weights never depend on the state.
/// </summary>
public static class ErrorCorrection
{
    public const double Epsilon = 0.25;

    public static Block Snap(string name, params IReadOnlyList<RowField> fields) => new(name)
    {
        Reads = fields,
        Writes = fields,
        CorrectsErrors = true,
        Units = ff => Add(ff, fields),
    };

    public static void Add(FeedForwardBuilder ff, IEnumerable<RowField> fields)
    {
        double scale = 1 / (1 - 2 * Epsilon);
        foreach (int row in fields.SelectMany(f => f.Rows))
        {
            ff.Unit((row, 1), 1 - Epsilon, (row, scale));
            ff.Unit((row, 1), Epsilon, (row, -scale));
            ff.Unit((row, 1), -Epsilon, (row, scale));
            ff.Unit((row, 1), -1 + Epsilon, (row, -scale));
            ff.Clear(row);
            ff.Bias(row, -1);
        }
    }
}
