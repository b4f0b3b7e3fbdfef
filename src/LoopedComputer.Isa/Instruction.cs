namespace LoopedComputer.Isa;

/// <summary>
/// One machine instruction, <c>FLEQ f, a, b, c, flag, p</c>: mem[c] ← f(mem[a], mem[b]); then if
/// mem[flag] ≤ 0 go to p, else to the next instruction. a, b, c and flag are memory cell indices,
/// p an instruction index. <c>SUBLEQ a, b, c</c> is <c>FLEQ sub, a, b, b, b, c</c>.
/// </summary>
public readonly record struct Instruction(Function F, int A, int B, int C, int Flag, int Target)
{
    public static Instruction Subleq(int a, int b, int target) => new(Function.Sub, a, b, b, b, target);

    /// <summary>The canonical halt at instruction <paramref name="self"/>: <c>SUBLEQ z, z, self</c>.</summary>
    public static Instruction Halt(int zeroCell, int self) => Subleq(zeroCell, zeroCell, self);

    /// <summary>True when this is a SUBLEQ instruction (f = sub, c = flag = b).</summary>
    public bool IsSubleq => F == Function.Sub && C == B && Flag == B;

    /// <summary>
    /// True when this instruction, placed at <paramref name="index"/>, is a halt: <c>SUBLEQ z, z, self</c>
    /// writes z − z = 0 into z and jumps to itself, so once it is reached nothing changes any more.
    /// </summary>
    public bool IsHaltAt(int index) => IsSubleq && A == B && Target == index;

    /// <summary>
    /// True when this instruction, placed at <paramref name="index"/>, can branch back to itself, the
    /// only way a state can be a fixed point (see <see cref="Semantics.IsFixedPoint"/>): its target
    /// is itself, or it is an indirect jump, whose target is a cell's value.
    /// </summary>
    public bool CanRestAt(int index) => Target == index || F == Function.Jmp;

    public override string ToString() => IsSubleq
        ? $"subleq {A}, {B}, {Target}"
        : $"fleq {F.Mnemonic()}, {A}, {B}, {C}, {Flag}, {Target}";
}
