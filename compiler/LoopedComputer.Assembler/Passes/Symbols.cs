using LoopedComputer.Assembly.Units;
using LoopedComputer.Isa;
using static LoopedComputer.Assembly.Passes.Suggestions;

namespace LoopedComputer.Assembly.Passes;

/// <summary>A run of data cells (.word or .space) and, when labelled, its name.</summary>
sealed record CellDecl(string? Name, int Address, int Length, IReadOnlyList<Expr> Values, Expr? Fill, SourceStatement Where);

/// <summary>A name listed by .input or .output.</summary>
sealed record NameUse(string Name, SourceStatement Where, int Column);

/// <summary>An instruction line and the labels that name it.</summary>
sealed record CodeLine(InstructionStatement Statement, SourceStatement Where, IReadOnlyList<LabelDef> Labels);

/// <summary>A directive that gives one value (.bits, .stack).</summary>
sealed record Setting(Expr Value, SourceStatement Where);

sealed record ExpectDecl(Directive Directive, SourceStatement Where);

/// <summary>
/// What the program declares: constants, data cells (addresses are known: data comes first in
/// memory), the instruction lines with their labels, labels after the last instruction, and the
/// directives. Statements that failed are left out, so that later passes can still report every
/// other error.
/// </summary>
sealed record Declarations(
    ConstantTable Constants,
    IReadOnlyDictionary<string, CellDecl> Cells,
    IReadOnlyList<CellDecl> Data,
    int DataCells,
    IReadOnlyList<CodeLine> Code,
    IReadOnlyList<(LabelDef Label, SourceStatement Where)> EndLabels,
    IReadOnlySet<string> LabelNames,
    IReadOnlyList<NameUse> Inputs,
    IReadOnlyList<NameUse> Outputs,
    IReadOnlyList<ExpectDecl> Expects,
    Setting? Bits,
    Setting? Stack,
    bool SubleqOnly,
    IReadOnlyList<UnitDecl> Units);

/// <summary>
/// The symbols pass: every name the program defines and what it is. Constants are declared first, so
/// that a size may use one declared below it; cells and labels follow in source order.
/// </summary>
sealed class Symbols
{
    public const int MaxArrayCells = 1 << 22;
    static readonly string[] Directives = ["bits", "const", "word", "space", "input", "output", "expect", "stack", "subleq", "macro", "endm", "func", "include"];

    readonly List<Diagnostic> diagnostics;
    readonly Dictionary<string, string> nameKinds = new();
    readonly Dictionary<string, CellDecl> cells = new();
    readonly List<CellDecl> data = [];
    readonly List<NameUse> inputs = [], outputs = [];
    readonly List<ExpectDecl> expects = [];
    readonly List<CodeLine> code = [];
    readonly List<UnitDecl> units = [];
    Setting? bits, stack;
    bool subleqOnly;
    int dataCells;

    Symbols(List<Diagnostic> diagnostics) => this.diagnostics = diagnostics;

    public static Declarations Declare(IReadOnlyList<SourceStatement> statements, AssemblerOptions options, string programName, List<Diagnostic> diagnostics)
    {
        var pass = new Symbols(diagnostics);
        var constants = pass.DeclareConstants(statements, options, programName);
        foreach (var s in statements)
            if (s.Line.Statement is FuncDirective f) diagnostics.Guard(() => pass.DeclareUnit(f, s));
        var labelNames = statements.SelectMany(s => s.Line.Labels).Select(l => l.Name).ToHashSet();
        // A .space size may use the constants and the cells declared above it; no label has an index yet.
        var sizes = new Evaluator(SymbolTable.BeforeCode(constants, pass.cells, labelNames));
        var endLabels = pass.DeclareAll(statements, sizes);
        bool subleqOnly = options.InstructionSet is InstructionSet forced ? forced == InstructionSet.Subleq : pass.subleqOnly;
        return new Declarations(constants, pass.cells, pass.data, pass.dataCells, pass.code, endLabels, labelNames,
            pass.inputs, pass.outputs, pass.expects, pass.bits, pass.stack, subleqOnly, pass.units);
    }

