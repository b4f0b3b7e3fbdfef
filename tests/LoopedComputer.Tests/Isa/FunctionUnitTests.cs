using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary>A function unit's meaning is its table: the interpreter applies exactly the table the program carries.</summary>
public class FunctionUnitTests
{
    static readonly WordFormat Word4 = new(4);

    /// <summary>square(x) = x·x wrapped to 4 bits, written out by hand for x = −8..7.</summary>
    static readonly long[] Squares = [0, 1, 4, -7, 0, -7, 4, 1, 0, 1, 4, -7, 0, -7, 4, 1];

    static FunctionUnit Square => new("square", 1, Word4, Squares);

    [Fact]
    public void A_unit_opcode_follows_the_built_in_functions()
    {
        Assert.Equal(12, FunctionNames.BuiltInCount);
        Assert.Equal(12, (int)FunctionNames.Unit(0));
        Assert.True(FunctionNames.Unit(3).IsUnit());
        Assert.Equal(3, FunctionNames.Unit(3).UnitIndex());
        Assert.False(Function.Jmp.IsUnit());
        Assert.Equal("unit1", FunctionNames.Unit(1).Mnemonic());
    }

    [Theory]
    [InlineData(3L, -7L)]
    [InlineData(-8L, 0L)]
    [InlineData(-3L, -7L)]
    [InlineData(7L, 1L)]
    [InlineData(2L, 4L)]
    public void The_interpreter_writes_the_table_value_and_branches_on_it(long x, long expected)
    {
        // mem[2] ← square(mem[0]); branch to the halt if it is ≤ 0.
        var program = new Program("sq", Word4, [new Instruction(FunctionNames.Unit(0), 0, 1, 2, 2, 2), Instruction.Subleq(3, 3, 2), Instruction.Halt(3, 2)],
            [x, 5, 0, 0], units: [Square]);
        var memory = program.InitialMemory.ToArray();
        int next = Semantics.Execute(program, memory, 0, out var write);
        Assert.Equal(expected, memory[2]);
        Assert.Equal(new CellWrite(2, 0, expected), write);
        Assert.Equal(expected <= 0 ? 2 : 1, next);
        Assert.Equal("fleq square, 0, 1, 2, 2, 2", program.Describe(0));
    }

    [Fact]
    public void A_two_argument_unit_indexes_its_table_by_x_then_y()
    {
        var word = new WordFormat(2);
        // f(x, y) = x for x, y in −2..1, except f(1, −2) = −1; index = (x + 2)·4 + (y + 2).
        long[] table = [-2, -2, -2, -2, -1, -1, -1, -1, 0, 0, 0, 0, -1, 1, 1, 1];
        var unit = new FunctionUnit("f", 2, word, table);
        Assert.Equal(-1, unit.Apply(1, -2));
        Assert.Equal(1, unit.Apply(1, -1));
        Assert.Equal(-2, unit.Apply(-2, 1));
        Assert.Equal((1L, -2L), unit.InputAt(12));
    }

    [Fact]
    public void A_program_refuses_an_opcode_naming_a_unit_it_does_not_have()
    {
        var e = Assert.Throws<ArgumentException>(() => new Program("bad", Word4, [new Instruction(FunctionNames.Unit(1), 0, 0, 0, 0, 1), Instruction.Halt(0, 1)], [0], units: [Square]));
        Assert.Contains("neither built in nor one of the program's 1 unit", e.Message);
    }

    [Fact]
    public void A_unit_refuses_a_table_of_the_wrong_size_or_width()
    {
        Assert.Contains("need 16", Assert.Throws<ArgumentException>(() => new FunctionUnit("f", 1, Word4, new long[15])).Message);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => new FunctionUnit("f", 1, Word4, Enumerable.Repeat(8L, 16).ToArray())).Message);
        Assert.Contains("at most 8 bits", Assert.Throws<ArgumentException>(() => new FunctionUnit("f", 2, new WordFormat(9), [])).Message);
        Assert.Contains("at most 20 bits", Assert.Throws<ArgumentException>(() => new FunctionUnit("f", 1, new WordFormat(21), [])).Message);
    }
}
