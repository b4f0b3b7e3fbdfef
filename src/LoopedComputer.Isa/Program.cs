namespace LoopedComputer.Isa;

/// <summary>What a named memory region is for.</summary>
public enum CellKind
{
    /// <summary>Declared by the program (<c>.word</c> or <c>.space</c>).</summary>
    Data,
    /// <summary>A literal placed in the constant pool by the assembler.</summary>
    Pool,
    /// <summary>Cells the assembler reserves for pseudo-instructions (zero, ±1, temporaries).</summary>
    Reserved,
    /// <summary>The call stack and its pointer.</summary>
    Stack,
}

/// <summary>A named run of memory cells; a scalar has <see cref="Length"/> 1.</summary>
public sealed record CellSymbol(string Name, int Address, int Length, CellKind Kind)
{
    public bool Contains(int address) => address >= Address && address < Address + Length;
}

/// <summary>Values for a named region (one value for a scalar), as in <c>n=7</c> or <c>list=[1,2,3]</c>.</summary>
public sealed record NamedValues(string Name, IReadOnlyList<long> Values)
{
    public override string ToString() =>
        Values.Count == 1 ? $"{Name}={Values[0]}" : $"{Name}=[{string.Join(", ", Values)}]";
}

/// <summary>A declared expected result: with these inputs set, the program halts with these outputs.</summary>
public sealed record Expectation(IReadOnlyList<NamedValues> Inputs, IReadOnlyList<NamedValues> Outputs, SourceLocation? Location);

/// <summary>Where an instruction came from: the source line and the statement (pseudo-instruction) it expands.</summary>
public sealed record SourceMapEntry(SourceLocation Location, string Statement);

/// <summary>
/// The semantic contract between the assembler, the interpreter and the machines: instructions
/// apart from memory (the paper's layout), an initial memory image, N-bit words, and names.
/// The last instruction is always a halt, so that every machine has a place to come to rest.
/// </summary>
public sealed class Program
{
    public string Name { get; }
    public WordFormat Word { get; }
    public IReadOnlyList<Instruction> Instructions { get; }
    public IReadOnlyList<long> InitialMemory { get; }
    public IReadOnlyList<CellSymbol> Cells { get; }
    public IReadOnlyDictionary<string, int> Labels { get; }
    public IReadOnlyList<string> Inputs { get; }
    public IReadOnlyList<string> Outputs { get; }
    public IReadOnlyList<Expectation> Expectations { get; }
    public IReadOnlyList<SourceMapEntry?> SourceMap { get; }

    /// <summary>The function units the program defines (.func), in opcode order after the built-in functions.</summary>
    public IReadOnlyList<FunctionUnit> Units { get; }

    /// <summary>What the program means: FLEQ (instructions apart from memory) unless made otherwise, e.g. a classic SUBLEQ image (<see cref="ClassicSubleq"/>).</summary>
    public IReferenceSemantics Reference { get; }

    /// <summary>True when every instruction is a SUBLEQ, so the paper's SUBLEQ machine can run it.</summary>
    public bool IsSubleqOnly => Instructions.All(i => i.IsSubleq);

    public int MemorySize => InitialMemory.Count;
    public int HaltIndex => Instructions.Count - 1;

    public Program(
        string name,
        WordFormat word,
        IReadOnlyList<Instruction> instructions,
        IReadOnlyList<long> initialMemory,
        IReadOnlyList<CellSymbol>? cells = null,
        IReadOnlyDictionary<string, int>? labels = null,
        IReadOnlyList<string>? inputs = null,
        IReadOnlyList<string>? outputs = null,
        IReadOnlyList<Expectation>? expectations = null,
        IReadOnlyList<SourceMapEntry?>? sourceMap = null,
        IReferenceSemantics? reference = null,
        IReadOnlyList<FunctionUnit>? units = null)
    {
        Units = units?.ToArray() ?? [];
        Reference = reference ?? FleqReference.Instance;
        Name = name;
        Word = word;
        Instructions = instructions.ToArray();
        InitialMemory = initialMemory.ToArray();
        Cells = cells?.ToArray() ?? [];
        Labels = labels ?? new Dictionary<string, int>();
        Inputs = inputs?.ToArray() ?? [];
        Outputs = outputs?.ToArray() ?? [];
        Expectations = expectations?.ToArray() ?? [];
        SourceMap = sourceMap?.ToArray() ?? new SourceMapEntry?[Instructions.Count];
        Validate();
    }

