namespace LoopedComputer.Isa;

/// <summary>A cell written by one step: its address, the value before and the value after.</summary>
public readonly record struct CellWrite(int Address, long Old, long New);

/// <summary>
/// The meaning of one instruction, written as plainly as possible: this is the specification every
/// machine is checked against (docs/isa.md states the same rules in prose).
/// </summary>
public static class Semantics
{
    /// <summary>f(x, y) for the functions that compute a value from x = mem[a] and y = mem[b].</summary>
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
    /// Executes the instruction at <paramref name="pc"/> on <paramref name="memory"/> in place and
    /// returns the next PC. The write (if any) is reported through <paramref name="write"/>.
    /// </summary>
    public static int Execute(Program program, long[] memory, int pc, out CellWrite? write)
    {
        var ins = program.Instructions[pc];
        var word = program.Word;
        int m = memory.Length;
        long x = memory[ins.A], y = memory[ins.B];
        write = null;

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
                _ => Apply(ins.F, x, y, word),
            };
            write = new CellWrite(target, memory[target], value);
            memory[target] = value;
        }

        int branchTarget = ins.F == Function.Jmp
            ? (InRange(x, program.Instructions.Count) ? (int)x : program.HaltIndex)
            : ins.Target;
        return memory[ins.Flag] <= 0 ? branchTarget : pc + 1;
    }

    static bool InRange(long pointer, int count) => pointer >= 0 && pointer < count;
}
