using LoopedComputer.Isa;
using static LoopedComputer.Assembly.Passes.Suggestions;

namespace LoopedComputer.Assembly.Passes;

/// <summary>An instruction line expanded into machine instructions, the first at <paramref name="Index"/>.</summary>
sealed record CodeItem(InstructionStatement Statement, SourceStatement Where, int Index, IReadOnlyList<Template> Templates);

/// <summary>The program's instructions with symbolic operands, and every label's instruction index.</summary>
sealed record PlacedCode(IReadOnlyList<CodeItem> Items, IReadOnlyDictionary<string, int> Labels, int InstructionCount, bool AppendHalt);

/// <summary>
/// The expansion pass: each instruction line becomes the machine instructions of its
/// pseudo-instruction, placed one after another, which gives every label its index. A halt is
/// appended unless the program ends with one.
/// </summary>
static class CodeLayout
{
    public static PlacedCode LayOut(Declarations declarations, List<Diagnostic> diagnostics)
    {
        // An expansion may depend on whether two operands are one cell; the labels are being placed
        // now, so an operand computed from one is not known yet.
        var operands = new Evaluator(SymbolTable.BeforeCode(declarations.Constants, declarations.Cells, declarations.LabelNames));
        var items = new List<CodeItem>();
        var labels = new Dictionary<string, int>();
        int index = 0;
        foreach (var line in declarations.Code)
        {
            foreach (var label in line.Labels) labels[label.Name] = index;
            var templates = diagnostics.Guard(() => PseudoInstructions.Expand(Operands(line.Statement, line.Where, operands, declarations.Units), declarations.SubleqOnly));
            if (templates is null) continue;
            items.Add(new CodeItem(line.Statement, line.Where, index, templates));
            index += templates.Count;
        }
        bool appendHalt = declarations.EndLabels.Count > 0 || items.Count == 0 || !items[^1].Statement.Name.Equals("halt", StringComparison.OrdinalIgnoreCase);
        foreach (var (label, _) in declarations.EndLabels) labels[label.Name] = index;
        return new PlacedCode(items, labels, index + (appendHalt ? 1 : 0), appendHalt);
    }

    static PseudoInstructions.Operands Operands(InstructionStatement statement, SourceStatement where, Evaluator evaluator, IReadOnlyList<UnitDecl> units)
    {
        PseudoInstructions.UnitCall? Unit(string name) =>
            units.Select((u, i) => (u, i)).Where(p => p.u.Name == name).Select(p => new PseudoInstructions.UnitCall(FunctionNames.Unit(p.i), p.u.Arity)).FirstOrDefault();
        var functions = FunctionNames.All.Concat(units.Select(u => u.Name)).ToList();
        Expr Operand(int i) => statement.Args[i] is ExprArg e ? e.Expr
            : throw AssemblyError.At(where, statement.Args[i].Column, "unexpected '='; operands are cells, labels or #literals");
        return new PseudoInstructions.Operands(
            statement,
            i => new UserCell(Operand(i)),
            i => Operand(i) is LiteralExpr l
                ? throw AssemblyError.At(where, l.Column, "a branch target is a label or an instruction index, not a #literal")
                : new UserTarget(Operand(i)),
            i => Operand(i) is NameExpr n && FunctionNames.TryParse(n.Name, out var f) ? f
                : Operand(i) is NameExpr u && Unit(u.Name) is { } call ? call.Opcode
                : throw AssemblyError.At(where, Operand(i).Column,
                    $"expected a function ({string.Join(", ", functions)}){(Operand(i) is NameExpr m ? Suggest(m.Name, functions) : "")}"),
            Unit,
            (a, b) => SameCell(a, b, where, evaluator),
            (column, message) => AssemblyError.At(where, column, message));
    }

    static bool? SameCell(Ref a, Ref b, SourceStatement where, Evaluator evaluator)
    {
        if (a is Reserved ra && b is Reserved rb) return ra.Cell == rb.Cell;
        if (a is not UserCell { Expr: not LiteralExpr } ua || b is not UserCell { Expr: not LiteralExpr } ub) return false;
        try
        {
            return evaluator.Cell(ua.Expr, where) == evaluator.Cell(ub.Expr, where);
        }
        catch (AssemblyError)
        {
            return null; // not known before the labels are placed, or an error reported when the operand is resolved
        }
    }
}
