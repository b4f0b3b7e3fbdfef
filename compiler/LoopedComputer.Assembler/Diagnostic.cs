using LoopedComputer.Isa;

namespace LoopedComputer.Assembly;

/// <summary>
/// One assembly error: where (file:line:col), what, and, for errors inside a macro body, the call
/// that expanded it.
/// </summary>
public sealed record Diagnostic(SourceLocation Location, string Message, string? Context = null)
{
    /// <summary>
    /// <code>
    /// prog.lasm:12:9: error: unknown label 'lop'; did you mean 'loop'?
    ///    12 |         jmp lop
    ///       |             ^
    /// </code>
    /// </summary>
    public string Format()
    {
        if (Location.IsWholeFile) return ToString();
        string number = Location.Line.ToString();
        string gutter = new(' ', number.Length);
        // One column per character: a tab or '\r' printed as is would move the caret off its token.
        string text = string.Concat(Location.LineText.Select(c => char.IsControl(c) ? ' ' : c));
        string caret = new string(' ', Math.Clamp(Location.Column - 1, 0, text.Length)) + "^";
        string context = Context is null ? "" : $"\n {gutter} = note: {Context}";
        return $"{Location}: error: {Message}\n {number} | {text}\n {gutter} | {caret}{context}";
    }

    public override string ToString() => $"{Location}: error: {Message}";

    /// <summary>Every diagnostic in <see cref="Format"/>'s form, then how many there are.</summary>
    public static string FormatAll(IReadOnlyCollection<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => d.Format())) + $"\n{diagnostics.Count} error{(diagnostics.Count == 1 ? "" : "s")}";
}

/// <summary>Thrown inside the assembler to abandon one statement; the diagnostic is collected.</summary>
sealed class AssemblyError(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;

    public static AssemblyError At(SourceStatement where, int column, string message) => new(where.Error(column, message));
}

static class DiagnosticCollection
{
    /// <summary>
    /// Runs the work of one statement: an <see cref="AssemblyError"/> abandons it, its diagnostic is
    /// collected and the pass goes on with the next statement (so that every error is reported at once).
    /// </summary>
    public static T? Guard<T>(this List<Diagnostic> diagnostics, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (AssemblyError e)
        {
            diagnostics.Add(e.Diagnostic);
            return default;
        }
    }

    public static void Guard(this List<Diagnostic> diagnostics, Action work) => diagnostics.Guard(() => { work(); return 0; });
}
