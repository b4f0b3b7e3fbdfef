using LoopedComputer.Isa;

namespace LoopedComputer.Assembly;

/// <summary>The semantic passes of the assembler, from statements to a <see cref="Program"/>.</summary>
sealed class ProgramBuilder(string programName, AssemblerOptions options, List<Diagnostic> diagnostics)
{
    const int MaxArrayCells = 1 << 22;
    /// <summary>Bits added above the widest value when the program declares no .bits.</summary>
    const int HeadroomBits = 1;
    const int MinAutoBits = 4;
    static readonly string[] Directives = ["bits", "const", "word", "space", "input", "output", "expect", "stack", "subleq", "macro", "endm"];

    enum Context { Value, Cell, Target }

    sealed record CellDecl(string? Name, int Address, int Length, IReadOnlyList<Expr> Values, Expr? Fill, SourceStatement Where);
    sealed record LabelDecl(int Index, SourceStatement Where);
    sealed class ConstDecl(Expr value, SourceStatement where)
    {
        public Expr Value { get; } = value;
        public SourceStatement Where { get; } = where;
        public long? Result { get; set; }
        /// <summary>The cycle it is part of (or depends on), given again at every use so that it is reported once.</summary>
        public AssemblyError? Failure { get; set; }
        public bool Evaluating { get; set; }
    }
    sealed record CodeItem(InstructionStatement Statement, SourceStatement Where, int Index, List<Template> Templates);
    sealed record NameUse(string Name, SourceStatement Where, int Column);

    readonly Dictionary<string, ConstDecl> consts = new();
    readonly Dictionary<string, CellDecl> cells = new();
    readonly List<CellDecl> data = [];
    readonly Dictionary<string, LabelDecl> labels = new();
    readonly Dictionary<string, string> nameKinds = new();
    readonly List<NameUse> inputs = [], outputs = [];
    readonly List<(Directive Directive, SourceStatement Where)> expects = [];
    readonly List<(InstructionStatement Statement, SourceStatement Where, List<LabelDef> Labels)> code = [];
    readonly HashSet<string> labelNames = [];
    (Expr Expr, SourceStatement Where)? bitsDeclaration, stackDeclaration;
    bool subleqOnly;
    int dataCells;
    bool labelsKnown;

    // Memory layout, known after LayOutMemory.
    readonly Dictionary<ReservedCell, int> reserved = new();
    readonly Dictionary<long, int> pool = new();
    /// <summary>Where each pool value is first used, for a diagnostic if it does not fit the word.</summary>
    readonly Dictionary<long, (SourceStatement Where, int Column, string What)> poolOrigins = new();
    (SourceStatement Where, int Column)? firstStackUse;
    int memorySize, stackAddress, stackSize, instructionCount;

