namespace LoopedComputer.Machines.Blocks;

/// <summary>
/// A constant added only where an indicator row is 1: one unit ReLU(indicator) = indicator, with
/// the constants as its output weights. This replaces the released code's column-0-only biases,
/// which a standard transformer (broadcast biases) cannot express.
/// </summary>
public static class ColumnConstant
{
    public static void Add(FeedForwardBuilder ff, int indicatorRow, IEnumerable<(int Row, double Value)> constants) =>
        ff.Unit([(indicatorRow, 1)], 0, constants);
}
