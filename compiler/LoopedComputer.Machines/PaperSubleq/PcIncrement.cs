using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>L8: Pc ← Pc + 1 mod 2^logn, in place (the adder with a constant 1, minus the old code).</summary>
public static class PcIncrement
{
    public static LayerWeights Layer(PaperSubleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        BinaryAdder.Add(ff, [l.Pc], 1, l.Pc, l.Scratchpad[0]);
        ff.Clear(l.Pc);
        return new LayerWeights("pc + 1", [], ff.Build());
    }
}
