using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>L7 and L9: the flag [mem[b] − mem[a] ≤ 0], then PC ← flag ? target : PC + 1.</summary>
public static class Branch
{
    /// <summary>
    /// L7: Flag ← ReLU(sign bit) + ReLU(−Σ bits − (N − 1)): 1 for a negative result (sign bit +1),
    /// 1 for zero (all bits −1), else 0. Clears ScratchMemB.
    /// </summary>
    public static LayerWeights Flag(PaperSubleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        FlagTest.Add(ff, l.ScratchMemB, l.Flag, l.Scratchpad[0]);
        ff.Clear(l.ScratchMemB);
        return new LayerWeights("branch: flag", [], ff.Build());
    }

    /// <summary>
    /// L9: Pc ← ReLU(c − (1 − flag)) − ReLU(−c − (1 − flag)) + ReLU(p − flag) − ReLU(−p − flag) per bit,
    /// where c is the target code and p the incremented PC; the old PC and the flag are cleared.
    /// </summary>
    public static LayerWeights Select(PaperSubleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        BranchSelect.Add(ff, l.ScratchC, l.Pc, l.Flag, l.Scratchpad[0]);
        return new LayerWeights("branch: select", [], ff.Build());
    }
}
