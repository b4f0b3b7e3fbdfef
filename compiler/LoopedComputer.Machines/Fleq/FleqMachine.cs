using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// The 13-layer FLEQ machine: one loop executes <c>FLEQ f, a, b, c, flag, p</c> for every function of
/// the menu. All function blocks run in parallel on the operands and the opcode selects the result.
/// <see cref="Build"/> is the plan of its layers (its catalogue entry, limits and λ bound: <see cref="FleqDefinition"/>); <c>looped asm --listing</c> and docs/machine.md show it as a table.
/// </summary>
public static class FleqMachine
{
    public const string Name = "fleq";

    /// <summary>
    /// The layers as a plan of blocks: all function blocks compute in parallel on the cleaned operands
    /// (layers 4–5), the program's function units among them, and the opcode selects the result (6).
    /// </summary>
    public static MachineWeights Build(FleqLayout l)
    {
        var space = l.Space;
        Block ReadCell(string name, RowField pointer, RowField target, RowField buffer) =>
            AddressedCopy.Read(name, space, AddressPointer.Of(pointer), l.CellCode, l.Memory, target, buffer);
        RowField Buffer(string name, int start, int width) => l.Buffer.Slice(name, start, width);
        int n = l.WordBits;
        return new MachinePlan(Name, space)
            .Layer("fetch", AddressedCopy.Read("fetch", space, AddressPointer.Of(l.Pc), l.InstructionCode, l.Instruction, l.Current,
                Buffer("Buffer.Fetch", 0, l.Instruction.Width)))
            .Layer("read operands",
                ReadCell("read X", l.CurA, l.X, Buffer("Buffer.X", 0, n)),
                ReadCell("read Y", l.CurB, l.Y, Buffer("Buffer.Y", n, n)),
                ReadCell("read Z", l.CurC, l.Z, Buffer("Buffer.Z", 2 * n, n)))
            .Layer("clean operands", ErrorCorrection.Snap("clean operands", l.Current, l.X, l.Y, l.Z))
            .Layer("load, ALU 1: add, sub, and, or, xor, partial products, shift decode, range checks",
            [
                Load.Read(l),
                BinaryAdder.Sum("add", space, [l.X, l.Y], 0, l.Sum),
                BinaryAdder.Sum("sub", space, [l.Y, new Addend(l.X, Complement: true)], 1, l.Difference), // y − x = y + ¬x + 1
                Bitwise.Block(l),
                Multiply.PartialProducts(l),
                Shift.Decode(l),
                RangeCheck.Block(l),
                .. l.Units.Select(unit => FunctionUnitBlocks.Compute(l, unit)),
            ])
            .Layer("ALU 2: product bits, shifts, load gate, routing",
            [
                Multiply.Bits(l), Shift.Route(l), Load.Gate(l), Routing.Prepare(l),
                .. l.Units.Where(unit => unit.Value is not null).Select(unit => FunctionUnitBlocks.Bits(l, unit)),
            ])
            .Layer("select result, finish routing", SelectResult.Block(l), Routing.Complete(l))
            .Layer("clean result, clear ALU scratch",
                ErrorCorrection.Snap("clean result", l.Result, l.WriteAddress, l.Target),
                Block.Clear("clear ALU scratch", l.AluScratch))
            .Layer("write", AddressedCopy.Write("write", space, AddressPointer.Of(l.WriteAddress), l.CellCode, l.Result, l.Memory,
                Buffer("Buffer.Write", 0, n), l.MemoryColumn, openWhereGateIs: 1))
            .Layer("read flag", ReadCell("read mem[flag]", l.CurFlag, l.FlagValue, Buffer("Buffer.Flag", 0, n)))
            .Layer("flag: mem[flag] <= 0", FlagTest.Test("flag test", space, l.FlagValue, l.Flag))
            .Layer("pc + 1", BinaryAdder.Increment("pc + 1", space, l.Pc))
            .Layer("branch: select pc", BranchSelect.Select("select pc", space, l.Target, l.Pc, l.Flag), Block.Clear("clear target", l.Target))
            .Layer("error correction, clear scratch",
                ErrorCorrection.Snap("snap memory and pc", l.Memory, l.Pc),
                Block.Clear("clear scratch", l.Current, l.X, l.Y, l.Z, l.Result, l.WriteAddress))
            .Build();
    }
}
