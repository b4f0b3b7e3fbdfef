using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>
/// The paper's SUBLEQ machine as released: 10 layers (the paper counts 9 after merging two
/// feed-forward steps; the released code, and this port, keep them apart), at most 2 heads.
/// One loop executes one SUBLEQ instruction. Built once per program shape; its catalogue entry,
/// limits and λ bound are <see cref="PaperSubleqDefinition"/>.
/// </summary>
public static class PaperSubleqMachine
{
    public const string Name = "paper-subleq";

    /// <summary>
    /// The layers as a plan of blocks. Reads and writes use the released code's designed ½/½ tie of an
    /// addressed head (Blocks/AddressedAttention); the written cell is b.
    /// </summary>
    public static MachineWeights Build(PaperSubleqLayout l)
    {
        var space = l.Space;
        var code = l.Position;
        return new MachinePlan(Name, space)
            .Layer("read instruction", AddressedCopy.Read("read instruction", space, AddressPointer.Of(l.Pc), code, l.Instruction, l.Scratch,
                l.Buffer.Slice("Buffer.Instruction", 0, l.Scratch.Width)))
            .Layer("read memory",
                AddressedCopy.Read("read mem[a]", space, AddressPointer.Of(l.ScratchA), code, l.Memory, l.ScratchMemA, l.Buffer.Slice("Buffer.MemA", 0, l.WordBits)),
                AddressedCopy.Read("read mem[b]", space, AddressPointer.Of(l.ScratchB), code, l.Memory, l.ScratchMemB, l.Buffer.Slice("Buffer.MemB", l.WordBits, l.WordBits)))
            .Layer("subtract: flip", Subtract.Flip(l))
            .Layer("subtract: +1", Subtract.Negate(l))
            .Layer("subtract: add", Subtract.Add(l), Subtract.ClearScratch(l))
            .Layer("write memory", AddressedCopy.Write("write mem[b]", space, AddressPointer.Of(l.ScratchB), code, l.ScratchMemB, l.Memory,
                l.Buffer.Slice("Buffer.Write", 0, l.WordBits), l.Scratchpad, openWhereGateIs: 0))
            .Layer("branch: flag", FlagTest.Test("flag ← [b − a ≤ 0]", space, l.ScratchMemB, l.Flag))
            .Layer("pc + 1", BinaryAdder.Increment("pc + 1", space, l.Pc))
            .Layer("branch: select", BranchSelect.Select("pc ← flag ? c : pc + 1", space, l.ScratchC, l.Pc, l.Flag))
            .Layer("error correction", ErrorCorrection.Snap("snap memory, pc, instruction", l.Memory, l.Pc, l.ScratchA, l.ScratchB, l.ScratchC))
            .Build();
    }
}
