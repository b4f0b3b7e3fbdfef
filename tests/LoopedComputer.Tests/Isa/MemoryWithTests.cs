using LoopedComputer.Isa;
using static LoopedComputer.Tests.Isa.IsaKit;

namespace LoopedComputer.Tests.Isa;

/// <summary><see cref="Program.MemoryWith"/>: setting declared inputs, and the messages for everything else.</summary>
public class MemoryWithTests
{
    // n (cell 0) and list (cells 1..3) are inputs; __zero (4) is reserved; out (5) is an output only.
    static readonly long[] Initial = [1, 0, -1, 1, 0, -2]; // fits every width, 2 bits included

    static Program Inputs(int bits = 8) => new("mw", new WordFormat(bits), [Instruction.Halt(4, 0)], Initial,
        cells: [Data("n", 0), Data("list", 1, 3), new CellSymbol("__zero", 4, 1, CellKind.Reserved), Data("out", 5)],
        inputs: ["n", "list"], outputs: ["out"]);

    static long[] Set(params string[] assignments) => Inputs().MemoryWith(assignments.Select(CellAssignment.Parse));

    static void AssertRefused(Program program, CellAssignment assignment, string message)
    {
        var error = Assert.Throws<InputException>(() => program.MemoryWith([assignment]));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void No_assignments_give_a_copy_of_the_initial_memory()
    {
        var program = Inputs();
        var memory = program.MemoryWith([]);
        Assert.Equal(Initial, memory);
        memory[0] = 99;
        Assert.Equal(Initial, program.InitialMemory);
    }

    [Theory]
    [InlineData("n=5", new long[] { 5, 0, -1, 1, 0, -2 })]
    [InlineData("n=-128", new long[] { -128, 0, -1, 1, 0, -2 })]
    [InlineData("n=127", new long[] { 127, 0, -1, 1, 0, -2 })]
    [InlineData("n[0]=9", new long[] { 9, 0, -1, 1, 0, -2 })]
    [InlineData("list=[-7, 8, 9]", new long[] { 1, -7, 8, 9, 0, -2 })]
    [InlineData("list=7,8,9", new long[] { 1, 7, 8, 9, 0, -2 })]
    [InlineData("list[0]=9", new long[] { 1, 9, -1, 1, 0, -2 })]
    [InlineData("list[2]=9", new long[] { 1, 0, -1, 9, 0, -2 })]     // the last element
    [InlineData("list[1]=7,8", new long[] { 1, 0, 7, 8, 0, -2 })]   // a run from an index to the end
    [InlineData("list[0]=5,6", new long[] { 1, 5, 6, 1, 0, -2 })]   // a prefix is set from index 0
    public void Declared_inputs_are_set_as_scalars_arrays_and_elements(string text, long[] expected) =>
        Assert.Equal(expected, Set(text));

    [Fact]
    public void Assignments_apply_in_order_and_leave_the_program_alone()
    {
        var program = Inputs();
        Assert.Equal([6L, 0, 7, 1, 0, -2], program.MemoryWith(new[] { "n=5", "list[1]=7", "n=6" }.Select(CellAssignment.Parse)));
        Assert.Equal(Initial, program.InitialMemory);
    }

    [Theory]
    [InlineData(2, -2)]
    [InlineData(2, 1)]
    [InlineData(16, short.MinValue)]
    [InlineData(16, short.MaxValue)]
    [InlineData(64, long.MinValue)]
    [InlineData(64, long.MaxValue)]
    public void Values_at_the_ends_of_the_word_are_accepted(int bits, long value) =>
        Assert.Equal(value, Inputs(bits).MemoryWith([new CellAssignment("n", null, [value])])[0]);

    [Theory]
    [InlineData(2, 2, "n: 2 does not fit the program's 2-bit words (-2..1); declare a wider word with .bits or --bits")]
    [InlineData(2, -3, "n: -3 does not fit the program's 2-bit words (-2..1)")]
    [InlineData(8, 128, "n: 128 does not fit the program's 8-bit words (-128..127)")]
    [InlineData(8, -129, "n: -129 does not fit")]
    [InlineData(16, 32768, "n: 32768 does not fit the program's 16-bit words (-32768..32767)")]
    [InlineData(63, 1L << 62, "does not fit the program's 63-bit words")]
    public void Values_that_do_not_fit_the_word_are_refused(int bits, long value, string message) =>
        AssertRefused(Inputs(bits), new CellAssignment("n", null, [value]), message);

    [Theory]
    [InlineData("x=1", "'x' is not an input of mw; inputs: n, list")]
    [InlineData("N=1", "'N' is not an input")]               // names are case-sensitive
    [InlineData("__zero=0", "'__zero' is not an input")]
    [InlineData("out=1", "'out' is not an input")]           // an output is not an input
    [InlineData("n=[1,2]", "'n' is a single cell; give one value")]
    [InlineData("n[1]=5", "'n' has 1 cells; n[1]=5 does not fit")]
    [InlineData("n[-1]=5", "'n' has 1 cells")]
    [InlineData("list=[1,2,3,4]", "'list' has 3 cells; list=[1,2,3,4] gives 4: give all 3, or set some with list[i]=value")]
    [InlineData("list=[5]", "'list' has 3 cells; list=5 gives 1: give all 3, or set some with list[i]=value")]
    [InlineData("list=[5,6]", "'list' has 3 cells; list=[5,6] gives 2")]
    [InlineData("list=7,8", "'list' has 3 cells; list=[7,8] gives 2")]
    [InlineData("list[3]=1", "'list' has 3 cells; list[3]=1 does not fit")]
    [InlineData("list[2]=1,2", "'list' has 3 cells; list[2]=[1,2] does not fit")]
    [InlineData("list[-1]=1", "'list' has 3 cells")]
    [InlineData("list=[1,128,3]", "list: 128 does not fit the program's 8-bit words (-128..127)")]
    [InlineData("list[2147483647]=1", "'list' has 3 cells")] // int.MaxValue + 1 must not wrap past the check
    public void Bad_assignments_are_refused_with_a_message(string text, string message) =>
        AssertRefused(Inputs(), CellAssignment.Parse(text), message);

    [Fact]
    public void A_program_without_inputs_says_so()
    {
        var program = new Program("none", new WordFormat(8), [Instruction.Halt(0, 0)], [0], cells: [Data("n", 0)]);
        AssertRefused(program, CellAssignment.Parse("n=1"), "'n' is not an input of none; this program declares no inputs (.input name)");
    }
}
