using LoopedComputer.Isa;

namespace LoopedComputer.Assembly;

/// <summary>A parsed line with its place in the source and, inside a macro body, the call that expanded it.</summary>
public sealed record SourceStatement(Line Line, string File, int LineNumber, string Text, string? MacroContext)
{
    public SourceLocation At(int column) => new(File, LineNumber, column, Text);

    public Diagnostic Error(int column, string message) => new(At(column), message, MacroContext);
}
