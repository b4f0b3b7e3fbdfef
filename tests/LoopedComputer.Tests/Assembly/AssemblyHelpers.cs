using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Assembly;

static class AssemblyHelpers
{
    public static Program Assemble(string source, AssemblerOptions? options = null)
    {
        var result = Assembler.Assemble(source, "test.lasm", options);
        Assert.True(result.Succeeded, result.FormatDiagnostics());
        return result.Program!;
    }

    /// <summary>Assembles and runs to the halt; returns the program and the final memory.</summary>
    public static (Program Program, long[] Memory) Run(string source)
    {
        var program = Assemble(source);
        var result = Interpreter.Run(program, null, 100_000);
        Assert.Equal(RunStatus.Halted, result.Status);
        return (program, result.Memory);
    }

    public static long Cell(this (Program Program, long[] Memory) run, string name) => run.Program.Read(run.Memory, name).Values[0];
}
