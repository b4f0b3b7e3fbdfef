namespace LoopedComputer.Isa;

/// <summary>A place in a source file: 1-based line and column, with the line's text; line 0 is the file as a whole.</summary>
public sealed record SourceLocation(string File, int Line, int Column, string LineText)
{
    /// <summary>True for a problem of the whole file or of the command line, which has no line to point at.</summary>
    public bool IsWholeFile => Line < 1;

    public override string ToString() => IsWholeFile ? File : $"{File}:{Line}:{Column}";
}
