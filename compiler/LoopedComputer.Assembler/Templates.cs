using LoopedComputer.Isa;

namespace LoopedComputer.Assembly;

/// <summary>Cells the assembler provides for pseudo-instructions; allocated only when used.</summary>
public enum ReservedCell
{
    Zero,
    One,
    MinusOne,
    Temp,
    Temp2,
    StackPointer,
}

/// <summary>An instruction operand before addresses are known.</summary>
abstract record Ref;

/// <summary>A memory operand as the user wrote it (a name, name+k, a raw address or a #literal).</summary>
sealed record UserCell(Expr Expr) : Ref;

sealed record Reserved(ReservedCell Cell) : Ref;

/// <summary>A pool cell holding the index of the instruction <paramref name="Offset"/> after the expansion's first one.</summary>
sealed record ReturnAddress(int Offset) : Ref;

/// <summary>A branch target as the user wrote it (a label, label+k or a raw index).</summary>
sealed record UserTarget(Expr Expr) : Ref;

/// <summary>The instruction <paramref name="Offset"/> after the first one of this expansion.</summary>
sealed record Relative(int Offset) : Ref;

/// <summary>One machine instruction with symbolic operands.</summary>
sealed record Template(Function F, Ref A, Ref B, Ref C, Ref Flag, Ref Target);

/// <summary>Builds the instructions of one expansion; <see cref="Next"/> is the instruction after the one being emitted.</summary>
sealed class Emitter
{
    public List<Template> Instructions { get; } = [];
    public Ref Next => new Relative(Instructions.Count + 1);
    public Ref Self => new Relative(Instructions.Count);
    public static Ref At(int offset) => new Relative(offset);

    public static readonly Ref Zero = new Reserved(ReservedCell.Zero);
    public static readonly Ref One = new Reserved(ReservedCell.One);
    public static readonly Ref MinusOne = new Reserved(ReservedCell.MinusOne);
    public static readonly Ref Temp = new Reserved(ReservedCell.Temp);
    public static readonly Ref Temp2 = new Reserved(ReservedCell.Temp2);
    public static readonly Ref StackPointer = new Reserved(ReservedCell.StackPointer);

    /// <summary>mem[b] ← mem[b] − mem[a]; if ≤ 0 go to target (defaults to the next instruction).</summary>
    public void Subleq(Ref a, Ref b, Ref? target = null) =>
        Instructions.Add(new Template(Function.Sub, a, b, b, b, target ?? Next));

    public void Fleq(Function f, Ref a, Ref b, Ref c, Ref flag, Ref target) =>
        Instructions.Add(new Template(f, a, b, c, flag, target));

    /// <summary>mem[c] ← f(mem[a], mem[b]) and go on.</summary>
    public void Compute(Function f, Ref a, Ref b, Ref c) => Fleq(f, a, b, c, c, Next);

    public void Jump(Ref target) => Subleq(Zero, Zero, target);

    /// <summary>dst ← 0 − src via SUBLEQ (clears dst first).</summary>
    public void Negate(Ref src, Ref dst)
    {
        Subleq(dst, dst);
        Subleq(src, dst);
    }
}
