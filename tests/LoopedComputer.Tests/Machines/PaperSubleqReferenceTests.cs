using LoopedComputer.Machines;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;

namespace LoopedComputer.Tests.Machines;

/// <summary>The whole paper machine, run by the plain C# forward pass, against the interpreter.</summary>
public class PaperSubleqReferenceTests
{
    [Fact]
    public void Factorial_runs_in_lockstep_with_the_interpreter()
    {
        var program = BundledPrograms.Load("factorial.lasm");
        var memory = program.MemoryWith([CellAssignment.Parse("n=3")]);
        var layout = PaperSubleqLayout.For(program);
        var machine = PaperSubleqMachine.Build(layout);
        double lambda = Temperature.SafeBound(layout.Columns, layout.WordBits) + Temperature.DefaultMargin;
        var x = layout.Encode(program, memory);
        var interpreter = new Interpreter(program, memory);
        while (!interpreter.Halted)
        {
            var step = interpreter.Step();
            x = ReferenceForward.Loop(machine, x, lambda);
            var state = layout.Decode(x);
            Assert.True(interpreter.Pc == state.Pc, $"step {step.Step}: pc {state.Pc}, expected {interpreter.Pc}");
            Assert.Equal(interpreter.Memory, state.Memory);
        }
    }
}
