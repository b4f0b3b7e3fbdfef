using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>
/// L6: memory column b ← ScratchMemB (the result). Column b attends ½ to itself and ½ to column 0,
/// so its buffer holds ½·old + ½·result and doubling the difference writes the result; every other
/// memory column attends to itself and keeps its value; the gate is closed in the scratchpad.
/// </summary>
public static class WriteMemory
{
    public static LayerWeights Layer(PaperSubleqLayout l)
    {
        var buffer = l.Buffer.Slice("Buffer.Write", 0, l.WordBits);
        var head = AddressedAttention.Head("write mem[b]", l.Rows, l.Scratchpad[0], l.ScratchB, l.Position, (l.Memory, buffer), (l.ScratchMemB, buffer));
        var ff = new FeedForwardBuilder(l.Rows);
        GatedOverwrite.Add(ff, buffer, l.Memory, l.Scratchpad[0], openWhereGateIs: 0);
        return new LayerWeights("write memory", [head], ff.Build());
    }
}
