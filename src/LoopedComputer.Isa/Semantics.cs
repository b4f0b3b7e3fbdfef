namespace LoopedComputer.Isa;

/// <summary>A cell written by one step: its address, the value before and the value after.</summary>
public readonly record struct CellWrite(int Address, long Old, long New);

/// <summary>
/// The meaning of one instruction, written as plainly as possible: this is the specification every
/// machine is checked against (docs/isa.md states the same rules in prose).
/// </summary>
public static class Semantics
{
    /// <summary>f(x, y) for the built-in functions that compute a value from x = mem[a] and y = mem[b] (a unit's value is its table's, <see cref="FunctionUnit.Apply"/>).</summary>
    public static long Apply(Function f, long x, long y, WordFormat word) => f switch
    {
        Function.Sub => word.Wrap(unchecked(y - x)),
        Function.Add => word.Wrap(unchecked(x + y)),
        Function.Mov => x,
        Function.And => x & y,
        Function.Or => x | y,
        Function.Xor => x ^ y,
        Function.Shl => word.Unsigned(y) >= (ulong)word.Bits ? 0 : word.Wrap(x << (int)word.Unsigned(y)),
        Function.Shr => word.Unsigned(y) >= (ulong)word.Bits ? (x < 0 ? -1 : 0) : x >> (int)word.Unsigned(y),
        Function.Mul => word.Wrap(unchecked(x * y)),
        _ => throw new ArgumentException($"{f} does not compute a value from two operands", nameof(f)),
    };

    /// <summary>
    /// What the instruction at <paramref name="pc"/> would do on <paramref name="memory"/>, which is
    /// left as it is: the cell it writes (if any), with its old and new value, and the next PC.
    /// </summary>
    public static (CellWrite? Write, int NextPc) Peek(Program program, IReadOnlyList<long> memory, int pc)
    {
        var ins = program.Instructions[pc];
        var word = program.Word;
        int m = memory.Count;
        long x = memory[ins.A], y = memory[ins.B];
        CellWrite? write = null;

        int? address = ins.F switch
        {
            Function.Store => InRange(memory[ins.C], m) ? (int)memory[ins.C] : null,
            Function.Jmp => null,
            _ => ins.C,
        };
        if (address is int target)
        {
            long value = ins.F switch
            {
                Function.Load => InRange(x, m) ? memory[(int)x] : 0,
                Function.Store => x,
                _ when ins.F.IsUnit() => program.Units[ins.F.UnitIndex()].Apply(x, y),
                _ => Apply(ins.F, x, y, word),
            };
            write = new CellWrite(target, memory[target], value);
        }

        int branchTarget = ins.F == Function.Jmp
            ? (InRange(x, program.Instructions.Count) ? (int)x : program.HaltIndex)
            : ins.Target;
        // The flag is read after the write.
        long flag = write is { } w && w.Address == ins.Flag ? w.New : memory[ins.Flag];
        return (write, flag <= 0 ? branchTarget : pc + 1);
    }

    /// <summary>
    /// Executes the instruction at <paramref name="pc"/> on <paramref name="memory"/> in place and
    /// returns the next PC. The write (if any) is reported through <paramref name="write"/>.
    /// </summary>
    public static int Execute(Program program, long[] memory, int pc, out CellWrite? write)
    {
        (write, int next) = Peek(program, memory, pc);
        if (write is { } w) memory[w.Address] = w.New;
        return next;
    }

    /// <summary>
    /// Halting is a fixed point, as in the paper: the run has halted when the instruction at
    /// <paramref name="pc"/> would leave the PC and the memory unchanged. <c>subleq z, z, self</c>
    /// with mem[z] = 0 is one such state; the official code's EOF <c>subleq ZERO, MINUS_ONE, self</c>
    /// is another. Only an instruction that can branch to itself (<see cref="Instruction.CanRestAt"/>)
    /// is ever evaluated.
    /// </summary>
    public static bool IsFixedPoint(Program program, IReadOnlyList<long> memory, int pc)
    {
        if (!program.Instructions[pc].CanRestAt(pc)) return false;
        var (write, next) = Peek(program, memory, pc);
        return next == pc && (write is not { } w || w.Old == w.New);
    }

    static bool InRange(long pointer, int count) => pointer >= 0 && pointer < count;
}