    public Program? Build(IReadOnlyList<SourceStatement> statements)
    {
        labelNames.UnionWith(statements.SelectMany(s => s.Line.Labels).Select(l => l.Name));
        foreach (var s in statements) Guard(() => DeclareConstant(s));
        foreach (string name in (options.Constants?.Keys ?? []).Where(name => !consts.ContainsKey(name)).Order(StringComparer.Ordinal))
            diagnostics.Add(new Diagnostic(new SourceLocation(statements.FirstOrDefault()?.File ?? programName, 0, 0, ""),
                $"the constant {name} is given a value, but the program declares no .const {name}{Suggest(name, consts.Keys)}"));
        // Later passes run even after errors, so that every error in the file is reported at once;
        // statements that failed are simply left out of them.
        var endLabels = DeclareAll(statements);
        if (options.InstructionSet is InstructionSet forced) subleqOnly = forced == InstructionSet.Subleq;
        var items = ExpandCode(endLabels, out bool appendHalt);
        LayOutMemory(items);
        // Every constant is checked, used or not (errors met again at a use are reported once).
        foreach (var (name, constant) in consts) Guard(() => EvalConstant(name, constant, constant.Where, constant.Value.Column));

        var instructions = new List<Instruction>();
        var sourceMap = new List<SourceMapEntry?>();
        foreach (var item in items)
            for (int t = 0; t < item.Templates.Count; t++)
            {
                var instruction = Guard(() => Resolve(item.Templates[t], item.Index, item.Index + t, item.Where));
                instructions.Add(instruction);
                sourceMap.Add(new SourceMapEntry(item.Where.At(item.Statement.Column), Describe(item.Where)));
            }
        if (appendHalt)
        {
            instructions.Add(Instruction.Halt(reserved[ReservedCell.Zero], instructions.Count));
            sourceMap.Add(null);
        }
        var memory = InitialMemory();
        var expectations = expects.Select(e => Guard(() => Expectation(e.Directive, e.Where))).ToList();
        CheckNames(inputs, "input");
        CheckNames(outputs, "output");
        var word = ChooseWord(memory, expectations);
        if (diagnostics.Count > 0) return null;

        var symbols = cells.Values.Select(c => new CellSymbol(c.Name!, c.Address, c.Length, CellKind.Data))
            .Concat(reserved.Select(r => new CellSymbol(ReservedName(r.Key), r.Value, 1, r.Key == ReservedCell.StackPointer ? CellKind.Stack : CellKind.Reserved)))
            .Concat(pool.Select(p => new CellSymbol($"#{p.Key}", p.Value, 1, CellKind.Pool)))
            .Concat(stackSize > 0 ? [new CellSymbol("__stack", stackAddress, stackSize, CellKind.Stack)] : [])
            .OrderBy(c => c.Address).ToList();
        return new Program(programName, word, instructions, memory, symbols,
            labels.ToDictionary(l => l.Key, l => l.Value.Index),
            inputs.Select(i => i.Name).ToList(), outputs.Select(o => o.Name).ToList(), expectations!, sourceMap);
    }

    static string ReservedName(ReservedCell cell) => cell switch
    {
        ReservedCell.Zero => "__zero",
        ReservedCell.One => "__one",
        ReservedCell.MinusOne => "__minus_one",
        ReservedCell.Temp => "__t0",
        ReservedCell.Temp2 => "__t1",
        _ => "__sp",
    };

    static string Describe(SourceStatement where)
    {
        int comment = where.Text.IndexOf(';');
        string text = (comment >= 0 ? where.Text[..comment] : where.Text).Trim();
        return where.MacroContext is null ? text : $"{text}  ({where.MacroContext})";
    }

    // ---- error handling -------------------------------------------------------------------

