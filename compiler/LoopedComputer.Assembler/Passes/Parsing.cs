using LoopedComputer.Assembly.Units;
using LoopedComputer.Isa;

namespace LoopedComputer.Assembly.Passes;

/// <summary>The first pass: each line through the grammar (a .func line through the unit grammar), .include lines replaced by the lines of their file.</summary>
static class Parsing
{
    public static List<SourceStatement> ParseLines(string source, string fileName, List<Diagnostic> diagnostics) =>
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
            else if (UnitGrammar.IsDefinition(code))
            {
                if (UnitGrammar.TryParse(code, out var definition, out int at, out string problem))
                    statements.Add(new SourceStatement(new Line([], definition), fileName, i + 1, text, null));
                else
                    diagnostics.Add(new Diagnostic(new SourceLocation(fileName, i + 1, at, text), problem));
            }
            else if (Grammar.TryParseLine(code, out var line, out int column, out string error))
                statements.Add(new SourceStatement(line, fileName, i + 1, text, null));
            else
                diagnostics.Add(new Diagnostic(new SourceLocation(fileName, i + 1, column, text), error));
        }
        return statements;
    }
}
