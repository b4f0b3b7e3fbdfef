using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>Constants given by the caller (<see cref="AssemblerOptions.Constants"/>), and .expect inputs shorter than their arrays.</summary>
public class GivenConstantTests
{
    const string Sized = ".const SIZE = 4\n.const LAST = SIZE - 1\nbuf: .space SIZE\nn: .word SIZE\n  mov n, #LAST\n  halt\n.input buf\n.output n\n";

    [Fact]
    public void A_given_constant_replaces_the_declared_value_everywhere_it_is_used()
    {
        var declared = Lasm.Build(Sized, new AssemblerOptions(InstructionSet: InstructionSet.Fleq));
        var given = Lasm.Build(Sized, new AssemblerOptions(InstructionSet: InstructionSet.Fleq, Constants: new Dictionary<string, long> { ["SIZE"] = 40 }));
        Assert.Equal(4, declared.FindCell("buf")!.Length);
        Assert.Equal(40, given.FindCell("buf")!.Length);
        Assert.Equal([40L], given.Read(given.InitialMemory, "n").Values);
        var run = Interpreter.Run(given, null, 10);
        Assert.Equal([39L], given.Read(run.Memory, "n").Values);   // LAST follows SIZE
    }

    [Fact]
    public void A_given_constant_the_program_does_not_declare_is_an_error_with_a_suggestion()
    {
        var result = Assembler.Assemble(Sized, "sized.lasm", new AssemblerOptions(Constants: new Dictionary<string, long> { ["SIZ"] = 8 }));
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("sized.lasm", error.Location.File);
        Assert.Contains("the constant SIZ is given a value, but the program declares no .const SIZ; did you mean 'SIZE'?", error.Message);
    }

    [Fact]
    public void An_expect_input_shorter_than_its_array_sets_the_first_cells()
    {
        var program = Lasm.Build("list: .word 5, 6, 7\nsum: .word 0\n  add sum, list, list+2\n  halt\n.input list\n.output sum\n.expect list=[1] => sum=8\n.expect list=[1, 2, 3] => sum=4\n");
        Assert.Equal([1L], program.Expectations[0].Inputs[0].Values);
        Assert.All(program.Expectations, e => Assert.True(ExpectationRunner.Run(program, e, 100).Passed));
        var longer = Assembler.Assemble("list: .word 5, 6\n.input list\n.output list\n.expect list=[1, 2, 3] => list=[1, 2]\n  halt\n");
        Assert.Contains("'list' has 2 cell(s); 3 value(s) given", Assert.Single(longer.Diagnostics).Message);
    }
}
