using LoopedComputer.Machines.Blocks;
using static LoopedComputer.Machines.Classic.ClassicBlocks;

namespace LoopedComputer.Machines.Classic;

/// <summary>
/// The classic (von Neumann) SUBLEQ machine: one loop executes one instruction of the image, in 9
/// layers (10 when the difference saturates: a layer clamps it after the adder). The PC is a word; pc + 1, pc + 2 and pc + 3 come from exact adders before the fetch, so the
/// three fetch heads address the three words of the instruction directly. An instruction that cannot
/// run (PC or operand outside the image) changes nothing: its loop leaves the state as it was, a fixed
/// point. Its catalogue entry is <see cref="ClassicDefinition"/>; docs/classic-machine.md has the layer table.
/// </summary>
public static class ClassicMachine
{
    public const string Name = "classic";

    public static MachineWeights Build(ClassicLayout l)
    {
        var space = l.Space;
        var code = l.AddressCode;
        int n = l.WordBits;
        RowField Buffer(string name, int slot) => l.Buffer.Slice(name, slot * n, n);
        // Saturating, mem[b] stays a layer longer: the clamp reads its sign.
        List<Block> subtract = [BinaryAdder.Sum("b − a", space, [l.MemB, new Addend(l.MemA, Complement: true)], 1, l.Diff), Kind(l)];
        if (!l.Semantics.Saturate) subtract.Add(Block.Clear("clear mem[b]", l.MemB));
        return new MachinePlan(Name, space)
            .Layer("pc + 1, 2, 3",
                BinaryAdder.Sum("pc + 1", space, [l.Pc], 1, l.Pc1),
                BinaryAdder.Sum("pc + 2", space, [l.Pc], 2, l.Pc2),
                BinaryAdder.Sum("pc + 3", space, [l.Pc], 3, l.Pc3),
                PcInImage(l))
            .Layer("fetch",
                AddressedCopy.Read("a ← mem[pc]", space, Low(l, l.Pc), code, l.Memory, l.A, Buffer("Buffer.A", 0)),
                AddressedCopy.Read("b ← mem[pc + 1]", space, Low(l, l.Pc1), code, l.Memory, l.B, Buffer("Buffer.B", 1)),
                AddressedCopy.Read("c ← mem[pc + 2]", space, Low(l, l.Pc2), code, l.Memory, l.C, Buffer("Buffer.C", 2)),
                AddressedCopy.Read("count ← mem[outn]", space, Constant(l, l.Semantics.CountCell), code, l.Memory, l.Count, Buffer("Buffer.Count", 3)),
                Block.Clear("clear pc + 1, pc + 2", l.Pc1, l.Pc2))
            .Layer("read operands",
                AddressedCopy.Read("mem[a]", space, Low(l, l.A), code, l.Memory, l.MemA, Buffer("Buffer.MemA", 0)),
                AddressedCopy.Read("mem[b]", space, Low(l, l.B), code, l.Memory, l.MemB, Buffer("Buffer.MemB", 1)),
                Checks(l),
                BinaryAdder.Sum("count + 1", space, [l.Count], 1, l.CountNext),
                BinaryAdder.Sum("M + count", space, [l.Count], l.ImageWords, l.OutPtr),
                Block.Clear("clear a, count", l.A, l.Count))
            .Layer("subtract", subtract)
            .LayerIf(l.Semantics.Saturate, "saturate",
                Saturation.Clamp("b − a clamped to the word", space, l.MemA, l.MemB, l.Diff),
                Block.Clear("clear mem[b]", l.MemB))
            .Layer("what to write where", Flag(l), WritePointer(l), WriteValue(l), CountPointer(l))
            .Layer("write",
                AddressedCopy.Write("mem[write pointer] ← write value", space, AddressPointer.Of(l.WritePtr), code, l.WriteValue, l.Memory,
                    Buffer("Buffer.Write", 0), l.Scratchpad, openWhereGateIs: 0),
                BranchFlag(l),
                Block.Clear("clear write pointer, value", l.WritePtr, l.WriteValue))
            .Layer("count; branch target",
                AddressedCopy.Write("mem[outn] ← count + 1", space, AddressPointer.Of(l.CountPtr), code, l.CountNext, l.Memory,
                    Buffer("Buffer.Count", 0), l.Scratchpad, openWhereGateIs: 0),
                BranchSelect.Select("pc + 3 ← branch ? c : pc + 3", space, l.C, l.Pc3, l.Branch),
                Block.Clear("clear count pointer, count + 1, c", l.CountPtr, l.CountNext, l.C))
            .Layer("pc ← go ? next : pc",
                BranchSelect.Select("pc ← go ? pc + 3 : pc", space, l.Pc3, l.Pc, l.Go),
                Block.Clear("clear next", l.Pc3))
            .Layer("error correction", ErrorCorrection.Snap("snap memory, pc", l.Memory, l.Pc))
            .Build();
    }
}
