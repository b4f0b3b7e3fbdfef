using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>L2: two heads copy mem[a] and mem[b] into ScratchMemA and ScratchMemB of column 0.</summary>
public static class ReadMemory
{
    public static LayerWeights Layer(PaperSubleqLayout l)
    {
        var bufferA = l.Buffer.Slice("Buffer.MemA", 0, l.WordBits);
        var bufferB = l.Buffer.Slice("Buffer.MemB", l.WordBits, l.WordBits);
        var headA = AddressedAttention.Head("read mem[a]", l.Rows, l.Scratchpad[0], l.ScratchA, l.Position, (l.Memory, bufferA), (l.ScratchMemA, bufferA));
        var headB = AddressedAttention.Head("read mem[b]", l.Rows, l.Scratchpad[0], l.ScratchB, l.Position, (l.Memory, bufferB), (l.ScratchMemB, bufferB));
        var ff = new FeedForwardBuilder(l.Rows);
        GatedOverwrite.Add(ff, bufferA, l.ScratchMemA, l.Scratchpad[0]);
        GatedOverwrite.Add(ff, bufferB, l.ScratchMemB, l.Scratchpad[0]);
        return new LayerWeights("read memory", [headA, headB], ff.Build());
    }
}
