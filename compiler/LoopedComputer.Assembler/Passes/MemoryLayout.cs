using LoopedComputer.Isa;

namespace LoopedComputer.Assembly.Passes;

/// <summary>Where a pool value is first used, for a diagnostic if it does not fit the word.</summary>
sealed record PoolOrigin(SourceStatement Where, int Column, string What);

/// <summary>
/// Memory: data | reserved cells | constant pool | stack. <paramref name="FirstStackUse"/> is the
/// first instruction that needs the stack (null when none does: then there is no stack).
/// </summary>
sealed record MemoryMap(
    IReadOnlyDictionary<ReservedCell, int> Reserved,
    IReadOnlyDictionary<long, int> Pool,
    IReadOnlyDictionary<long, PoolOrigin> PoolOrigins,
    (SourceStatement Where, int Column)? FirstStackUse,
    int StackAddress,
    int StackSize,
    int Size)
{
    /// <summary>Every named cell of memory, by address: the program's, the assembler's and the pool's.</summary>
    public IReadOnlyList<CellSymbol> Symbols(IEnumerable<CellDecl> cells) =>
        cells.Select(c => new CellSymbol(c.Name!, c.Address, c.Length, CellKind.Data))
            .Concat(Reserved.Select(r => new CellSymbol(ReservedName(r.Key), r.Value, 1, r.Key == ReservedCell.StackPointer ? CellKind.Stack : CellKind.Reserved)))
            .Concat(Pool.Select(p => new CellSymbol($"#{p.Key}", p.Value, 1, CellKind.Pool)))
            .Concat(StackSize > 0 ? [new CellSymbol("__stack", StackAddress, StackSize, CellKind.Stack)] : [])
            .OrderBy(c => c.Address).ToList();

    static string ReservedName(ReservedCell cell) => cell switch
    {
        ReservedCell.Zero => "__zero",
        ReservedCell.One => "__one",
        ReservedCell.MinusOne => "__minus_one",
        ReservedCell.Temp => "__t0",
        ReservedCell.Temp2 => "__t1",
        _ => "__sp",
    };
}

/// <summary>
/// The memory layout pass: after the data come the reserved cells the expansions use (zero always),
/// one pool cell per distinct #literal and return address, then the stack if any instruction uses it.
/// </summary>
static class MemoryLayout
{
    public static MemoryMap LayOut(Declarations declarations, PlacedCode code, Evaluator evaluator, List<Diagnostic> diagnostics)
    {
        int next = declarations.DataCells;
        var reserved = new Dictionary<ReservedCell, int>();
        var pool = new Dictionary<long, int>();
        var poolOrigins = new Dictionary<long, PoolOrigin>();
        var used = code.Items.SelectMany(i => i.Templates).SelectMany(CellOperands).ToList();
        foreach (var cell in Enum.GetValues<ReservedCell>())
            if (cell == ReservedCell.Zero || used.Contains(new Reserved(cell)))
                reserved[cell] = next++;
        foreach (var item in code.Items)
            foreach (var r in item.Templates.SelectMany(CellOperands))
            {
                (long? value, int column, string what) = r switch
                {
                    UserCell { Expr: LiteralExpr l } => (diagnostics.Guard(() => (long?)evaluator.Value(l.Value, item.Where)), l.Column, "the literal"),
                    ReturnAddress ra => (item.Index + ra.Offset, item.Statement.Column, "the return address"),
                    _ => ((long?)null, 0, ""),
                };
                if (value is not long v || pool.ContainsKey(v)) continue;
                pool[v] = next++;
                poolOrigins[v] = new PoolOrigin(item.Where, column, $"{what} {v}");
            }
        (SourceStatement, int)? firstStackUse = null;
        int stackAddress = 0, stackSize = 0;
        if (reserved.ContainsKey(ReservedCell.StackPointer))
        {
            var user = code.Items.First(i => i.Templates.Any(t => CellOperands(t).Contains(Emitter.StackPointer)));
            firstStackUse = (user.Where, user.Statement.Column);
            stackSize = Assembler.DefaultStackSize;
            if (declarations.Stack is { } declared && diagnostics.Guard(() => (long?)evaluator.Value(declared.Value, declared.Where)) is long size)
            {
                if (size < 1 || size > Symbols.MaxArrayCells)
                    diagnostics.Add(declared.Where.Error(declared.Value.Column, $".stack size must be 1..{Symbols.MaxArrayCells}; got {size}"));
                stackSize = (int)Math.Clamp(size, 1, Symbols.MaxArrayCells);
            }
            stackAddress = next;
            next += stackSize;
        }
        return new MemoryMap(reserved, pool, poolOrigins, firstStackUse, stackAddress, stackSize, next);
    }

    static Ref[] CellOperands(Template t) => [t.A, t.B, t.C, t.Flag];
}
