using System.Numerics;
using LoopedComputer.Assembly.Units;
using LoopedComputer.Isa;
using static LoopedComputer.Assembly.Passes.Suggestions;

namespace LoopedComputer.Assembly.Passes;

/// <summary>A .func definition and where it stands; its opcode is its place in the list of units.</summary>
sealed record UnitDecl(FuncDirective Definition, SourceStatement Where)
{
    public string Name => Definition.UnitName;
    public int Arity => Definition.Parameters.Count;
}

/// <summary>
/// The tabulation pass, once the word width is known: each unit's value for every input (every word x,
/// or every pair x, y), wrapped to N bits. The table is the unit's meaning (<see cref="FunctionUnit"/>).
/// An input where the expression is undefined, or that a table form does not cover without a
/// default, is an error naming the input.
/// </summary>
static class UnitTables
{
    public static IReadOnlyList<FunctionUnit> Tabulate(IReadOnlyList<UnitDecl> units, WordFormat word, Evaluator evaluator, List<Diagnostic> diagnostics) =>
        units.Select(u => diagnostics.Guard(() => Tabulate(u, word, evaluator))).OfType<FunctionUnit>().ToList();

    static FunctionUnit Tabulate(UnitDecl unit, WordFormat word, Evaluator evaluator)
    {
        var (d, s) = (unit.Definition, unit.Where);
        int limit = FunctionUnit.MaxBits(unit.Arity);
        if (word.Bits > limit)
            throw AssemblyError.At(s, d.NameColumn,
                $"'{unit.Name}' takes {unit.Arity} argument(s); such units are tabulated for words of at most {limit} bits " +
                $"(2^{limit * unit.Arity} inputs) and this program's words are {word.Bits} bits: declare .bits {limit} or fewer");
        var table = d.Body switch
        {
            ExpressionBody e => FromExpression(unit, Bind(e.Expression, unit, evaluator), word),
            TableBody t when unit.Arity == 1 => FromTable(unit, t, word, evaluator),
            TableBody t => throw AssemblyError.At(s, t.Column, "a table unit takes one argument: .func NAME(x) = table FROM: v0, v1, ..."),
            _ => throw new InvalidOperationException($"unknown unit body {d.Body}"),
        };
        return new FunctionUnit(unit.Name, unit.Arity, word, table, d.Text);
    }

    static string Input(UnitDecl unit, long x, long y) =>
        unit.Arity == 1 ? $"{unit.Definition.Parameters[0].Name} = {x}" : $"{unit.Definition.Parameters[0].Name} = {x}, {unit.Definition.Parameters[1].Name} = {y}";

    static long[] FromExpression(UnitDecl unit, UnitExpr expr, WordFormat word)
    {
        var table = new long[1L << (unit.Arity * word.Bits)];
        var names = new Dictionary<string, BigInteger>();
        var parameters = unit.Definition.Parameters;
        var lowBits = (BigInteger.One << word.Bits) - 1;
        for (long i = 0; i < table.Length; i++)
        {
            var (x, y) = FunctionUnit.InputAt(i, unit.Arity, word);
            names[parameters[0].Name] = x;
            if (unit.Arity == 2) names[parameters[1].Name] = y;
            BigInteger value;
            try
            {
                value = UnitArithmetic.Evaluate(expr, names);
            }
            catch (UndefinedInput e)
            {
                throw AssemblyError.At(unit.Where, e.Column,
                    $"'{unit.Name}' is undefined at {Input(unit, x, y)}: {e.Message}; guard that input (e.g. with ? : or clamp)");
            }
            table[i] = word.Wrap((long)(value & lowBits)); // the N low bits (two's complement for a negative value), read as a word
        }
        return table;
    }

    static long[] FromTable(UnitDecl unit, TableBody body, WordFormat word, Evaluator evaluator)
    {
        var s = unit.Where;
        long from = evaluator.Value(body.From, s);
        long last = from + body.Values.Count - 1;
        if (from < word.Min || last > word.Max)
            throw AssemblyError.At(s, body.From.Column,
                $"the table covers {unit.Definition.Parameters[0].Name} = {from}..{last}, beyond the {word.Bits}-bit words {word.Min}..{word.Max}");
        long Checked(Expr expr)
        {
            long v = evaluator.Value(expr, s);
            long unsignedMax = (1L << word.Bits) - 1;
            return v >= word.Min && v <= unsignedMax ? word.Wrap(v)
                : throw AssemblyError.At(s, expr.Column, $"table value {v} does not fit {word.Bits}-bit words ({word.Min}..{unsignedMax}, the upper half read as negative)");
        }
        var values = body.Values.Select(Checked).ToArray();
        long? fallback = body.Default is { } given ? Checked(given) : null;
        var table = new long[1L << word.Bits];
        for (long i = 0; i < table.Length; i++)
        {
            long x = i + word.Min;
            if (x >= from && x <= last) table[i] = values[x - from];
            else table[i] = fallback ?? throw AssemblyError.At(s, body.Column,
                $"'{unit.Name}' has no value for {Input(unit, x, 0)}: the table covers {from}..{last}; add 'default V' after the values, or cover every {word.Bits}-bit input");
        }
        return table;
    }

    /// <summary>The expression with numbers in decimal and constants replaced by their values; unknown names and calls are errors here.</summary>
    static UnitExpr Bind(UnitExpr expr, UnitDecl unit, Evaluator evaluator)
    {
        var s = unit.Where;
        var parameters = unit.Definition.Parameters.Select(p => p.Name).ToList();
        UnitExpr Walk(UnitExpr e) => e switch
        {
            UnitNumber n => CellAssignment.TryParseInteger(n.Text, out long v) ? n with { Text = v.ToString() }
                : throw AssemblyError.At(s, n.Column, $"'{n.Text}' is not a number that fits in 64 bits"),
            UnitName n when parameters.Contains(n.Name) => n,
            UnitName n => new UnitNumber(Constant(n).ToString(), n.Column),
            UnitUnary u => u with { Operand = Walk(u.Operand) },
            UnitBinary b => b with { Left = Walk(b.Left), Right = Walk(b.Right) },
            UnitConditional c => c with { Condition = Walk(c.Condition), WhenTrue = Walk(c.WhenTrue), WhenFalse = Walk(c.WhenFalse) },
            UnitCall c when !UnitArithmetic.Calls.TryGetValue(c.Function, out int count) =>
                throw AssemblyError.At(s, c.Column, $"unknown function '{c.Function}' in a unit{Suggest(c.Function, UnitArithmetic.Calls.Keys)}; " +
                    $"functions: {string.Join(", ", UnitArithmetic.Calls.Keys)}"),
            UnitCall c when c.Arguments.Count != UnitArithmetic.Calls[c.Function] =>
                throw AssemblyError.At(s, c.Column, $"'{c.Function}' takes {UnitArithmetic.Calls[c.Function]} argument(s); got {c.Arguments.Count}"),
            UnitCall c => c with { Arguments = c.Arguments.Select(Walk).ToArray() },
            _ => throw new InvalidOperationException($"unknown unit expression {e}"),
        };
        long Constant(UnitName n) => evaluator.HasConstant(n.Name) ? evaluator.Constant(n.Name, s, n.Column)
            : throw AssemblyError.At(s, n.Column,
                $"unknown name '{n.Name}' in '{unit.Name}': its arguments are {string.Join(", ", parameters)}, other names must be constants (.const){Suggest(n.Name, parameters)}");
        return Walk(expr);
    }
}
