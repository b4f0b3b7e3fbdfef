using System.Numerics;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary>The state after one executed instruction: the memory, the next PC and the reported write.</summary>
sealed record Executed(long[] Memory, int NextPc, CellWrite? Write);

/// <summary>Small builders shared by the ISA tests.</summary>
static class IsaKit
{
    /// <summary>Instructions in the programs <see cref="Execute"/> builds: the instruction under test, fillers, the halt.</summary>
    public const int Instructions = 4;
    public const int HaltIndex = Instructions - 1;

    /// <summary>A program of <paramref name="body"/> followed by the final halt (on cell 0).</summary>
    public static Program Build(int bits, long[] memory, params Instruction[] body) =>
        new("test", new WordFormat(bits), [.. body, Instruction.Halt(0, body.Length)], memory);

    /// <summary>
    /// Executes <paramref name="instruction"/> as instruction 0 of a program of <see cref="Instructions"/>
    /// instructions (1 and 2 are plain jumps, not halts) on a copy of <paramref name="memory"/>.
    /// </summary>
    public static Executed Execute(int bits, Instruction instruction, params long[] memory)
    {
        var filler = Instruction.Subleq(0, 0, 0);
        var program = new Program("one", new WordFormat(bits), [instruction, filler, filler, Instruction.Halt(0, HaltIndex)], memory);
        var state = memory.ToArray();
        int next = Semantics.Execute(program, state, 0, out var write);
        return new Executed(state, next, write);
    }

    /// <summary>A copy of <paramref name="memory"/> with cell <paramref name="address"/> set to <paramref name="value"/>.</summary>
    public static long[] With(this long[] memory, int address, long value)
    {
        var copy = memory.ToArray();
        copy[address] = value;
        return copy;
    }

    /// <summary>A data symbol: a scalar, or an array of <paramref name="length"/> cells.</summary>
    public static CellSymbol Data(string name, int address, int length = 1) => new(name, address, length, CellKind.Data);
}

/// <summary>
/// An independent model of N-bit words: exact integers (<see cref="BigInteger"/>) reduced mod 2^N into
/// the signed range. It shares no code with <see cref="WordFormat"/> or <see cref="Semantics"/>.
/// </summary>
static class WordModel
{
    public static BigInteger Modulus(int bits) => BigInteger.One << bits;
    public static BigInteger Min(int bits) => -(BigInteger.One << (bits - 1));
    public static BigInteger Max(int bits) => (BigInteger.One << (bits - 1)) - 1;

    /// <summary>The representative of <paramref name="value"/> mod 2^N in [−2^(N−1), 2^(N−1) − 1].</summary>
    public static long Reduce(BigInteger value, int bits)
    {
        var modulus = Modulus(bits);
        var r = BigInteger.Remainder(value, modulus);
        if (r < 0) r += modulus;
        return (long)(r > Max(bits) ? r - modulus : r);
    }

    /// <summary>The representative of <paramref name="value"/> mod 2^N in [0, 2^N).</summary>
    public static BigInteger Unsigned(BigInteger value, int bits)
    {
        var r = BigInteger.Remainder(value, Modulus(bits));
        return r < 0 ? r + Modulus(bits) : r;
    }

    /// <summary>⌊n / d⌋ for d &gt; 0 (BigInteger division truncates toward zero).</summary>
    static BigInteger FloorDiv(BigInteger n, BigInteger d)
    {
        var q = BigInteger.DivRem(n, d, out var r);
        return r < 0 ? q - 1 : q;
    }

    /// <summary>
    /// f(x, y) straight from the definitions. Shifts by u ≥ N need no special case: x·2^u ≡ 0 mod 2^N
    /// and ⌊x / 2^u⌋ is −1 or 0 for an N-bit x, the same as shifting by N.
    /// </summary>
    public static long Apply(Function f, long x, long y, int bits)
    {
        int shift = (int)BigInteger.Min(Unsigned(y, bits), bits);
        return f switch
        {
            Function.Sub => Reduce((BigInteger)y - x, bits),
            Function.Add => Reduce((BigInteger)x + y, bits),
            Function.Mov => x,
            Function.And => Reduce(Unsigned(x, bits) & Unsigned(y, bits), bits),
            Function.Or => Reduce(Unsigned(x, bits) | Unsigned(y, bits), bits),
            Function.Xor => Reduce(Unsigned(x, bits) ^ Unsigned(y, bits), bits),
            Function.Shl => Reduce((BigInteger)x << shift, bits),
            Function.Shr => (long)FloorDiv(x, BigInteger.One << shift),
            Function.Mul => Reduce((BigInteger)x * y, bits),
            _ => throw new ArgumentException($"{f} is not a two-operand function", nameof(f)),
        };
    }
}
