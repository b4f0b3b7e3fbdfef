using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>Layer 1: copy the instruction whose code is in Pc (function, a, b, c, flag, p) into Current.</summary>
public static class Fetch
{
    public static LayerWeights Layer(FleqLayout l)
    {
        var buffer = l.Buffer.Slice("Buffer.Fetch", 0, l.Instruction.Width);
        var head = AddressedAttention.Head("fetch", l.Rows, l.Indicator, l.Pc, l.InstructionCode, (l.Instruction, buffer), (l.Current, buffer));
        var ff = new FeedForwardBuilder(l.Rows);
        GatedOverwrite.Add(ff, buffer, l.Current, l.Indicator);
        return new LayerWeights("fetch", [head], ff.Build());
    }
}
