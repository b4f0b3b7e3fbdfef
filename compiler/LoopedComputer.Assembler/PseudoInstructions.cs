using LoopedComputer.Isa;

namespace LoopedComputer.Assembly;

/// <summary>
/// The instruction mnemonics of .lasm and what each expands to. Destinations come first
/// (<c>add dst, a, b</c>); the two machine instructions keep the paper's operand order.
/// Under <c>.subleq</c> every expansion uses SUBLEQ only; otherwise FLEQ functions are used
/// where they save instructions. docs/assembler.md lists the expansions and their lengths.
/// </summary>
static class PseudoInstructions
{
    /// <summary>Written: the index of the operand the instruction writes (a #literal there is refused), if any.</summary>
    sealed record Form(string Operands, int Min, int Max, bool NeedsFleq, int? Written = null);

    static readonly Dictionary<string, Form> Forms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["subleq"] = new("a, b[, target]", 2, 3, false, Written: 1),
        ["fleq"] = new("f, a, b, c, flag, target", 6, 6, true, Written: 3),
        ["halt"] = new("", 0, 0, false),
        ["nop"] = new("", 0, 0, false),
        ["jmp"] = new("target", 1, 1, false),
        ["mov"] = new("dst, src", 2, 2, false, Written: 0),
        ["add"] = new("dst, a[, b]", 2, 3, false, Written: 0),
        ["sub"] = new("dst, a[, b]", 2, 3, false, Written: 0),
        ["inc"] = new("dst", 1, 1, false, Written: 0),
        ["dec"] = new("dst", 1, 1, false, Written: 0),
        ["clr"] = new("dst", 1, 1, false, Written: 0),
        ["neg"] = new("dst[, src]", 1, 2, false, Written: 0),
        ["jle"] = new("x[, y], target", 2, 3, false),
        ["jlt"] = new("x[, y], target", 2, 3, false),
        ["jeq"] = new("x[, y], target", 2, 3, false),
        ["jne"] = new("x[, y], target", 2, 3, false),
        ["jge"] = new("x[, y], target", 2, 3, false),
        ["jgt"] = new("x[, y], target", 2, 3, false),
        ["and"] = new("dst, a[, b]", 2, 3, true, Written: 0),
        ["or"] = new("dst, a[, b]", 2, 3, true, Written: 0),
        ["xor"] = new("dst, a[, b]", 2, 3, true, Written: 0),
        ["shl"] = new("dst, a[, b]", 2, 3, true, Written: 0),
        ["shr"] = new("dst, a[, b]", 2, 3, true, Written: 0),
        ["mul"] = new("dst, a[, b]", 2, 3, true, Written: 0),
        ["load"] = new("dst, ptr", 2, 2, true, Written: 0),
        ["store"] = new("ptr, src", 2, 2, true),
        ["ijmp"] = new("ptr", 1, 1, true),
        ["call"] = new("target", 1, 1, true),
        ["ret"] = new("", 0, 0, true),
    };

    public static bool IsKnown(string mnemonic) => Forms.ContainsKey(mnemonic);

    public static IEnumerable<string> Mnemonics => Forms.Keys;

    /// <summary>
    /// Operand accessors the assembler supplies: each reads one argument in its context. SameCell is
    /// null when it cannot tell yet (an address computed from a code label): expansions must then take
    /// the form that is right either way.
    /// </summary>
    public sealed record Operands(
        InstructionStatement Statement,
        Func<int, Ref> Cell,
        Func<int, Ref> Target,
        Func<int, Function> Function,
        Func<string, UnitCall?> Unit,
        Func<Ref, Ref, bool?> SameCell,
        Func<int, string, Exception> Error);

    /// <summary>A program's function unit called by its name: its opcode and how many arguments it takes.</summary>
    public sealed record UnitCall(Function Opcode, int Arity);

    public static List<Template> Expand(Operands o, bool subleqOnly)
    {
        var s = o.Statement;
        if (!Forms.TryGetValue(s.Name, out var form)) return ExpandUnitCall(o, o.Unit(s.Name)!, subleqOnly);
        string mnemonic = s.Name.ToLowerInvariant();
        if (s.Args.Count < form.Min || s.Args.Count > form.Max)
        {
            string count = form.Min == form.Max ? $"{form.Min}" : $"{form.Min} to {form.Max}";
            string shape = form.Operands.Length == 0 ? "no operands" : $"{count} operand(s): {mnemonic} {form.Operands}";
            throw o.Error(s.Column, $"'{mnemonic}' takes {shape}; got {s.Args.Count}");
        }
        if (form.NeedsFleq && subleqOnly)
            throw o.Error(s.Column, $"'{mnemonic}' needs the FLEQ machine; remove .subleq to use it");
        // Every use of a value shares its pool cell, so writing one would change the constant everywhere.
        // fleq's c is written unless f is store (it writes through the pointer in c) or jmp (no write).
        if (form.Written is int written && s.Args[written] is ExprArg { Expr: LiteralExpr literal }
            && (mnemonic != "fleq" || o.Function(0).WritesC()))
            throw o.Error(literal.Column, $"'{mnemonic}' writes its operand {form.Operands.Split(',')[written].Trim(' ', '[', ']')}, " +
                "which cannot be a #literal (every use of the value shares its cell); write to a cell declared with .word");

        var e = new Emitter();
        int n = s.Args.Count;
        switch (mnemonic)
        {
            case "subleq":
                e.Subleq(o.Cell(0), o.Cell(1), n == 3 ? o.Target(2) : null);
                break;
            case "fleq":
                e.Fleq(o.Function(0), o.Cell(1), o.Cell(2), o.Cell(3), o.Cell(4), o.Target(5));
                break;
            case "halt":
                e.Subleq(Emitter.Zero, Emitter.Zero, e.Self);
                break;
            case "nop":
                e.Subleq(Emitter.Zero, Emitter.Zero);
                break;
            case "jmp":
                e.Jump(o.Target(0));
                break;
            case "inc":
                e.Subleq(Emitter.MinusOne, o.Cell(0));
                break;
            case "dec":
                e.Subleq(Emitter.One, o.Cell(0));
                break;
            case "clr":
                e.Subleq(o.Cell(0), o.Cell(0));
                break;
            case "mov":
                Move(e, o.Cell(0), o.Cell(1), subleqOnly);
                break;
            case "neg":
                Negate(e, o, o.Cell(0), n == 2 ? o.Cell(1) : o.Cell(0), subleqOnly);
                break;
            case "add":
                Add(e, o, o.Cell(0), o.Cell(n == 3 ? 1 : 0), o.Cell(n - 1), subleqOnly);
                break;
            case "sub":
                Subtract(e, o, n == 3 ? o.Cell(1) : o.Cell(0), o.Cell(n - 1), o.Cell(0), subleqOnly);
                break;
            case "and" or "or" or "xor" or "shl" or "shr" or "mul":
                FunctionNames.TryParse(mnemonic, out var f);
                e.Compute(f, o.Cell(n == 3 ? 1 : 0), o.Cell(n - 1), o.Cell(0));
                break;
            case "load":
                e.Fleq(Function.Load, o.Cell(1), o.Cell(1), o.Cell(0), o.Cell(0), e.Next);
                break;
            case "store":
                e.Fleq(Function.Store, o.Cell(1), o.Cell(1), o.Cell(0), o.Cell(0), e.Next);
                break;
            case "ijmp":
                e.Fleq(Function.Jmp, o.Cell(0), o.Cell(0), o.Cell(0), Emitter.Zero, e.Self);
                break;
            case "call":
                // Push the return address (the instruction after this expansion), then jump.
                e.Fleq(Function.Store, new ReturnAddress(2), new ReturnAddress(2), Emitter.StackPointer, Emitter.StackPointer, e.Next);
                e.Fleq(Function.Add, Emitter.StackPointer, Emitter.One, Emitter.StackPointer, Emitter.Zero, o.Target(0));
                break;
            case "ret":
                e.Fleq(Function.Sub, Emitter.One, Emitter.StackPointer, Emitter.StackPointer, Emitter.StackPointer, e.Next);
                e.Fleq(Function.Load, Emitter.StackPointer, Emitter.StackPointer, Emitter.Temp, Emitter.Temp, e.Next);
                e.Fleq(Function.Jmp, Emitter.Temp, Emitter.Temp, Emitter.Temp, Emitter.Zero, e.Self);
                break;
            default:
                ConditionalBranch(e, o, mnemonic, n, subleqOnly);
                break;
        }
        return e.Instructions;
    }

    /// <summary><c>NAME d, a</c> (one argument), <c>NAME d, a, b</c> or <c>NAME d, a</c> (two: d ← NAME(d, a), like add): one FLEQ instruction.</summary>
    static List<Template> ExpandUnitCall(Operands o, UnitCall unit, bool subleqOnly)
    {
        var s = o.Statement;
        int n = s.Args.Count;
        string shape = unit.Arity == 1 ? $"{s.Name} d, a" : $"{s.Name} d, a, b (or {s.Name} d, a for d ← {s.Name}(d, a))";
        if (n < 2 || n > unit.Arity + 1)
            throw o.Error(s.Column, $"the unit '{s.Name}' takes {unit.Arity} argument(s): {shape}; got {n} operand(s)");
        if (subleqOnly) throw o.Error(s.Column, $"the unit '{s.Name}' needs the FLEQ machine; remove .subleq to use it");
        if (s.Args[0] is ExprArg { Expr: LiteralExpr literal })
            throw o.Error(literal.Column, $"'{s.Name}' writes its operand d, which cannot be a #literal (every use of the value shares its cell); write to a cell declared with .word");
        var e = new Emitter();
        var (a, b) = unit.Arity == 1 ? (o.Cell(1), o.Cell(1)) : n == 3 ? (o.Cell(1), o.Cell(2)) : (o.Cell(0), o.Cell(1));
        e.Compute(unit.Opcode, a, b, o.Cell(0));
        return e.Instructions;
    }

    static void Move(Emitter e, Ref dst, Ref src, bool subleqOnly)
    {
        if (!subleqOnly)
        {
            e.Compute(Function.Mov, src, src, dst);
            return;
        }
        e.Negate(src, Emitter.Temp2);
        e.Negate(Emitter.Temp2, dst);
    }

    /// <summary>dst ← −src.</summary>
    static void Negate(Emitter e, PseudoInstructions.Operands o, Ref dst, Ref src, bool subleqOnly)
    {
        if (!subleqOnly)
            e.Compute(Function.Sub, src, Emitter.Zero, dst);
        else if (o.SameCell(dst, src) == false)
            e.Negate(src, dst);
        else
        {
            e.Negate(src, Emitter.Temp);
            Move(e, dst, Emitter.Temp, subleqOnly: true);
        }
    }

    /// <summary>dst ← a + b.</summary>
    static void Add(Emitter e, PseudoInstructions.Operands o, Ref dst, Ref a, Ref b, bool subleqOnly)
    {
        if (!subleqOnly)
        {
            e.Compute(Function.Add, a, b, dst);
            return;
        }
        if (o.SameCell(dst, a) == true || o.SameCell(dst, b) == true)
        {
            e.Negate(o.SameCell(dst, a) == true ? b : a, Emitter.Temp);
            e.Subleq(Emitter.Temp, dst);
            return;
        }
        e.Negate(a, Emitter.Temp);
        e.Subleq(b, Emitter.Temp);
        e.Negate(Emitter.Temp, dst);
    }

    /// <summary>dst ← a − b.</summary>
    static void Subtract(Emitter e, PseudoInstructions.Operands o, Ref a, Ref b, Ref dst, bool subleqOnly)
    {
        if (o.SameCell(dst, a) == true)
        {
            e.Subleq(b, dst);
            return;
        }
        if (!subleqOnly)
        {
            e.Compute(Function.Sub, b, a, dst);
            return;
        }
        e.Negate(a, Emitter.Temp);
        e.Negate(b, Emitter.Temp2);
        e.Subleq(Emitter.Temp2, Emitter.Temp);
        e.Negate(Emitter.Temp, dst);
    }

    /// <summary>
    /// Compare x (or x − y) with zero. jle is one SUBLEQ and jgt two; the others test the sign
    /// three ways. SUBLEQ form: add 1 to x in place (safe: x ≤ 0 there) and undo it on every path.
    /// FLEQ form: compute x + 1 into a temporary instead.
    /// </summary>
    static void ConditionalBranch(Emitter e, PseudoInstructions.Operands o, string mnemonic, int n, bool subleqOnly)
    {
        var target = o.Target(n - 1);
        var x = o.Cell(0);
        if (n == 3)
        {
            // x ← x − y in a temporary, then test it.
            var y = o.Cell(1);
            if (subleqOnly)
            {
                e.Negate(y, Emitter.Temp);
                e.Negate(x, Emitter.Temp2);
                e.Subleq(Emitter.Temp2, Emitter.Temp);
            }
            else e.Compute(Function.Sub, y, x, Emitter.Temp);
            x = Emitter.Temp;
        }
        int start = e.Instructions.Count;
        Ref Here(int offset) => Emitter.At(start + offset);
        switch (mnemonic)
        {
            case "jle":
                e.Subleq(Emitter.Zero, x, target);
                return;
            case "jgt":
                e.Subleq(Emitter.Zero, x, Here(2));
                e.Jump(target);
                return;
        }
        int length = subleqOnly ? 5 : 4;
        Ref fall = Here(length);
        var (positive, zero, negative) = mnemonic switch
        {
            "jlt" => (fall, fall, target),
            "jge" => (target, target, fall),
            "jeq" => (fall, target, fall),
            _ => (target, fall, target), // jne
        };
        e.Subleq(Emitter.Zero, x, Here(2));
        e.Jump(positive);
        if (subleqOnly)
        {
            e.Subleq(Emitter.MinusOne, x, Here(4));
            e.Subleq(Emitter.One, x, zero);
            e.Subleq(Emitter.One, x, negative);
        }
        else
        {
            e.Fleq(Function.Add, x, Emitter.One, Emitter.Temp2, Emitter.Temp2, negative);
            e.Jump(zero);
        }
    }
}