    T? Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (AssemblyError e)
        {
            diagnostics.Add(e.Diagnostic);
            return default;
        }
    }

    void Guard(Action action) => Guard(() => { action(); return 0; });

    static AssemblyError Error(SourceStatement where, int column, string message) => new(where.Error(column, message));

    // ---- declarations ----------------------------------------------------------------------

    void DeclareConstant(SourceStatement s)
    {
        if (s.Line.Statement is not Directive { Name: "const" } d) return;
        if (d.Args.Count != 1 || d.Args[0] is not AssignArg { Index: null } a)
            throw Error(s, d.Column, "expected .const NAME = value");
        DeclareName(a.Name, "constant", s, a.Column);
        // A value the caller gives replaces the declared one, which is then never evaluated.
        consts[a.Name] = new ConstDecl(a.Value, s) { Result = options.Constants is { } given && given.TryGetValue(a.Name, out long value) ? value : null };
    }

    void DeclareName(string name, string kind, SourceStatement where, int column)
    {
        if (name.StartsWith("__")) throw Error(where, column, $"names starting with '__' are reserved for the assembler: rename '{name}'");
        if (name.StartsWith('@') && where.MacroContext is null && !name.Contains('~'))
            throw Error(where, column, $"'{name}': names starting with '@' are local to macro bodies");
        if (PseudoInstructions.IsKnown(name) || FunctionNames.TryParse(name, out _))
            throw Error(where, column, $"'{name}' is an instruction or function name; choose another name");
        if (nameKinds.TryGetValue(name, out var existing))
            throw Error(where, column, $"duplicate name '{Shown(name)}': already defined as {existing}");
        nameKinds[name] = $"a {kind} at line {where.LineNumber}";
    }

    List<(LabelDef, SourceStatement)> DeclareAll(IReadOnlyList<SourceStatement> statements)
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
                        Guard(() => DeclareData(d, s, pending));
                        pending.Clear();
                    }
                    else Guard(() => DeclareDirective(d, s));
                    break;
                case InstructionStatement i:
                    if (!PseudoInstructions.IsKnown(i.Name))
                    {
                        // Its labels stay pending for the next instruction, so that jumps to them are not errors too.
                        diagnostics.Add(s.Error(i.Column, $"unknown instruction '{i.Name}'{Suggest(i.Name, PseudoInstructions.Mnemonics)}"));
                        break;
                    }
                    code.Add((i, s, pending.Select(p => p.Label).ToList()));
                    foreach (var (label, where) in pending) Guard(() => DeclareName(label.Name, "label", where, label.Column));
                    pending.Clear();
                    break;
            }
        }
        foreach (var (label, where) in pending) Guard(() => DeclareName(label.Name, "label", where, label.Column));
        return pending;
    }

    void DeclareData(Directive d, SourceStatement s, List<(LabelDef Label, SourceStatement Where)> pending)
    {
        IReadOnlyList<Expr> values = [];
        Expr? fill = null;
        int length;
        if (d.Name == "word")
        {
            if (d.Args.Count == 0) throw Error(s, d.Column, "expected at least one value: .word 0 or .word 1, 2, 3");
            values = d.Args.Select(a => a is ExprArg { Expr: not LiteralExpr } e ? e.Expr
                : throw Error(s, a.Column, ".word takes plain values (write &name for an address; # is for operands)")).ToArray();
            length = values.Count;
        }
        else
        {
            if (d.Args.Count is 0 or > 2 || d.Args.Any(a => a is not ExprArg))
                throw Error(s, d.Column, "expected .space size or .space size, fill");
            var sizeExpr = ((ExprArg)d.Args[0]).Expr;
            long size = Eval(sizeExpr, Context.Value, s);
            if (size < 1 || size > MaxArrayCells)
                throw Error(s, sizeExpr.Column, $".space size must be 1..{MaxArrayCells}; got {size}");
            length = (int)size;
            fill = d.Args.Count == 2 ? ((ExprArg)d.Args[1]).Expr : null;
        }
        int address = dataCells;
        if (address + length > MaxArrayCells) throw Error(s, d.Column, $"memory exceeds {MaxArrayCells} cells");
        dataCells += length;
        // The cells exist even if a label is refused, so that later passes see a consistent layout.
        data.Add(new CellDecl(null, address, length, values, fill, s));
        foreach (var (label, where) in pending)
            Guard(() =>
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
                    throw Error(s, d.Column, $"expected .{d.Name} followed by one number");
                if ((d.Name == "bits" ? bitsDeclaration : stackDeclaration) is { } previous)
                    throw Error(s, d.Column, $".{d.Name} is already given at line {previous.Where.LineNumber}");
                if (d.Name == "bits") bitsDeclaration = (value, s);
                else stackDeclaration = (value, s);
                break;
            case "subleq":
                if (d.Args.Count != 0) throw Error(s, d.Args[0].Column, ".subleq takes no operands");
                subleqOnly = true;
                break;
            case "input":
            case "output":
                if (d.Args.Count == 0) throw Error(s, d.Column, $"expected .{d.Name} name1, name2, ...");
                foreach (var arg in d.Args)
                {
                    if (arg is not ExprArg { Expr: NameExpr n }) throw Error(s, arg.Column, $".{d.Name} takes cell names");
                    (d.Name == "input" ? inputs : outputs).Add(new NameUse(n.Name, s, n.Column));
                }
                break;
            case "expect":
                expects.Add((d, s));
                break;
            default:
                throw Error(s, d.Column, $"unknown directive '.{d.Name}'{Suggest(d.Name, Directives, ".")}");
        }
    }

    void CheckNames(List<NameUse> uses, string what)
    {
        foreach (var use in uses)
        {
            if (!cells.ContainsKey(use.Name))
                diagnostics.Add(use.Where.Error(use.Column, $".{what} '{use.Name}' is not a cell{Suggest(use.Name, cells.Keys)}"));
            else if (uses.Count(u => u.Name == use.Name) > 1 && uses.First(u => u.Name == use.Name) != use)
                diagnostics.Add(use.Where.Error(use.Column, $"'{use.Name}' is declared as an {what} twice"));
        }
    }

    // ---- code ----------------------------------------------------------------------------------

    List<CodeItem> ExpandCode(List<(LabelDef, SourceStatement)> endLabels, out bool appendHalt)
    {
        var items = new List<CodeItem>();
        int index = 0;
        foreach (var (statement, where, lineLabels) in code)
        {
            foreach (var label in lineLabels) labels[label.Name] = new LabelDecl(index, where);
            var templates = Guard(() => PseudoInstructions.Expand(Operands(statement, where), subleqOnly));
            if (templates is null) continue;
            items.Add(new CodeItem(statement, where, index, templates));
            index += templates.Count;
        }
        appendHalt = endLabels.Count > 0 || items.Count == 0 || !items[^1].Statement.Name.Equals("halt", StringComparison.OrdinalIgnoreCase);
        foreach (var (label, where) in endLabels) labels[label.Name] = new LabelDecl(index, where);
        instructionCount = index + (appendHalt ? 1 : 0);
        labelsKnown = true;
        return items;
    }

    PseudoInstructions.Operands Operands(InstructionStatement statement, SourceStatement where)
    {
        Expr Operand(int i) => statement.Args[i] is ExprArg e ? e.Expr
            : throw Error(where, statement.Args[i].Column, "unexpected '='; operands are cells, labels or #literals");
        return new PseudoInstructions.Operands(
            statement,
            i => new UserCell(Operand(i)),
            i => Operand(i) is LiteralExpr l
                ? throw Error(where, l.Column, "a branch target is a label or an instruction index, not a #literal")
                : new UserTarget(Operand(i)),
            i => Operand(i) is NameExpr n && FunctionNames.TryParse(n.Name, out var f) ? f
                : throw Error(where, Operand(i).Column,
                    $"expected a function ({string.Join(", ", FunctionNames.All)}){(Operand(i) is NameExpr m ? Suggest(m.Name, FunctionNames.All) : "")}"),
            (a, b) => SameCell(a, b, where),
            (column, message) => Error(where, column, message));
    }

    bool? SameCell(Ref a, Ref b, SourceStatement where)
    {
        if (a is Reserved ra && b is Reserved rb) return ra.Cell == rb.Cell;
        if (a is not UserCell { Expr: not LiteralExpr } ua || b is not UserCell { Expr: not LiteralExpr } ub) return false;
        try
        {
            return Eval(ua.Expr, Context.Cell, where) == Eval(ub.Expr, Context.Cell, where);
        }
        catch (AssemblyError)
        {
            return null; // not known before the labels are placed, or an error reported when the operand is resolved
        }
    }

    // ---- memory layout: data | reserved | pool | stack pointer... | stack --------------------

    void LayOutMemory(List<CodeItem> items)
    {
        int next = dataCells;
        var used = items.SelectMany(i => i.Templates).SelectMany(t => new[] { t.A, t.B, t.C, t.Flag }).ToList();
        foreach (var cell in Enum.GetValues<ReservedCell>())
            if (cell == ReservedCell.Zero || used.Contains(new Reserved(cell)))
                reserved[cell] = next++;
        foreach (var item in items)
            foreach (var r in item.Templates.SelectMany(t => new[] { t.A, t.B, t.C, t.Flag }))
            {
                (long? value, int column, string what) = r switch
                {
                    UserCell { Expr: LiteralExpr l } => (Guard(() => (long?)Eval(l.Value, Context.Value, item.Where)), l.Column, "the literal"),
                    ReturnAddress ra => (item.Index + ra.Offset, item.Statement.Column, "the return address"),
                    _ => ((long?)null, 0, ""),
                };
                if (value is not long v || pool.ContainsKey(v)) continue;
                pool[v] = next++;
                poolOrigins[v] = (item.Where, column, $"{what} {v}");
            }
        if (reserved.ContainsKey(ReservedCell.StackPointer))
        {
            var user = items.First(i => i.Templates.Any(t => new[] { t.A, t.B, t.C, t.Flag }.Contains(Emitter.StackPointer)));
            firstStackUse = (user.Where, user.Statement.Column);
            stackSize = Assembler.DefaultStackSize;
            if (stackDeclaration is { } declared && Guard(() => (long?)Eval(declared.Expr, Context.Value, declared.Where)) is long size)
            {
                if (size < 1 || size > MaxArrayCells)
                    diagnostics.Add(declared.Where.Error(declared.Expr.Column, $".stack size must be 1..{MaxArrayCells}; got {size}"));
                stackSize = (int)Math.Clamp(size, 1, MaxArrayCells);
            }
            stackAddress = next;
            next += stackSize;
        }
        memorySize = next;
    }

    Instruction Resolve(Template t, int itemIndex, int self, SourceStatement where)
    {
        int Cell(Ref r) => r switch
        {
            Reserved x => reserved[x.Cell],
            ReturnAddress ra => pool[itemIndex + ra.Offset],
            UserCell { Expr: LiteralExpr l } => pool[Eval(l.Value, Context.Value, where)],
            UserCell u => CheckAddress(Eval(u.Expr, Context.Cell, where), memorySize, "memory cell", "memory has", u.Expr, where),
            _ => throw new InvalidOperationException($"{r} is not a cell operand"),
        };
        int Target(Ref r) => r switch
        {
            Relative rel => itemIndex + rel.Offset,
            UserTarget u => CheckAddress(Eval(u.Expr, Context.Target, where), instructionCount, "instruction", "the program has", u.Expr, where),
            _ => throw new InvalidOperationException($"{r} is not a target operand"),
        };
        return new Instruction(t.F, Cell(t.A), Cell(t.B), Cell(t.C), Cell(t.Flag), Target(t.Target));
    }

    static int CheckAddress(long value, int count, string what, string owner, Expr expr, SourceStatement where) =>
        value >= 0 && value < count ? (int)value
            : throw Error(where, expr.Column, $"{what} {value} does not exist ({owner} {count}: 0..{count - 1})");

    long[] InitialMemory()
    {
        var memory = new long[memorySize];
        foreach (var decl in data)
        {
            for (int i = 0; i < decl.Values.Count; i++)
            {
                int index = i;
                memory[decl.Address + i] = Guard(() => Eval(decl.Values[index], Context.Value, decl.Where));
            }
            if (decl.Fill is { } fill)
            {
                long value = Guard(() => Eval(fill, Context.Value, decl.Where));
                Array.Fill(memory, value, decl.Address, decl.Length);
            }
        }
        foreach (var (cell, address) in reserved)
            memory[address] = cell switch
            {
                ReservedCell.One => 1,
                ReservedCell.MinusOne => -1,
                ReservedCell.StackPointer => stackAddress,
                _ => 0,
            };
        foreach (var (value, address) in pool) memory[address] = value;
        return memory;
    }

    // ---- expectations and the word width ------------------------------------------------------

    Expectation Expectation(Directive d, SourceStatement s)
    {
        if (d.Results is null) throw Error(s, d.Column, "expected .expect inputs => outputs, e.g. .expect n=5 => result=120");
        if (d.Results.Count == 0) throw Error(s, d.Column, ".expect needs at least one output after '=>'");
        NamedValues Values(Arg arg, bool isInput)
        {
            if (arg is not AssignArg { Index: null } a) throw Error(s, arg.Column, "expected name=value or name=[v1, v2, ...]");
            if (!cells.TryGetValue(a.Name, out var cell)) throw Error(s, a.Column, $"'{a.Name}' is not a cell{Suggest(a.Name, cells.Keys)}");
            if (isInput && !inputs.Any(i => i.Name == a.Name))
                throw Error(s, a.Column, $"'{a.Name}' is not declared as an input; add .input {a.Name}");
            var items = a.Value is ListExpr list ? list.Items : [a.Value];
            // Inputs are set as --set sets them: a shorter list sets the first cells and leaves the rest as declared.
            if (isInput ? items.Count > cell.Length : items.Count != cell.Length)
                throw Error(s, a.Value.Column, $"'{a.Name}' has {cell.Length} cell(s); {items.Count} value(s) given");
            return new NamedValues(a.Name, items.Select(v => Eval(v, Context.Value, s)).ToArray());
        }
        return new Expectation(d.Args.Select(a => Values(a, true)).ToArray(), d.Results.Select(a => Values(a, false)).ToArray(), s.At(d.Column));
    }

    WordFormat ChooseWord(long[] memory, List<Expectation?> expectations)
    {
        var expected = expectations.OfType<Expectation>().SelectMany(e => e.Inputs.Concat(e.Outputs)).SelectMany(v => v.Values);
        // __sp climbs to the end of the stack: a push must not wrap it around.
        long[] stackTop = reserved.ContainsKey(ReservedCell.StackPointer) ? [(long)stackAddress + stackSize] : [];
        int needed = memory.Concat(expected).Concat(stackTop).Select(WordFormat.BitsNeeded).DefaultIfEmpty(1).Max();
        int bits;
        if (options.WordBits is int forced) bits = forced;
        else if (bitsDeclaration is { } declared)
        {
            if (Guard(() => (long?)Eval(declared.Expr, Context.Value, declared.Where)) is not long value)
                return new WordFormat(WordFormat.MaxBits);
            if (value < WordFormat.MinBits || value > WordFormat.MaxBits)
            {
                diagnostics.Add(declared.Where.Error(declared.Expr.Column, $"word width must be {WordFormat.MinBits}..{WordFormat.MaxBits} bits; got {value}"));
                return new WordFormat(WordFormat.MaxBits);
            }
            bits = (int)value;
        }
        else return new WordFormat(Math.Clamp(Math.Max(needed + HeadroomBits, MinAutoBits), WordFormat.MinBits, WordFormat.MaxBits));

        var word = new WordFormat(bits);
        string fix = $"declare .bits {Math.Min(needed, WordFormat.MaxBits)} or more";
        foreach (var decl in data)
            for (int i = 0; i < decl.Length; i++)
                if (!word.Fits(memory[decl.Address + i]))
                {
                    int column = i < decl.Values.Count ? decl.Values[i].Column : (decl.Fill?.Column ?? 1);
                    diagnostics.Add(decl.Where.Error(column, $"value {memory[decl.Address + i]} is out of range for {word.Bits}-bit words ({word.Min}..{word.Max}); {fix}"));
                    break;
                }
        foreach (var value in pool.Keys.Where(v => !word.Fits(v)))
        {
            var (where, column, what) = poolOrigins[value];
            diagnostics.Add(where.Error(column, $"{what} is out of range for {word.Bits}-bit words ({word.Min}..{word.Max}); {fix}"));
        }
        if (firstStackUse is { } stackUse && !word.Fits(stackAddress + stackSize))
        {
            // Point at .stack if the program sizes the stack, else at the first instruction that needs it.
            var (where, column) = stackDeclaration is { } declared ? (declared.Where, declared.Expr.Column) : stackUse;
            diagnostics.Add(where.Error(column, $"stack addresses up to {stackAddress + stackSize} do not fit {word.Bits}-bit words; {fix}"));
        }
        foreach (var ((d, s), e) in expects.Zip(expectations))
        {
            if (e is null) continue;
            // Expectation() accepted only name=value arguments, one value per cell, in this order.
            var written = d.Args.Concat(d.Results!).Cast<AssignArg>().SelectMany(a => a.Value is ListExpr list ? list.Items : [a.Value]);
            var values = e.Inputs.Concat(e.Outputs).SelectMany(n => n.Values);
            foreach (var (item, v) in written.Zip(values).Where(p => !word.Fits(p.Second)).Take(1))
                diagnostics.Add(s.Error(item.Column, $"expected value {v} is out of range for {word.Bits}-bit words ({word.Min}..{word.Max}); {fix}"));
        }
        return word;
    }

    // ---- expressions ---------------------------------------------------------------------------

    long Eval(Expr expr, Context context, SourceStatement where)
    {
        switch (expr)
        {
            case NumberExpr n:
                return CellAssignment.TryParseInteger(n.Text, out long value) ? value
                    : throw Error(where, n.Column, $"'{n.Text}' is not a number that fits in 64 bits");
            case NameExpr n:
                return EvalName(n, context, where);
            case AddressOfExpr a:
                if (cells.TryGetValue(a.Name, out var cell)) return cell.Address;
                if (labelsKnown && labels.TryGetValue(a.Name, out var label)) return label.Index;
                if (!labelsKnown && labelNames.Contains(a.Name))
                    throw Error(where, a.Column, $"the address of '{Shown(a.Name)}' is not known yet here; sizes must be numbers, constants or addresses of cells declared above");
                throw Error(where, a.Column, $"unknown name '{Shown(a.Name)}'{Suggest(a.Name, cells.Keys.Concat(labels.Keys))}");
            case NegateExpr { Operand: NumberExpr n } when CellAssignment.TryParseInteger("-" + n.Text, out long negative):
                return negative; // -9223372036854775808 is a number, though 9223372036854775808 alone is not
            case NegateExpr neg:
                return Checked(() => checked(-Eval(neg.Operand, context, where)), where, neg.Column);
            case BinaryExpr b:
                long left = Eval(b.Left, context, where);
                long right = Eval(b.Right, Context.Value, where);
                return Checked(() => b.Operator switch { '+' => checked(left + right), '-' => checked(left - right), _ => checked(left * right) }, where, b.Column);
            case LiteralExpr l:
                throw Error(where, l.Column, "a #literal stands for a pool cell; it cannot appear here");
            case ListExpr l:
                throw Error(where, l.Column, "a [list] is only allowed as a value in .expect");
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
            throw Error(where, column, "this expression overflows 64 bits");
        }
    }

    long EvalName(NameExpr n, Context context, SourceStatement where)
    {
        if (consts.TryGetValue(n.Name, out var constant)) return EvalConstant(n.Name, constant, where, n.Column);
        switch (context)
        {
            case Context.Cell when cells.TryGetValue(n.Name, out var cell):
                return cell.Address;
            case Context.Cell when labels.ContainsKey(n.Name) || code.Any(c => c.Labels.Any(l => l.Name == n.Name)):
                throw Error(where, n.Column, $"'{Shown(n.Name)}' is a code label, not a memory cell");
            case Context.Cell:
                throw Error(where, n.Column, $"unknown cell '{Shown(n.Name)}'{Suggest(n.Name, cells.Keys)}");
            case Context.Target when labels.TryGetValue(n.Name, out var label):
                return label.Index;
            case Context.Target when cells.ContainsKey(n.Name):
                throw Error(where, n.Column, $"'{Shown(n.Name)}' is a memory cell, not a code label");
            case Context.Target:
                throw Error(where, n.Column, $"unknown label '{Shown(n.Name)}'{Suggest(n.Name, labels.Keys)}");
            default:
                if (cells.ContainsKey(n.Name) || labels.ContainsKey(n.Name))
                    throw Error(where, n.Column, $"'{Shown(n.Name)}' is not a constant; write &{Shown(n.Name)} for its address");
                throw Error(where, n.Column, $"unknown constant '{Shown(n.Name)}'{Suggest(n.Name, consts.Keys)}");
        }
    }

    long EvalConstant(string name, ConstDecl constant, SourceStatement where, int column)
    {
        if (constant.Result is long known) return known;
        if (constant.Failure is { } failure) throw failure;
        if (constant.Evaluating)
        {
            // Every constant being evaluated now depends on this one: all fail with this one error.
            var cycle = Error(where, column, $"constant '{name}' is defined in terms of itself");
            foreach (var c in consts.Values.Where(c => c.Evaluating)) c.Failure = cycle;
            throw cycle;
        }
        constant.Evaluating = true;
        try
        {
            long value = Eval(constant.Value, Context.Value, constant.Where);
            constant.Result = value;
            return value;
        }
        finally
        {
            constant.Evaluating = false;
        }
    }

    /// <summary>A name as the user wrote it: '@t', not the '@t~3' of one macro expansion.</summary>
    static string Shown(string name) => name.Split('~')[0];

    /// <summary>"; did you mean 'loop'?" for the nearest known name, or nothing.</summary>
    static string Suggest(string name, IEnumerable<string> known, string prefix = "")
    {
        var best = known.Where(k => !k.Contains('~'))
            .Select(k => (Name: k, Distance: EditDistance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, name.Length / 3) ? $"; did you mean '{prefix}{best.Name}'?" : "";
    }

    /// <summary>Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment).</summary>
    static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
