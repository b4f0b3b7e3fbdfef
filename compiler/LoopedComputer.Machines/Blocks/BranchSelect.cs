namespace LoopedComputer.Machines.Blocks;

/// <summary>
/// pc ← flag ? target : pc (pc already holding PC + 1), for ±1 codes:
/// ReLU(t − (1 − flag)) − ReLU(−t − (1 − flag)) + ReLU(p − flag) − ReLU(−p − flag) per bit, then the
/// old pc and the flag are cleared. The gate row supplies the constant 1 (column 0 only).
/// </summary>
public static class BranchSelect
{
    public static Block Select(string name, RowSpace space, RowField target, RowField pc, RowField flag) => new(name)
    {
        Reads = [target, pc, flag],
        Writes = [pc],
        Clears = [flag],
        Units = ff => Add(ff, target, pc, flag[0], space.Indicator[0]),
    };

    public static void Add(FeedForwardBuilder ff, RowField target, RowField pc, int flagRow, int gateRow)
    {
        for (int i = 0; i < pc.Width; i++)
        {
            ff.Unit([(target[i], 1), (flagRow, 1), (gateRow, -1)], 0, [(pc[i], 1)]);
            ff.Unit([(target[i], -1), (flagRow, 1), (gateRow, -1)], 0, [(pc[i], -1)]);
            ff.Unit([(pc[i], 1), (flagRow, -1)], 0, [(pc[i], 1)]);
            ff.Unit([(pc[i], -1), (flagRow, -1)], 0, [(pc[i], -1)]);
        }
        ff.Clear(pc);
        ff.Clear(flagRow);
    }
}
