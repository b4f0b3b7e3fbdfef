using System.Text.RegularExpressions;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;

namespace LoopedComputer.Tests.Cli;

/// <summary>`looped trace`: one line per loop, with the interpreter's writes beside the transformer's.</summary>
public class TraceCommandTests
{
    [Fact]
    public void Trace_prints_the_requested_loops_with_the_interpreters_writes()
    {
        var run = LoopedProcess.Run("trace", LoopedProcess.Program("factorial.lasm"), "--set", "n=3", "--from", "3", "--to", "9", "--mixer", "linear");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n').Where(l => Regex.IsMatch(l, @"^\s+\d+\s+pc\s")).ToList();
        Assert.Equal(7, lines.Count);
        var program = BundledPrograms.Load("factorial.lasm");
        var steps = new List<TraceStep>();
        Interpreter.Run(program, program.MemoryWith([CellAssignment.Parse("n=3")]), 9, steps.Add);
        foreach (var (line, step) in lines.Zip(steps.Skip(2)))
        {
            Assert.Matches($@"^\s+{step.Step}\s+pc\s+{step.Pc}\s", line);
            Assert.Contains($"line {program.SourceMap[step.Pc]!.Location.Line}:", line);
            string write = step.Write is { } w && w.Old != w.New ? $"{program.CellName(w.Address)}: {w.Old} -> {w.New}" : "no write";
            Assert.Contains($"interpreter: {write}; pc -> {step.NextPc}", line);
            Assert.Contains("transformer: same", line);
        }
        Assert.Contains("matched the interpreter", run.Out);
    }

    [Fact]
    public void Trace_to_the_halt_counts_the_interpreters_steps()
    {
        var run = LoopedProcess.Run("trace", LoopedProcess.Program("gcd.lasm"), "--mixer", "linear");
        var program = BundledPrograms.Load("gcd.lasm");
        var reference = Interpreter.Run(program, program.InitialMemory.ToArray(), 100_000);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"halted after {reference.Steps:N0} loops", run.Out);
    }

    [Fact]
    public void Trace_refuses_an_empty_range()
    {
        var run = LoopedProcess.Run("trace", LoopedProcess.Program("factorial.lasm"), "--from", "5", "--to", "2");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--from 5 --to 2", run.Error);
    }
}
