namespace LoopedComputer.Assembly.Passes;

/// <summary>
/// User macros:
/// <code>
/// .macro swap x, y        ; parameters are substituted wherever their names appear
///     mov @t, x           ; '@' names are local: each expansion gets its own
///     mov x, y
///     mov y, @t
/// @t: .word 0
/// .endm
/// </code>
/// A macro is called like an instruction; labels on the call line label its first line.
/// Macros may call other macros (not themselves) and may be defined after their first use.
/// Labels on a <c>.macro</c> line label what follows the definition; labels on <c>.endm</c> end the body.
/// </summary>
sealed class MacroExpander
{
    const int MaxDepth = 16;

    sealed record Macro(string Name, IReadOnlyList<string> Parameters, IReadOnlyList<SourceStatement> Body, SourceStatement Definition);

    readonly Dictionary<string, Macro> macros = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Macros found expanding without end: reported once, then no longer expanded.</summary>
    readonly HashSet<string> runaway = new(StringComparer.OrdinalIgnoreCase);
    readonly List<Diagnostic> diagnostics;
    int expansions;

    MacroExpander(List<Diagnostic> diagnostics) => this.diagnostics = diagnostics;

    public static List<SourceStatement> Expand(IReadOnlyList<SourceStatement> statements, List<Diagnostic> diagnostics)
    {
        var expander = new MacroExpander(diagnostics);
        var program = expander.CollectDefinitions(statements);
        var output = new List<SourceStatement>();
        foreach (var statement in program) expander.ExpandInto(statement, output, 0);
        return output;
    }

    List<SourceStatement> CollectDefinitions(IReadOnlyList<SourceStatement> statements)
    {
        var rest = new List<SourceStatement>();
        for (int i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            if (statement.Line.Statement is Directive { Name: "endm" } stray)
            {
                diagnostics.Add(statement.Error(stray.Column, ".endm without a .macro"));
                rest.AddRange(LabelsOf(statement));
                continue;
            }
            if (statement.Line.Statement is not Directive { Name: "macro" } start)
            {
                rest.Add(statement);
                continue;
            }
            int end = i + 1;
            while (end < statements.Count && statements[end].Line.Statement is not Directive { Name: "endm" or "macro" }) end++;
            if (end == statements.Count || statements[end].Line.Statement is Directive { Name: "macro" })
            {
                diagnostics.Add(statement.Error(start.Column, "this .macro has no .endm (macros cannot be nested)"));
                i = end - 1;
                continue;
            }
            rest.AddRange(LabelsOf(statement));
            Define(statement, start, [.. statements.Skip(i + 1).Take(end - i - 1), .. LabelsOf(statements[end])]);
            i = end;
        }
        return rest;
    }

    /// <summary>The labels of a line whose statement goes away, as a line of their own (or nothing).</summary>
    static IEnumerable<SourceStatement> LabelsOf(SourceStatement statement) =>
        statement.Line.Labels.Count == 0 ? [] : [statement with { Line = new Line(statement.Line.Labels, null) }];

    void Define(SourceStatement statement, Directive directive, List<SourceStatement> body)
    {
        if (directive.Args.Count == 0 || directive.Args[0] is not ExprArg { Expr: NameExpr name })
        {
            diagnostics.Add(statement.Error(directive.Column, "expected a macro name: .macro name param1, param2, ..."));
            return;
        }
        var parameters = new List<string>();
        foreach (var arg in directive.Args.Skip(1))
        {
            if (arg is not ExprArg { Expr: NameExpr p } || p.Name.StartsWith('@'))
            {
                diagnostics.Add(statement.Error(arg.Column, "a macro parameter must be a plain name"));
                continue;
            }
            if (parameters.Contains(p.Name))
                diagnostics.Add(statement.Error(p.Column, $"macro '{name.Name}' names the parameter '{p.Name}' twice"));
            parameters.Add(p.Name);
        }
        if (PseudoInstructions.IsKnown(name.Name))
            diagnostics.Add(statement.Error(name.Column, $"'{name.Name}' is an instruction; choose another macro name"));
        else if (macros.TryGetValue(name.Name, out var previous))
            diagnostics.Add(statement.Error(name.Column, $"macro '{name.Name}' is already defined at line {previous.Definition.LineNumber}"));
        else
            macros[name.Name] = new Macro(name.Name, parameters, body, statement);
    }

