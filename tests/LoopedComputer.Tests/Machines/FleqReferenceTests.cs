using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;

namespace LoopedComputer.Tests.Machines;

/// <summary>The FLEQ machine, run by the plain C# forward pass, against the interpreter.</summary>
public class FleqReferenceTests
{
    [Theory]
    [InlineData("multiply_fleq.lasm")]
    [InlineData("call_ret.lasm")]
    [InlineData("sum_array.lasm")]
    public void Program_runs_in_lockstep_with_the_interpreter(string name)
    {
        var program = BundledPrograms.Load(name);
        var layout = FleqLayout.For(program);
        var machine = FleqMachine.Build(layout);
        double lambda = FleqDefinition.Instance.LambdaBound(layout.Columns, layout.WordBits) + Temperature.DefaultMargin;
        var x = layout.Encode(program, program.InitialMemory);
        var interpreter = new Interpreter(program);
        while (!interpreter.Halted)
        {
            var step = interpreter.Step();
            x = ReferenceForward.Loop(machine, x, lambda);
            var state = layout.Decode(x);
            Assert.True(interpreter.Pc == state.Pc, $"step {step.Step} ({step.Instruction}): pc {state.Pc}, expected {interpreter.Pc}");
            Assert.Equal(interpreter.Memory, state.Memory);
        }
    }
}
