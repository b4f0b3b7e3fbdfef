using LoopedComputer.Compiler.Machines.Blocks;

namespace LoopedComputer.Compiler.Machines.PaperSubleq;

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
        ff.Unit((l.ScratchMemB[0], 1), 0, (l.Flag, 1));
        ff.Unit([.. l.ScratchMemB.Rows.Select(r => (r, -1.0)), (l.Scratchpad[0], -(l.WordBits - 1.0))], 0, [(l.Flag, 1)]);
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
        int one = l.Scratchpad[0];
        for (int i = 0; i < l.AddressBits; i++)
        {
            int target = l.ScratchC[i], next = l.Pc[i];
            ff.Unit([(target, 1), (l.Flag, 1), (one, -1)], 0, [(next, 1)]);
            ff.Unit([(target, -1), (l.Flag, 1), (one, -1)], 0, [(next, -1)]);
            ff.Unit([(next, 1), (l.Flag, -1)], 0, [(next, 1)]);
            ff.Unit([(next, -1), (l.Flag, -1)], 0, [(next, -1)]);
        }
        ff.Clear(l.Pc);
        ff.Clear(l.Flag);
        return new LayerWeights("branch: select", [], ff.Build());
    }
}
