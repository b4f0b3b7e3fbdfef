using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

// The namespace is not LoopedComputer.Tests.Assembler: a namespace of that name would hide the
// Assembler class from every other LoopedComputer.Tests.* namespace.

/// <summary>Assembling and running .lasm text in tests.</summary>
static class Lasm
{
    public static AssemblyResult Try(string source, AssemblerOptions? options = null, string file = "test.lasm") =>
        Assembler.Assemble(source, file, options);

    /// <summary>Assembles a program that must be valid; the diagnostics are the failure message otherwise.</summary>
    public static Program Build(string source, AssemblerOptions? options = null)
    {
        var result = Try(source, options);
        Assert.True(result.Succeeded, $"{result.FormatDiagnostics()}\nin:\n{source}");
        Assert.Empty(result.Diagnostics);
        return result.Program!;
    }

    /// <summary>Assembles and runs to the halt.</summary>
    public static Run Execute(string source, AssemblerOptions? options = null) => Execute(Build(source, options));

    /// <summary>Runs <paramref name="program"/> from its initial memory with some cells set first.</summary>
    public static Run Execute(Program program, params (string Cell, long Value)[] set)
    {
        var memory = program.InitialMemory.ToArray();
        foreach (var (cell, value) in set) memory[program.FindCell(cell)!.Address] = value;
        var result = Interpreter.Run(program, memory, 1_000_000);
        Assert.Equal(RunStatus.Halted, result.Status);
        return new Run(program, result);
    }

    /// <summary>The character that marks, in test sources, where a diagnostic's caret must be.</summary>
    public const char Caret = '¦';

    /// <summary>Removes the <see cref="Caret"/> mark and says where it was (1-based line and column).</summary>
    public static (string Source, int Line, int Column) Unmark(string marked)
    {
        int at = marked.IndexOf(Caret);
        Assert.True(at >= 0 && marked.IndexOf(Caret, at + 1) < 0, $"test data: mark the caret once with '{Caret}' in:\n{marked}");
        int lineStart = at == 0 ? 0 : marked.LastIndexOf('\n', at - 1) + 1;
        return (marked.Remove(at, 1), marked[..at].Count(c => c == '\n') + 1, at - lineStart + 1);
    }

    /// <summary>The bundled example program's text (copied next to the test assembly).</summary>
    public static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "programs", name));
}

/// <summary>A finished run: read cells by name.</summary>
sealed record Run(Program Program, RunResult Result)
{
    public long this[string cell] => Program.Read(Result.Memory, cell).Values[0];

    public IReadOnlyList<long> Cells(string cell) => Program.Read(Result.Memory, cell).Values;
}