    /// <summary>A unit's name is declared before any instruction, so that a call may come before its .func.</summary>
    void DeclareUnit(FuncDirective f, SourceStatement s)
    {
        if (f.Parameters.Count is not (1 or 2))
            throw AssemblyError.At(s, f.NameColumn, $"a unit takes one or two arguments, NAME(x) or NAME(x, y); '{f.UnitName}' has {f.Parameters.Count}");
        if (f.Parameters.Count == 2 && f.Parameters[0].Name == f.Parameters[1].Name)
            throw AssemblyError.At(s, f.Parameters[1].Column, $"both arguments of '{f.UnitName}' are named '{f.Parameters[1].Name}'");
        DeclareName(f.UnitName, "function unit", s, f.NameColumn);
        units.Add(new UnitDecl(f, s));
    }

    ConstantTable DeclareConstants(IReadOnlyList<SourceStatement> statements, AssemblerOptions options, string programName)
    {
        var declarations = new List<ConstantDecl>();
        foreach (var s in statements) diagnostics.Guard(() => DeclareConstant(s, options, declarations));
        var constants = new ConstantTable(declarations);
        foreach (string name in (options.Constants?.Keys ?? []).Where(name => !constants.Contains(name)).Order(StringComparer.Ordinal))
            diagnostics.Add(new Diagnostic(new SourceLocation(statements.FirstOrDefault()?.File ?? programName, 0, 0, ""),
                $"the constant {name} is given a value, but the program declares no .const {name}{Suggest(name, constants.Names)}"));
        return constants;
    }

    void DeclareConstant(SourceStatement s, AssemblerOptions options, List<ConstantDecl> declarations)
    {
        if (s.Line.Statement is not Directive { Name: "const" } d) return;
        if (d.Args.Count != 1 || d.Args[0] is not AssignArg { Index: null } a)
            throw AssemblyError.At(s, d.Column, "expected .const NAME = value");
        DeclareName(a.Name, "constant", s, a.Column);
        long? given = options.Constants is { } values && values.TryGetValue(a.Name, out long value) ? value : null;
        declarations.Add(new ConstantDecl(a.Name, a.Value, s, given));
    }

    void DeclareName(string name, string kind, SourceStatement where, int column)
    {
        if (name.StartsWith("__")) throw AssemblyError.At(where, column, $"names starting with '__' are reserved for the assembler: rename '{name}'");
        if (name.StartsWith('@') && where.MacroContext is null && !name.Contains('~'))
            throw AssemblyError.At(where, column, $"'{name}': names starting with '@' are local to macro bodies");
        if (PseudoInstructions.IsKnown(name) || FunctionNames.TryParse(name, out _))
            throw AssemblyError.At(where, column, $"'{name}' is an instruction or function name; choose another name");
        if (nameKinds.TryGetValue(name, out var existing))
            throw AssemblyError.At(where, column, $"duplicate name '{Shown(name)}': already defined as {existing}");
        nameKinds[name] = $"a {kind} at line {where.LineNumber}";
    }

    /// <summary>Declares cells, labels and directives; returns the labels that follow the last instruction.</summary>
    List<(LabelDef, SourceStatement)> DeclareAll(IReadOnlyList<SourceStatement> statements, Evaluator sizes)
    {
        var pending = new List<(LabelDef Label, SourceStatement Where)>();
        foreach (var s in statements)
        {
            pending.AddRange(s.Line.Labels.Select(l => (l, s)));
            switch (s.Line.Statement)
            {
                case Directive d:
                    if (d.Results is not null && d.Name != "expect") diagnostics.Add(s.Error(d.Column, "'=>' belongs only in .expect"));
                    if (d.Name is "word" or "space")
                    {
                        diagnostics.Guard(() => DeclareData(d, s, pending, sizes));
                        pending.Clear();
                    }
                    else diagnostics.Guard(() => DeclareDirective(d, s));
                    break;
                case InstructionStatement i:
                    if (!PseudoInstructions.IsKnown(i.Name) && !units.Any(u => u.Name == i.Name))
                    {
                        // Its labels stay pending for the next instruction, so that jumps to them are not errors too.
                        diagnostics.Add(s.Error(i.Column, $"unknown instruction '{i.Name}'{Suggest(i.Name, PseudoInstructions.Mnemonics.Concat(units.Select(u => u.Name)))}"));
                        break;
                    }
                    code.Add(new CodeLine(i, s, pending.Select(p => p.Label).ToList()));
                    foreach (var (label, where) in pending) diagnostics.Guard(() => DeclareName(label.Name, "label", where, label.Column));
                    pending.Clear();
                    break;
            }
        }
        foreach (var (label, where) in pending) diagnostics.Guard(() => DeclareName(label.Name, "label", where, label.Column));
        return pending;
    }

