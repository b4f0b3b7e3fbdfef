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
/// .lasm → <see cref="Program"/>. Passes, in order: parse each line, expand macros, declare
/// constants, cells and labels, expand instructions, lay out memory (data, reserved cells, constant
/// pool, stack), resolve operands, choose the word width and check every value against it.
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
            var statements = ParseLines(source, fileName, diagnostics);
            statements = MacroExpander.Expand(statements, diagnostics);
            var program = new ProgramBuilder(Path.GetFileNameWithoutExtension(fileName), options, diagnostics).Build(statements);
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

    static List<SourceStatement> ParseLines(string source, string fileName, List<Diagnostic> diagnostics) =>
        ParseLines(source, fileName, diagnostics, new IncludeState(fileName));

    static List<SourceStatement> ParseLines(string source, string fileName, List<Diagnostic> diagnostics, IncludeState includes)
    {
        var statements = new List<SourceStatement>();
        var lines = source.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string text = lines[i];
            int comment = text.IndexOf(';');
            string code = comment >= 0 ? text[..comment] : text;
            if (string.IsNullOrWhiteSpace(code)) continue;
            if (Include.TryMatch(code, out var include))
                statements.AddRange(Include.Expand(include, new SourceLocation(fileName, i + 1, include.Column, text), diagnostics, includes,
                    (includedSource, includedFile) => ParseLines(includedSource, includedFile, diagnostics, includes)));
            else if (Grammar.TryParseLine(code, out var line, out int column, out string error))
                statements.Add(new SourceStatement(line, fileName, i + 1, text, null));
            else
                diagnostics.Add(new Diagnostic(new SourceLocation(fileName, i + 1, column, text), error));
        }
        return statements;
    }
}
