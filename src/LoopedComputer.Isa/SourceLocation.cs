namespace LoopedComputer.Isa;

/// <summary>A place in a source file: 1-based line and column, with the line's text.</summary>
public sealed record SourceLocation(string File, int Line, int Column, string LineText)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
