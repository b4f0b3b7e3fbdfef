using LoopedComputer.Machines;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>The TorchSharp engine computes what the plain C# definition of the transformer computes.</summary>
public class EngineTests
{
    [Fact]
    public void One_loop_on_the_engine_equals_the_reference_forward_pass()
    {
        var program = BundledPrograms.Load("factorial.lasm");
        var machine = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float64);
        using var session = new MachineSession(program, machine, torch.CPU);
        var x = session.Snapshot();
        for (int loop = 0; loop < 3; loop++)
        {
            x = ReferenceForward.Loop(machine.Weights, x, machine.Lambda);
            session.Step();
            var y = session.Snapshot();
            for (int r = 0; r < x.GetLength(0); r++)
                for (int c = 0; c < x.GetLength(1); c++)
                    Assert.True(Math.Abs(x[r, c] - y[r, c]) < 1e-9, $"loop {loop}: row {r} column {c}: {y[r, c]} vs {x[r, c]}");
        }
    }

    [Fact]
    public void Run_counts_loops_exactly_whatever_the_halt_check_interval()
    {
        var program = BundledPrograms.Load("factorial.lasm");
        var memory = program.MemoryWith([CellAssignment.Parse("n=4")]);
        long expected = Interpreter.Run(program, memory, 100_000).Steps;
        var machine = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32);
        using var session = new MachineSession(program, machine, torch.CPU);
        foreach (int interval in new[] { 1, 7, 16, 64 })
        {
            var result = session.Run(memory, 100_000, interval);
            Assert.Equal(RunStatus.Halted, result.Status);
            Assert.Equal(expected, result.Loops);
            Assert.Equal([24L], program.Read(result.Memory, "result").Values);
        }
    }

    [Fact]
    public void Run_stops_at_the_loop_limit()
    {
        var program = BundledPrograms.Load("factorial.lasm");
        var machine = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32);
        using var session = new MachineSession(program, machine, torch.CPU);
        var result = session.Run(program.InitialMemory, 10);
        Assert.Equal(RunStatus.StepLimit, result.Status);
        Assert.Equal(10, result.Loops);
        var reference = Interpreter.Run(program, null, 10);
        Assert.Equal(reference.Memory, result.Memory);
        Assert.Equal(reference.Pc, result.Pc);
    }

    [Fact]
    public void A_program_that_starts_on_its_halt_takes_zero_loops()
    {
        var program = new Program("halt", new WordFormat(4), [Instruction.Halt(0, 0)], [0]);
        var machine = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32);
        using var session = new MachineSession(program, machine, torch.CPU);
        var result = session.Run(program.InitialMemory, 100);
        Assert.Equal((RunStatus.Halted, 0L), (result.Status, result.Loops));
    }
}
