using System.Text.RegularExpressions;
using LoopedComputer.Isa;

namespace LoopedComputer.Assembly;

/// <summary>The files of one assembly: those being included now (a cycle) and those already included (included once).</summary>
sealed class IncludeState(string rootFile)
{
    public List<string> Stack { get; } = [FullPath(rootFile)];
    public HashSet<string> Done { get; } = [FullPath(rootFile)];

    public static string FullPath(string file) => Path.GetFullPath(file);
}

/// <summary>
/// <c>.include "lib/linalg.lasm"</c>: the lines of another file, resolved relative to the including
/// file's folder. Handled before the grammar because it is the only statement with a string. A file is
/// included once per program (a second include of it is skipped, so two libraries may share a third);
/// including a file that is still being included is a cycle and an error.
/// </summary>
static partial class Include
{
    public sealed record Request(string? Path, int Column, string? Problem);

    [GeneratedRegex(@"^(?<lead>\s*)\.include\b(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Directive();

    [GeneratedRegex(@"^\s*""(?<path>[^""]+)""\s*$")]
    private static partial Regex QuotedPath();

    public static bool TryMatch(string code, out Request request)
    {
        var match = Directive().Match(code);
        request = new Request(null, 0, null);
        if (!match.Success) return false;
        int column = match.Groups["lead"].Length + 1;
        var path = QuotedPath().Match(match.Groups["rest"].Value);
        request = path.Success
            ? new Request(path.Groups["path"].Value, match.Groups["rest"].Index + path.Groups["path"].Index + 1, null)
            : new Request(null, column, "expected .include \"file.lasm\" (a path in double quotes, relative to this file)");
        return true;
    }

    public static IReadOnlyList<SourceStatement> Expand(Request request, SourceLocation at, List<Diagnostic> diagnostics, IncludeState state,
        Func<string, string, List<SourceStatement>> parse)
    {
        if (request.Problem is not null)
        {
            diagnostics.Add(new Diagnostic(at, request.Problem));
            return [];
        }
        string directory = Path.GetDirectoryName(IncludeState.FullPath(at.File)) ?? ".";
        string file = IncludeState.FullPath(Path.Combine(directory, request.Path!));
        if (state.Stack.Contains(file))
        {
            var chain = state.Stack.SkipWhile(f => f != file).Append(file).Select(Path.GetFileName);
            diagnostics.Add(new Diagnostic(at, $"include cycle: {string.Join(" -> ", chain)}; remove one of these includes"));
            return [];
        }
        if (!state.Done.Add(file)) return [];
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(new Diagnostic(at, $"cannot include '{request.Path}': no readable file at {file} (paths are relative to the including file)"));
            return [];
        }
        state.Stack.Add(file);
        var statements = parse(text, file);
        state.Stack.RemoveAt(state.Stack.Count - 1);
        return statements;
    }
}