    void ExpandInto(SourceStatement statement, List<SourceStatement> output, int depth)
    {
        if (statement.Line.Statement is not InstructionStatement call || !macros.TryGetValue(call.Name, out var macro))
        {
            output.Add(statement);
            return;
        }
        // Labels on the call line label the macro's first line; as a line of their own they do, and
        // diagnostics about them point at the call line. They stay even if the call fails below, so
        // that jumps to them are not reported as well.
        output.AddRange(LabelsOf(statement));
        if (runaway.Contains(macro.Name)) return;
        if (depth >= MaxDepth)
        {
            // Reported once: a macro that calls itself twice would otherwise give 2^16 errors.
            runaway.Add(macro.Name);
            diagnostics.Add(statement.Error(call.Column, $"macro '{macro.Name}' expands more than {MaxDepth} levels deep (does it call itself?)"));
            return;
        }
        if (call.Args.Count != macro.Parameters.Count)
        {
            diagnostics.Add(statement.Error(call.Column,
                $"macro '{macro.Name}' takes {macro.Parameters.Count} argument(s) ({string.Join(", ", macro.Parameters)}); got {call.Args.Count}"));
            return;
        }
        var arguments = new Dictionary<string, Expr>();
        for (int p = 0; p < macro.Parameters.Count; p++)
        {
            if (call.Args[p] is not ExprArg { Expr: var value })
            {
                diagnostics.Add(statement.Error(call.Args[p].Column, "a macro argument must be an operand, not an assignment"));
                return;
            }
            arguments[macro.Parameters[p]] = value;
        }
        var substitution = new Substitution(arguments, $"~{++expansions}");
        string context = $"in macro '{macro.Name}' called at {statement.File}:{statement.LineNumber}";
        foreach (var line in macro.Body)
        {
            var expanded = line with
            {
                Line = new Line(line.Line.Labels.Select(substitution.Label).ToArray(), substitution.Statement(line.Line.Statement)),
                MacroContext = line.MacroContext ?? context,
            };
            ExpandInto(expanded, output, depth + 1);
        }
    }

    /// <summary>Replaces parameters by arguments and gives '@' names a per-expansion suffix.</summary>
    sealed class Substitution(Dictionary<string, Expr> arguments, string suffix)
    {
        string Rename(string name) => name.StartsWith('@') ? name + suffix : name;

        /// <summary>A name that is defined or assigned (a label, the name in name=value): a parameter gives way to a name argument.</summary>
        string Defined(string name) => arguments.TryGetValue(name, out var arg) && arg is NameExpr n ? n.Name : Rename(name);

        public LabelDef Label(LabelDef label) => label with { Name = Defined(label.Name) };

        public Statement? Statement(Statement? statement) => statement switch
        {
            Directive d => d with { Args = d.Args.Select(Arg).ToArray(), Results = d.Results?.Select(Arg).ToArray() },
            InstructionStatement i => i with { Args = i.Args.Select(Arg).ToArray() },
            _ => null,
        };

        Arg Arg(Arg arg) => arg switch
        {
            ExprArg e => new ExprArg(Expr(e.Expr)),
            AssignArg a => a with { Name = Defined(a.Name), Index = a.Index is null ? null : Expr(a.Index), Value = Expr(a.Value) },
            _ => arg,
        };

        Expr Expr(Expr expr) => expr switch
        {
            NameExpr n when arguments.TryGetValue(n.Name, out var value) => At(value, n.Column),
            NameExpr n => n with { Name = Rename(n.Name) },
            AddressOfExpr a when arguments.TryGetValue(a.Name, out var value) =>
                value is NameExpr target ? a with { Name = target.Name } : a,
            AddressOfExpr a => a with { Name = Rename(a.Name) },
            LiteralExpr l => l with { Value = Expr(l.Value) },
            NegateExpr n => n with { Operand = Expr(n.Operand) },
            BinaryExpr b => b with { Left = Expr(b.Left), Right = Expr(b.Right) },
            ListExpr l => l with { Items = l.Items.Select(Expr).ToArray() },
            _ => expr,
        };

        /// <summary>
        /// An argument moved to where its parameter stands: diagnostics report the body line, so their
        /// caret must point at the parameter there, not at the argument's column on the call line.
        /// </summary>
        static Expr At(Expr expr, int column) => (expr switch
        {
            LiteralExpr l => l with { Value = At(l.Value, column) },
            NegateExpr n => n with { Operand = At(n.Operand, column) },
            BinaryExpr b => b with { Left = At(b.Left, column), Right = At(b.Right, column) },
            ListExpr l => l with { Items = l.Items.Select(i => At(i, column)).ToArray() },
            _ => expr,
        }) with { Column = column };
    }
}
