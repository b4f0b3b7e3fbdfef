using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// and, or, xor on ±1 bits in one feed-forward step:
/// and = 2·ReLU((x + y)/2) − 1, or = 1 − 2·ReLU(−(x + y)/2), xor = ReLU(x − y) + ReLU(y − x) − 1.
/// </summary>
public static class Bitwise
{
    public static Block Block(FleqLayout l) => new("and, or, xor")
    {
        Reads = [l.X, l.Y],
        Writes = [l.And, l.Or, l.Xor],
        Units = ff =>
        {
            for (int i = 0; i < l.WordBits; i++)
            {
                int x = l.X[i], y = l.Y[i];
                ff.Unit([(x, 0.5), (y, 0.5)], 0, [(l.And[i], 2)]);
                ff.Unit([(x, -0.5), (y, -0.5)], 0, [(l.Or[i], -2)]);
                ff.Unit([(x, 1), (y, -1)], 0, [(l.Xor[i], 1)]);
                ff.Unit([(x, -1), (y, 1)], 0, [(l.Xor[i], 1)]);
            }
            ColumnConstant.Add(ff, l.Indicator,
                l.And.Rows.Select(r => (r, -1.0)).Concat(l.Or.Rows.Select(r => (r, 1.0))).Concat(l.Xor.Rows.Select(r => (r, -1.0))));
        },
    };
}
