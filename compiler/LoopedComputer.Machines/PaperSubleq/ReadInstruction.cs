using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>L1: copy the instruction at the PC (its a, b and target codes) into ScratchA|B|C of column 0.</summary>
public static class ReadInstruction
{
    public static LayerWeights Layer(PaperSubleqLayout l)
    {
        var instruction = l.InstructionA with { Name = "Instruction", Width = 3 * l.AddressBits };
        var scratch = l.ScratchA with { Name = "Scratch", Width = 3 * l.AddressBits };
        var buffer = l.Buffer.Slice("Buffer.Instruction", 0, 3 * l.AddressBits);
        var head = AddressedAttention.Head("read instruction", l.Rows, l.Scratchpad[0], l.Pc, l.Position, (instruction, buffer), (scratch, buffer));
        var ff = new FeedForwardBuilder(l.Rows);
        GatedOverwrite.Add(ff, buffer, scratch, l.Scratchpad[0]);
        return new LayerWeights("read instruction", [head], ff.Build());
    }
}
