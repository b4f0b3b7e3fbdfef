using LoopedComputer.Isa;
using static LoopedComputer.Assembly.Passes.Suggestions;

namespace LoopedComputer.Assembly.Passes;

/// <summary>
/// The names an expression may use where it is evaluated: the constants, the cells declared so far,
/// the labels placed so far, and the label names whose index is not known yet.
/// </summary>
sealed record SymbolTable(
    ConstantTable Constants,
    IReadOnlyDictionary<string, CellDecl> Cells,
    IReadOnlyDictionary<string, int> Labels,
    IReadOnlySet<string> UnplacedLabels)
{
    /// <summary>Before code is laid out: no label has an index yet.</summary>
    public static SymbolTable BeforeCode(ConstantTable constants, IReadOnlyDictionary<string, CellDecl> cells, IReadOnlySet<string> labelNames) =>
        new(constants, cells, new Dictionary<string, int>(), labelNames);

    /// <summary>After code is laid out: every cell and label is known.</summary>
    public static SymbolTable Complete(ConstantTable constants, IReadOnlyDictionary<string, CellDecl> cells, IReadOnlyDictionary<string, int> labels) =>
        new(constants, cells, labels, new HashSet<string>());
}

/// <summary>
/// Evaluates expressions over one symbol table. Where an expression stands decides what a bare name
/// means: a value (a constant), a memory cell (its address) or a branch target (a label's index).
/// </summary>
sealed class Evaluator(SymbolTable symbols)
{
    enum Context { Value, Cell, Target }

    public long Value(Expr expr, SourceStatement where) => Eval(expr, Context.Value, where);

    public long Cell(Expr expr, SourceStatement where) => Eval(expr, Context.Cell, where);

    public long Target(Expr expr, SourceStatement where) => Eval(expr, Context.Target, where);

    public bool HasConstant(string name) => symbols.Constants.Contains(name);

    /// <summary>A constant's value, asked for at <paramref name="where"/>, <paramref name="column"/>.</summary>
    public long Constant(string name, SourceStatement where, int column) =>
        symbols.Constants.Evaluate(name, where, column, (value, definition) => Eval(value, Context.Value, definition));

    long Eval(Expr expr, Context context, SourceStatement where)
    {
        switch (expr)
        {
            case NumberExpr n:
                return CellAssignment.TryParseInteger(n.Text, out long value) ? value
                    : throw AssemblyError.At(where, n.Column, $"'{n.Text}' is not a number that fits in 64 bits");
            case NameExpr n:
                return EvalName(n, context, where);
            case AddressOfExpr a:
                if (symbols.Cells.TryGetValue(a.Name, out var cell)) return cell.Address;
                if (symbols.Labels.TryGetValue(a.Name, out int label)) return label;
                if (symbols.UnplacedLabels.Contains(a.Name))
                    throw AssemblyError.At(where, a.Column, $"the address of '{Shown(a.Name)}' is not known yet here; sizes must be numbers, constants or addresses of cells declared above");
                throw AssemblyError.At(where, a.Column, $"unknown name '{Shown(a.Name)}'{Suggest(a.Name, symbols.Cells.Keys.Concat(symbols.Labels.Keys))}");
            case NegateExpr { Operand: NumberExpr n } when CellAssignment.TryParseInteger("-" + n.Text, out long negative):
                return negative; // -9223372036854775808 is a number, though 9223372036854775808 alone is not
            case NegateExpr neg:
                return Checked(() => checked(-Eval(neg.Operand, context, where)), where, neg.Column);
            case BinaryExpr b:
                // name+k: the name keeps the context, the offset is a value.
                long left = Eval(b.Left, context, where);
                long right = Eval(b.Right, Context.Value, where);
                return Checked(() => b.Operator switch { '+' => checked(left + right), '-' => checked(left - right), _ => checked(left * right) }, where, b.Column);
            case LiteralExpr l:
                throw AssemblyError.At(where, l.Column, "a #literal stands for a pool cell; it cannot appear here");
            case ListExpr l:
                throw AssemblyError.At(where, l.Column, "a [list] is only allowed as a value in .expect");
            default:
                throw new InvalidOperationException($"unknown expression {expr}");
        }
    }

    static long Checked(Func<long> compute, SourceStatement where, int column)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            throw AssemblyError.At(where, column, "this expression overflows 64 bits");
        }
    }

    long EvalName(NameExpr n, Context context, SourceStatement where)
    {
        if (symbols.Constants.Contains(n.Name)) return Constant(n.Name, where, n.Column);
        var (cells, labels) = (symbols.Cells, symbols.Labels);
        switch (context)
        {
            case Context.Cell when cells.TryGetValue(n.Name, out var cell):
                return cell.Address;
            case Context.Cell when labels.ContainsKey(n.Name) || symbols.UnplacedLabels.Contains(n.Name):
                throw AssemblyError.At(where, n.Column, $"'{Shown(n.Name)}' is a code label, not a memory cell");
            case Context.Cell:
                throw AssemblyError.At(where, n.Column, $"unknown cell '{Shown(n.Name)}'{Suggest(n.Name, cells.Keys)}");
            case Context.Target when labels.TryGetValue(n.Name, out int label):
                return label;
            case Context.Target when cells.ContainsKey(n.Name):
                throw AssemblyError.At(where, n.Column, $"'{Shown(n.Name)}' is a memory cell, not a code label");
            case Context.Target:
                throw AssemblyError.At(where, n.Column, $"unknown label '{Shown(n.Name)}'{Suggest(n.Name, labels.Keys)}");
            default:
                if (cells.ContainsKey(n.Name) || labels.ContainsKey(n.Name))
                    throw AssemblyError.At(where, n.Column, $"'{Shown(n.Name)}' is not a constant; write &{Shown(n.Name)} for its address");
                throw AssemblyError.At(where, n.Column, $"unknown constant '{Shown(n.Name)}'{Suggest(n.Name, symbols.Constants.Names)}");
        }
    }
}
