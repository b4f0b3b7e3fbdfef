namespace LoopedComputer.Isa;

/// <summary>
/// The FLEQ function menu. With x = mem[a], y = mem[b] (see docs/isa.md for the exact rules):
/// sub: mem[c] ← y − x (so SUBLEQ is sub with c = flag = b), add: x + y, mov: x,
/// and/or/xor: bitwise, shl: x &lt;&lt; y, shr: x &gt;&gt; y (arithmetic), mul: low N bits of x·y,
/// load: mem[c] ← mem[x], store: mem[mem[c]] ← x, jmp: no write, branch target is x instead of p.
/// </summary>
public enum Function
{
    Sub,
    Add,
    Mov,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    Mul,
    Load,
    Store,
    Jmp,
}

public static class FunctionNames
{
    /// <summary>How many functions are built in; the opcodes after them name a program's function units.</summary>
    public static readonly int BuiltInCount = Enum.GetValues<Function>().Length;

    /// <summary>The opcode of the program's unit number <paramref name="index"/> (its .func definitions in order).</summary>
    public static Function Unit(int index) => (Function)(BuiltInCount + index);

    /// <summary>Whether the opcode names a program's function unit rather than a built-in function.</summary>
    public static bool IsUnit(this Function function) => (int)function >= BuiltInCount;

    /// <summary>The unit an opcode names (see <see cref="Unit"/>).</summary>
    public static int UnitIndex(this Function function) => (int)function - BuiltInCount;

    /// <summary>The built-in function's mnemonic; a unit's opcode without its program reads <c>unitI</c> (<see cref="Program.FunctionName"/> names it).</summary>
    public static string Mnemonic(this Function function) =>
        function.IsUnit() ? $"unit{function.UnitIndex()}" : function.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> All { get; } = Enum.GetValues<Function>().Select(f => f.Mnemonic()).ToArray();

    public static bool TryParse(string text, out Function function)
    {
        foreach (var candidate in Enum.GetValues<Function>())
        {
            if (string.Equals(candidate.Mnemonic(), text, StringComparison.OrdinalIgnoreCase))
            {
                function = candidate;
                return true;
            }
        }
        function = default;
        return false;
    }

    /// <summary>Whether the function writes mem[c] (store writes mem[mem[c]], jmp writes nothing).</summary>
    public static bool WritesC(this Function function) => function is not (Function.Store or Function.Jmp);
}
