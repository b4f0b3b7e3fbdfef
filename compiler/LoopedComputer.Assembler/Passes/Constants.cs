namespace LoopedComputer.Assembly.Passes;

/// <summary>A <c>.const NAME = value</c>; <paramref name="Given"/> is the value the caller gives instead, if any.</summary>
sealed record ConstantDecl(string Name, Expr Value, SourceStatement Where, long? Given);

/// <summary>
/// The program's constants. A constant is evaluated at its first use, by the evaluator of that use,
/// and keeps its value from then on; a cycle is one error, given again at every use of every
/// constant on it (so it is reported once). This memory is the only state shared by the passes.
/// </summary>
sealed class ConstantTable
{
    sealed class Constant(ConstantDecl declaration)
    {
        public ConstantDecl Declaration { get; } = declaration;
        // A value the caller gives replaces the declared one, which is then never evaluated.
        public long? Result { get; set; } = declaration.Given;
        public AssemblyError? Failure { get; set; }
        public bool Evaluating { get; set; }
    }

    readonly Dictionary<string, Constant> constants;

    public ConstantTable(IEnumerable<ConstantDecl> declarations) =>
        constants = declarations.ToDictionary(d => d.Name, d => new Constant(d));

    /// <summary>In declaration order.</summary>
    public IEnumerable<ConstantDecl> Declarations => constants.Values.Select(c => c.Declaration);

    public IEnumerable<string> Names => constants.Keys;

    public bool Contains(string name) => constants.ContainsKey(name);

    /// <summary>The constant's value; <paramref name="where"/> and <paramref name="column"/> are the use that asks, blamed for a cycle found there.</summary>
    public long Evaluate(string name, SourceStatement where, int column, Func<Expr, SourceStatement, long> evaluate)
    {
        var constant = constants[name];
        if (constant.Result is long known) return known;
        if (constant.Failure is { } failure) throw failure;
        if (constant.Evaluating)
        {
            // Every constant being evaluated now depends on this one: all fail with this one error.
            var cycle = AssemblyError.At(where, column, $"constant '{name}' is defined in terms of itself");
            foreach (var c in constants.Values.Where(c => c.Evaluating)) c.Failure = cycle;
            throw cycle;
        }
        constant.Evaluating = true;
        try
        {
            long value = evaluate(constant.Declaration.Value, constant.Declaration.Where);
            constant.Result = value;
            return value;
        }
        finally
        {
            constant.Evaluating = false;
        }
    }
}
