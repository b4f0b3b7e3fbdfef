using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// Layer 8: memory column WriteAddress ← Result. The addressed column attends ½ to itself and ½ to
/// column 0 and doubles the difference, as in the paper's write; every other memory column attends
/// to itself. The overwrite is gated to memory columns (instruction columns have no cell code and
/// would otherwise average the whole state into their buffer).
/// </summary>
public static class WriteBack
{
    public static LayerWeights Layer(FleqLayout l)
    {
        var buffer = l.Buffer.Slice("Buffer.Write", 0, l.WordBits);
        var head = AddressedAttention.Head("write", l.Rows, l.Indicator, l.WriteAddress, l.CellCode, (l.Memory, buffer), (l.Result, buffer));
        var ff = new FeedForwardBuilder(l.Rows);
        GatedOverwrite.Add(ff, buffer, l.Memory, l.MemoryColumn[0]);
        return new LayerWeights("write", [head], ff.Build());
    }
}
