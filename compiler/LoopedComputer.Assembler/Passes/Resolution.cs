using LoopedComputer.Isa;
using static LoopedComputer.Assembly.Passes.Suggestions;

namespace LoopedComputer.Assembly.Passes;

/// <summary>
/// Everything in numbers: the instructions and their source lines, the initial memory and the
/// expectations (null where one failed).
/// </summary>
sealed record ResolvedProgram(
    IReadOnlyList<Instruction> Instructions,
    IReadOnlyList<SourceMapEntry?> SourceMap,
    IReadOnlyList<long> Memory,
    IReadOnlyList<Expectation?> Expectations);

/// <summary>
/// The resolution pass: every operand, data value and expected value becomes a number, every name
/// in .input, .output and .expect is checked against the cells. Every constant is evaluated here,
/// used or not, so that an error in one is reported (errors met again at a use are reported once).
/// </summary>
static class Resolution
{
    public static ResolvedProgram Resolve(Declarations declarations, PlacedCode code, MemoryMap memory, Evaluator evaluator, List<Diagnostic> diagnostics)
    {
        foreach (var constant in declarations.Constants.Declarations)
            diagnostics.Guard(() => evaluator.Constant(constant.Name, constant.Where, constant.Value.Column));

        var instructions = new List<Instruction>();
        var sourceMap = new List<SourceMapEntry?>();
        foreach (var item in code.Items)
            for (int t = 0; t < item.Templates.Count; t++)
            {
                var instruction = diagnostics.Guard(() => Resolve(item.Templates[t], item.Index, code.InstructionCount, item.Where, memory, evaluator));
                instructions.Add(instruction!);
                sourceMap.Add(new SourceMapEntry(item.Where.At(item.Statement.Column), Describe(item.Where)));
            }
        if (code.AppendHalt)
        {
            instructions.Add(Instruction.Halt(memory.Reserved[ReservedCell.Zero], instructions.Count));
            sourceMap.Add(null);
        }
        var initialMemory = InitialMemory(declarations.Data, memory, evaluator, diagnostics);
        var expectations = declarations.Expects.Select(e => diagnostics.Guard(() => Expectation(e, declarations, evaluator))).ToList();
        CheckNames(declarations.Inputs, "input", declarations.Cells, diagnostics);
        CheckNames(declarations.Outputs, "output", declarations.Cells, diagnostics);
        return new ResolvedProgram(instructions, sourceMap, initialMemory, expectations);
    }

    static string Describe(SourceStatement where)
    {
        int comment = where.Text.IndexOf(';');
        string text = (comment >= 0 ? where.Text[..comment] : where.Text).Trim();
        return where.MacroContext is null ? text : $"{text}  ({where.MacroContext})";
    }

    static Instruction Resolve(Template t, int itemIndex, int instructionCount, SourceStatement where, MemoryMap memory, Evaluator evaluator)
    {
        int Cell(Ref r) => r switch
        {
            Reserved x => memory.Reserved[x.Cell],
            ReturnAddress ra => memory.Pool[itemIndex + ra.Offset],
            UserCell { Expr: LiteralExpr l } => memory.Pool[evaluator.Value(l.Value, where)],
            UserCell u => CheckAddress(evaluator.Cell(u.Expr, where), memory.Size, "memory cell", "memory has", u.Expr, where),
            _ => throw new InvalidOperationException($"{r} is not a cell operand"),
        };
        int Target(Ref r) => r switch
        {
            Relative rel => itemIndex + rel.Offset,
            UserTarget u => CheckAddress(evaluator.Target(u.Expr, where), instructionCount, "instruction", "the program has", u.Expr, where),
            _ => throw new InvalidOperationException($"{r} is not a target operand"),
        };
        return new Instruction(t.F, Cell(t.A), Cell(t.B), Cell(t.C), Cell(t.Flag), Target(t.Target));
    }

    static int CheckAddress(long value, int count, string what, string owner, Expr expr, SourceStatement where) =>
        value >= 0 && value < count ? (int)value
            : throw AssemblyError.At(where, expr.Column, $"{what} {value} does not exist ({owner} {count}: 0..{count - 1})");

    static long[] InitialMemory(IReadOnlyList<CellDecl> data, MemoryMap map, Evaluator evaluator, List<Diagnostic> diagnostics)
    {
        var memory = new long[map.Size];
        foreach (var decl in data)
        {
            for (int i = 0; i < decl.Values.Count; i++)
            {
                int index = i;
                memory[decl.Address + i] = diagnostics.Guard(() => evaluator.Value(decl.Values[index], decl.Where));
            }
            if (decl.Fill is { } fill)
            {
                long value = diagnostics.Guard(() => evaluator.Value(fill, decl.Where));
                Array.Fill(memory, value, decl.Address, decl.Length);
            }
        }
        foreach (var (cell, address) in map.Reserved)
            memory[address] = cell switch
            {
                ReservedCell.One => 1,
                ReservedCell.MinusOne => -1,
                ReservedCell.StackPointer => map.StackAddress,
                _ => 0,
            };
        foreach (var (value, address) in map.Pool) memory[address] = value;
        return memory;
    }

    static Expectation Expectation(ExpectDecl expect, Declarations declarations, Evaluator evaluator)
    {
        var (d, s) = (expect.Directive, expect.Where);
        if (d.Results is null) throw AssemblyError.At(s, d.Column, "expected .expect inputs => outputs, e.g. .expect n=5 => result=120");
        if (d.Results.Count == 0) throw AssemblyError.At(s, d.Column, ".expect needs at least one output after '=>'");
        NamedValues Values(Arg arg, bool isInput)
        {
            if (arg is not AssignArg { Index: null } a) throw AssemblyError.At(s, arg.Column, "expected name=value or name=[v1, v2, ...]");
            if (!declarations.Cells.TryGetValue(a.Name, out var cell)) throw AssemblyError.At(s, a.Column, $"'{a.Name}' is not a cell{Suggest(a.Name, declarations.Cells.Keys)}");
            if (isInput && !declarations.Inputs.Any(i => i.Name == a.Name))
                throw AssemblyError.At(s, a.Column, $"'{a.Name}' is not declared as an input; add .input {a.Name}");
            var items = a.Value is ListExpr list ? list.Items : [a.Value];
            // Inputs are set as --set sets them: a shorter list sets the first cells and leaves the rest as declared.
            if (isInput ? items.Count > cell.Length : items.Count != cell.Length)
                throw AssemblyError.At(s, a.Value.Column, $"'{a.Name}' has {cell.Length} cell(s); {items.Count} value(s) given");
            return new NamedValues(a.Name, items.Select(v => evaluator.Value(v, s)).ToArray());
        }
        return new Expectation(d.Args.Select(a => Values(a, true)).ToArray(), d.Results.Select(a => Values(a, false)).ToArray(), s.At(d.Column));
    }

    static void CheckNames(IReadOnlyList<NameUse> uses, string what, IReadOnlyDictionary<string, CellDecl> cells, List<Diagnostic> diagnostics)
    {
        foreach (var use in uses)
        {
            if (!cells.ContainsKey(use.Name))
                diagnostics.Add(use.Where.Error(use.Column, $".{what} '{use.Name}' is not a cell{Suggest(use.Name, cells.Keys)}"));
            else if (uses.Count(u => u.Name == use.Name) > 1 && uses.First(u => u.Name == use.Name) != use)
                diagnostics.Add(use.Where.Error(use.Column, $"'{use.Name}' is declared as an {what} twice"));
        }
    }
}
