using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

public class ProgramTests
{
    static readonly WordFormat W8 = new(8);

    static Program WithCells() => new("p", W8, [Instruction.Halt(3, 0)], [0, 0, 0, 0],
        cells: [new CellSymbol("n", 0, 1, CellKind.Data), new CellSymbol("list", 1, 2, CellKind.Data), new CellSymbol("__zero", 3, 1, CellKind.Reserved)],
        inputs: ["n", "list"], outputs: ["n"]);

    [Fact]
    public void The_last_instruction_must_be_a_halt()
    {
        var error = Assert.Throws<ArgumentException>(() => new Program("p", W8, [Instruction.Subleq(0, 0, 0), Instruction.Subleq(0, 0, 0)], [0]));
        Assert.Contains("halt", error.Message);
    }

    [Theory]
    [InlineData(2, 0, 0, "a = 2")]
    [InlineData(0, -1, 0, "b = -1")]
    [InlineData(0, 0, 5, "target 5")]
    public void Operands_must_name_existing_cells_and_instructions(int a, int b, int target, string message)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Program("p", W8, [new Instruction(Function.Add, a, b, 0, 0, target), Instruction.Halt(0, 1)], [0, 0]));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Initial_values_must_fit_the_word()
    {
        var error = Assert.Throws<ArgumentException>(() => new Program("p", W8, [Instruction.Halt(0, 0)], [128]));
        Assert.Contains("does not fit", error.Message);
    }

    [Fact]
    public void MemoryWith_sets_declared_inputs_scalars_arrays_and_elements()
    {
        var program = WithCells();
        Assert.Equal([5L, 0, 0, 0], program.MemoryWith([CellAssignment.Parse("n=5")]));
        Assert.Equal([0L, -1, 2, 0], program.MemoryWith([CellAssignment.Parse("list=[-1, 2]")]));
        Assert.Equal([0L, 0, 9, 0], program.MemoryWith([CellAssignment.Parse("list[1]=9")]));
        Assert.Equal([-128L, 0, 0, 0], program.MemoryWith([CellAssignment.Parse("n=-128")]));
    }

    [Theory]
    [InlineData("x=1", "'x' is not an input of p; inputs: n, list")]
    [InlineData("__zero=1", "is not an input")]
    [InlineData("n=128", "128 does not fit the program's 8-bit words (-128..127)")]
    [InlineData("n=[1,2]", "'n' is a single cell; give one value")]
    [InlineData("list=[1,2,3]", "'list' has 2 cells")]
    [InlineData("list[2]=1", "'list' has 2 cells")]
    [InlineData("list[-1]=1", "'list' has 2 cells")]
    public void MemoryWith_refuses_bad_assignments_with_a_message(string text, string message)
    {
        var error = Assert.Throws<InputException>(() => WithCells().MemoryWith([CellAssignment.Parse(text)]));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Reading_cells_and_naming_addresses()
    {
        var program = WithCells();
        long[] memory = [4, 5, 6, 0];
        Assert.Equal([5L, 6], program.Read(memory, "list").Values);
        Assert.Equal("list+1", program.CellName(2));
        Assert.Equal("n", program.CellName(0));
        Assert.Equal("__zero", program.CellName(3));
    }

    [Fact]
    public void Expectations_pass_and_fail_on_the_interpreter()
    {
        // n ← n + n
        var program = new Program("double", W8, [new Instruction(Function.Add, 0, 0, 0, 0, 1), Instruction.Halt(1, 1)], [3, 0],
            cells: [new CellSymbol("n", 0, 1, CellKind.Data)], inputs: ["n"], outputs: ["n"]);
        var good = new Expectation([new NamedValues("n", [4])], [new NamedValues("n", [8])], null);
        var bad = new Expectation([new NamedValues("n", [4])], [new NamedValues("n", [9])], null);
        Assert.True(ExpectationRunner.Run(program, good, 100).Passed);
        var outcome = ExpectationRunner.Run(program, bad, 100);
        Assert.False(outcome.Passed);
        Assert.Contains("expected n=9, got n=8", outcome.Describe());
    }
}

public class WordFormatTests
{
    [Theory]
    [InlineData(2, -2, 1)]
    [InlineData(8, -128, 127)]
    [InlineData(64, long.MinValue, long.MaxValue)]
    public void Range(int bits, long min, long max)
    {
        var w = new WordFormat(bits);
        Assert.Equal((min, max), (w.Min, w.Max));
        Assert.True(w.Fits(min) && w.Fits(max));
        if (bits < 64) Assert.False(w.Fits(max + 1) || w.Fits(min - 1));
    }

    [Fact]
    public void Wrap_and_unsigned()
    {
        var w = new WordFormat(8);
        Assert.Equal(-128, w.Wrap(128));
        Assert.Equal(127, w.Wrap(-129));
        Assert.Equal(0, w.Wrap(256));
        Assert.Equal(255UL, w.Unsigned(-1));
        Assert.Equal(ulong.MaxValue, new WordFormat(64).Unsigned(-1));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(1, 2)]
    [InlineData(-2, 2)]
    [InlineData(127, 8)]
    [InlineData(-128, 8)]
    [InlineData(128, 9)]
    [InlineData(long.MinValue, 64)]
    public void Bits_needed(long value, int bits) => Assert.Equal(bits, WordFormat.BitsNeeded(value));

    [Theory]
    [InlineData(1)]
    [InlineData(65)]
    public void Widths_outside_2_to_64_are_refused(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WordFormat(bits));
}

public class CellAssignmentTests
{
    [Theory]
    [InlineData("n=5", "n", null, new long[] { 5 })]
    [InlineData(" n = -5 ", "n", null, new long[] { -5 })]
    [InlineData("list=[1, -2,3]", "list", null, new long[] { 1, -2, 3 })]
    [InlineData("list=1,2", "list", null, new long[] { 1, 2 })]
    [InlineData("list[3]=0x10", "list", 3, new long[] { 16 })]
    [InlineData("f=0b101", "f", null, new long[] { 5 })]
    [InlineData("m=-9223372036854775808", "m", null, new long[] { long.MinValue })]
    public void Parses(string text, string name, int? index, long[] values)
    {
        var assignment = CellAssignment.Parse(text);
        Assert.Equal((name, index), (assignment.Name, assignment.Index));
        Assert.Equal(values, assignment.Values);
    }

    [Theory]
    [InlineData("n", "expected name=value")]
    [InlineData("=5", "expected name=value")]
    [InlineData("n=abc", "'abc' is not an integer")]
    [InlineData("n=9223372036854775808", "is not an integer")]
    [InlineData("list[x]=1", "whole-number index")]
    [InlineData("9=1", "the cell name is missing")]
    public void Refuses(string text, string message)
    {
        var error = Assert.Throws<InputException>(() => CellAssignment.Parse(text));
        Assert.Contains(message, error.Message);
    }
}
