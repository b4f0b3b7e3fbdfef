using LoopedComputer.Assembly.Passes;
using LoopedComputer.Isa;

namespace LoopedComputer.Assembly;

/// <summary>Which instructions pseudo-instructions expand to.</summary>
public enum InstructionSet
{
    /// <summary>SUBLEQ only (what <c>.subleq</c> asks for): the program runs on both machines.</summary>
    Subleq,
    /// <summary>FLEQ functions where they save instructions.</summary>
    Fleq,
}

/// <summary>
/// Overrides of what the program declares: the word width (.bits), the instruction set (.subleq) and
/// the values of constants it declares with .const (a program sized by a constant is assembled for
/// another size this way; a name the program does not declare is an error).
/// </summary>
public sealed record AssemblerOptions(int? WordBits = null, InstructionSet? InstructionSet = null, IReadOnlyDictionary<string, long>? Constants = null);

/// <summary>The outcome of assembling: a program, or every error found (never an exception).</summary>
public sealed record AssemblyResult(Program? Program, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Program is not null;

    public string FormatDiagnostics() => Diagnostic.FormatAll(Diagnostics);
}

/// <summary>
/// .lasm → <see cref="Program"/>, in passes (Passes/), each handing an immutable result to the next:
/// parse each line, expand macros, declare symbols, lay out code (expanding pseudo-instructions and
/// placing labels), lay out memory (data, reserved cells, constant pool, stack), resolve operands
/// and values, choose the word width and check every value against it, tabulate the function units.
/// </summary>
public static class Assembler
{
    public const int DefaultStackSize = 16;

    public static AssemblyResult AssembleFile(string path, AssemblerOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var location = new SourceLocation(path, 0, 0, "");
            return new AssemblyResult(null, [new Diagnostic(location, $"cannot read the file: {e.Message}")]);
        }
        return Assemble(text, path, options);
    }

    public static AssemblyResult Assemble(string source, string fileName = "<input>", AssemblerOptions? options = null)
    {
        var diagnostics = new List<Diagnostic>();
        options ??= new();
        if (options.WordBits is int bits && (bits < WordFormat.MinBits || bits > WordFormat.MaxBits))
            return new AssemblyResult(null, [new Diagnostic(new SourceLocation(fileName, 0, 0, ""),
                $"--bits must be {WordFormat.MinBits}..{WordFormat.MaxBits}; got {bits}")]);
        try
        {
            var program = Build(source, fileName, options, diagnostics);
            // A fault that several passes reach (a constant used twice, a literal read by two fields of
            // one instruction) is one error for the user.
            var ordered = diagnostics.Distinct().OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
            return new AssemblyResult(diagnostics.Count == 0 ? program : null, ordered);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in the assembler must still come out as a diagnostic, never as a crash.
            diagnostics.Add(new Diagnostic(new SourceLocation(fileName, 0, 0, ""), $"internal assembler error ({e.GetType().Name}: {e.Message}); please report this program"));
            return new AssemblyResult(null, diagnostics);
        }
    }

    /// <summary>
    /// Every pass runs even after errors, so that every error in the file is reported at once;
    /// statements that failed are left out of the later passes.
    /// </summary>
    static Program? Build(string source, string fileName, AssemblerOptions options, List<Diagnostic> diagnostics)
    {
        string programName = Path.GetFileNameWithoutExtension(fileName);
        var statements = MacroExpander.Expand(Parsing.ParseLines(source, fileName, diagnostics), diagnostics);
        var declarations = Symbols.Declare(statements, options, programName, diagnostics);
        var code = CodeLayout.LayOut(declarations, diagnostics);
        // From here on every name is known.
        var evaluator = new Evaluator(SymbolTable.Complete(declarations.Constants, declarations.Cells, code.Labels));
        var memory = MemoryLayout.LayOut(declarations, code, evaluator, diagnostics);
        var resolved = Resolution.Resolve(declarations, code, memory, evaluator, diagnostics);
        var word = WordWidth.Choose(options, declarations, memory, resolved, evaluator, diagnostics);
        var units = UnitTables.Tabulate(declarations.Units, word, evaluator, diagnostics);
        if (diagnostics.Count > 0) return null;
        return new Program(programName, word, resolved.Instructions, resolved.Memory, memory.Symbols(declarations.Cells.Values), code.Labels,
            declarations.Inputs.Select(i => i.Name).ToList(), declarations.Outputs.Select(o => o.Name).ToList(), resolved.Expectations!, resolved.SourceMap, units: units);
    }
}