    void Validate()
    {
        int m = InitialMemory.Count, k = Instructions.Count;
        if (Word.Bits < WordFormat.MinBits) throw new ArgumentException("the word format is not set (use new WordFormat(bits))");
        if (m == 0) throw new ArgumentException("a program needs at least one memory cell");
        foreach (var cell in Cells)
            if (cell.Address < 0 || cell.Length < 1 || cell.Address > m - cell.Length)
                throw new ArgumentException($"cell '{cell.Name}' ({cell.Address}, {cell.Length} cells) lies outside the memory (0..{m - 1})");
        foreach (var name in Inputs.Concat(Outputs))
            if (FindCell(name) is null)
                throw new ArgumentException($"input or output '{name}' names no cell");
        foreach (var unit in Units)
            if (unit.Word != Word) throw new ArgumentException($"unit '{unit.Name}' is tabulated for {unit.Word.Bits}-bit words; the program's are {Word.Bits}-bit");
        if (Units.Select(u => u.Name).GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"two units are named '{twice.Key}'");
        Reference.Validate(this);
        for (int c = 0; c < m; c++)
            if (!Word.Fits(InitialMemory[c]))
                throw new ArgumentException($"cell {c}: {InitialMemory[c]} does not fit {Word}");
        if (SourceMap.Count != k) throw new ArgumentException("the source map needs one entry per instruction");
    }

    /// <summary>The same program under another name (fuzzing names a program by its seed).</summary>
    public Program Renamed(string name) =>
        new(name, Word, Instructions, InitialMemory, Cells, Labels, Inputs, Outputs, Expectations, SourceMap, Reference, Units);

    /// <summary>The name of a function: its mnemonic, or the name of the unit its opcode selects.</summary>
    public string FunctionName(Function function) =>
        function.IsUnit() && function.UnitIndex() < Units.Count ? Units[function.UnitIndex()].Name : function.Mnemonic();

    /// <summary>The instruction at <paramref name="pc"/> as text, a unit called by its name.</summary>
    public string Describe(int pc) => Instructions[pc] is { } ins && ins.F.IsUnit()
        ? $"fleq {FunctionName(ins.F)}, {ins.A}, {ins.B}, {ins.C}, {ins.Flag}, {ins.Target}"
        : Instructions[pc].ToString();

    public CellSymbol? FindCell(string name) => Cells.FirstOrDefault(c => c.Name == name);

    /// <summary>The best name for an address: <c>name</c>, <c>name+3</c>, or the bare index.</summary>
    public string CellName(int address)
    {
        var symbol = Cells.FirstOrDefault(c => c.Contains(address) && c.Kind == CellKind.Data)
                     ?? Cells.FirstOrDefault(c => c.Contains(address));
        if (symbol is null) return address.ToString();
        return symbol.Length == 1 ? symbol.Name : $"{symbol.Name}+{address - symbol.Address}";
    }

    /// <summary>Reads a named region (scalar or array) from a memory image.</summary>
    public NamedValues Read(IReadOnlyList<long> memory, string name)
    {
        var symbol = FindCell(name) ?? throw new ArgumentException($"no cell named '{name}'");
        return new NamedValues(name, Enumerable.Range(symbol.Address, symbol.Length).Select(a => memory[a]).ToArray());
    }

    /// <summary>
    /// The initial memory with the given inputs set. Only declared inputs may be set; each value
    /// must fit the word; <c>name=...</c> sets the whole input, so it gives one value per cell
    /// (<c>name[i]=...</c> sets some from cell i on). Throws <see cref="InputException"/> with a
    /// message meant for the user.
    /// </summary>
    public long[] MemoryWith(IEnumerable<CellAssignment> assignments)
    {
        var memory = InitialMemory.ToArray();
        foreach (var assignment in assignments)
        {
            if (!Inputs.Contains(assignment.Name))
            {
                string known = Inputs.Count == 0 ? "this program declares no inputs (.input name)" : $"inputs: {string.Join(", ", Inputs)}";
                throw new InputException($"'{assignment.Name}' is not an input of {Name}; {known}");
            }
            var symbol = FindCell(assignment.Name)!;
            if (assignment.Index is null && assignment.Values.Count != symbol.Length)
                throw new InputException(symbol.Length == 1
                    ? $"'{assignment.Name}' is a single cell; give one value"
                    : $"'{assignment.Name}' has {symbol.Length} cells; {assignment} gives {assignment.Values.Count}: " +
                      $"give all {symbol.Length}, or set some with {assignment.Name}[i]=value");
            int start = assignment.Index ?? 0;
            if (start < 0 || assignment.Values.Count > symbol.Length - start)
                throw new InputException($"'{assignment.Name}' has {symbol.Length} cells; {assignment} does not fit");
            for (int i = 0; i < assignment.Values.Count; i++)
            {
                long value = assignment.Values[i];
                if (!Word.Fits(value))
                    throw new InputException(
                        $"{assignment.Name}: {value} does not fit the program's {Word.Bits}-bit words ({Word.Min}..{Word.Max}); declare a wider word with .bits or --bits");
                memory[symbol.Address + start + i] = value;
            }
        }
        return memory;
    }
}

/// <summary>A user-facing problem with an input value; the message names the problem and the fix.</summary>
public sealed class InputException(string message) : Exception(message);
