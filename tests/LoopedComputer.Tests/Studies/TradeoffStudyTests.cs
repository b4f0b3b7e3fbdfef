using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Studies;

namespace LoopedComputer.Tests.Studies;

/// <summary>The loops-against-capacity study's function-unit trade: its rows against the interpreter and the compiler run here.</summary>
public class TradeoffStudyTests
{
    [Fact]
    public void The_function_unit_trade_gives_each_programs_interpreter_loops_and_its_compiled_machines_size()
    {
        var points = TradeoffStudy.UnitTrade(new StudyRun().Context);
        // Quick mode: both functions at N = 8, each as a subroutine and as a unit.
        Assert.Equal(["isqrt as a subroutine", "isqrt as a unit", "popcount as a subroutine", "popcount as a unit"], points.Select(p => p.Variant).Order().ToArray());
        foreach (var point in points)
        {
            var row = TradeoffStudy.Header.Zip(TradeoffStudy.Row(point)).ToDictionary(f => f.First, f => f.Second);
            Assert.Equal(TradeoffStudy.UnitTask, row["task"]);
            Assert.Equal("8", row["word_bits"]);
            Assert.Equal("8", row["operand_bits"]);
            Assert.Equal("interpreter", row["ran_on"]);
            Assert.Equal("", row["transformer_loops"]);

            var run = Interpreter.Run(point.Program, null, 1_000_000);
            Assert.Equal(RunStatus.Halted, run.Status);
            Assert.Equal(run.Steps.ToString(), row["loops"]);
            // The program computes its function: ⌊√127⌋ = 11 for the largest 8-bit word, and 8 bits set in −1.
            long expected = point.Variant.StartsWith("isqrt") ? (long)Math.Floor(Math.Sqrt(127)) : 8;
            Assert.Equal(expected, point.Program.Read(run.Memory, "r").Values[0]);

            var machine = MachineCatalog.Compile(point.Program, MachineCatalog.Default, null);
            Assert.Equal(machine.Definition.Name, row["machine"]);
            Assert.Equal(machine.Layout.Columns.ToString(), row["columns"]);
            Assert.Equal(machine.Layout.Rows.ToString(), row["rows_d"]);
            Assert.Equal(machine.Weights.ParameterCount.ToString(), row["parameters"]);
            Assert.Equal(point.Program.Instructions.Count.ToString(), row["instructions"]);
        }
        // The trade: a unit computes in one loop what its subroutine loops over, at least once per bit or root step.
        foreach (string function in new[] { "isqrt", "popcount" })
        {
            Assert.Equal(1, points.Single(p => p.Variant == $"{function} as a unit").Loops);
            Assert.True(points.Single(p => p.Variant == $"{function} as a subroutine").Loops > 11);
        }
    }
}