    void DeclareData(Directive d, SourceStatement s, List<(LabelDef Label, SourceStatement Where)> pending, Evaluator sizes)
    {
        IReadOnlyList<Expr> values = [];
        Expr? fill = null;
        int length;
        if (d.Name == "word")
        {
            if (d.Args.Count == 0) throw AssemblyError.At(s, d.Column, "expected at least one value: .word 0 or .word 1, 2, 3");
            values = d.Args.Select(a => a is ExprArg { Expr: not LiteralExpr } e ? e.Expr
                : throw AssemblyError.At(s, a.Column, ".word takes plain values (write &name for an address; # is for operands)")).ToArray();
            length = values.Count;
        }
        else
        {
            if (d.Args.Count is 0 or > 2 || d.Args.Any(a => a is not ExprArg))
                throw AssemblyError.At(s, d.Column, "expected .space size or .space size, fill");
            var sizeExpr = ((ExprArg)d.Args[0]).Expr;
            long size = sizes.Value(sizeExpr, s);
            if (size < 1 || size > MaxArrayCells)
                throw AssemblyError.At(s, sizeExpr.Column, $".space size must be 1..{MaxArrayCells}; got {size}");
            length = (int)size;
            fill = d.Args.Count == 2 ? ((ExprArg)d.Args[1]).Expr : null;
        }
        int address = dataCells;
        if (address + length > MaxArrayCells) throw AssemblyError.At(s, d.Column, $"memory exceeds {MaxArrayCells} cells");
        dataCells += length;
        // The cells exist even if a label is refused, so that later passes see a consistent layout.
        data.Add(new CellDecl(null, address, length, values, fill, s));
        foreach (var (label, where) in pending)
            diagnostics.Guard(() =>
            {
                DeclareName(label.Name, "cell", where, label.Column);
                cells[label.Name] = new CellDecl(label.Name, address, length, values, fill, s);
            });
    }

    void DeclareDirective(Directive d, SourceStatement s)
    {
        switch (d.Name)
        {
            case "const":
                break;
            case "bits":
            case "stack":
                if (d.Args.Count != 1 || d.Args[0] is not ExprArg { Expr: var value })
                    throw AssemblyError.At(s, d.Column, $"expected .{d.Name} followed by one number");
                if ((d.Name == "bits" ? bits : stack) is { } previous)
                    throw AssemblyError.At(s, d.Column, $".{d.Name} is already given at line {previous.Where.LineNumber}");
                if (d.Name == "bits") bits = new Setting(value, s);
                else stack = new Setting(value, s);
                break;
            case "subleq":
                if (d.Args.Count != 0) throw AssemblyError.At(s, d.Args[0].Column, ".subleq takes no operands");
                subleqOnly = true;
                break;
            case "input":
            case "output":
                if (d.Args.Count == 0) throw AssemblyError.At(s, d.Column, $"expected .{d.Name} name1, name2, ...");
                foreach (var arg in d.Args)
                {
                    if (arg is not ExprArg { Expr: NameExpr n }) throw AssemblyError.At(s, arg.Column, $".{d.Name} takes cell names");
                    (d.Name == "input" ? inputs : outputs).Add(new NameUse(n.Name, s, n.Column));
                }
                break;
            case "expect":
                expects.Add(new ExpectDecl(d, s));
                break;
            default:
                throw AssemblyError.At(s, d.Column, $"unknown directive '.{d.Name}'{Suggest(d.Name, Directives, ".")}");
        }
    }
}
