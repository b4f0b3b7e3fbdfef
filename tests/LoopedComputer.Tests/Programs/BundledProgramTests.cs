using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Programs;

/// <summary>Every bundled program assembles and meets every expected result it declares.</summary>
public class BundledProgramTests
{
    const long MaxSteps = 10_000_000;

    public static TheoryData<string> Programs => BundledPrograms.All();

    [Fact]
    public void The_paper_programs_and_the_required_examples_are_bundled()
    {
        string[] required =
        [
            "factorial.lasm", "reverse_list.lasm", "linear_search.lasm", "fibonacci.lasm", "gcd.lasm", "multiply.lasm",
            "divide.lasm", "isqrt.lasm", "sum_array.lasm", "bubble_sort.lasm", "sieve.lasm", "call_ret.lasm",
        ];
        Assert.Empty(required.Except(BundledPrograms.Names));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Every_expectation_holds_on_the_interpreter(string name)
    {
        var program = BundledPrograms.Load(name);
        Assert.NotEmpty(program.Expectations);
        Assert.NotEmpty(program.Outputs);
        foreach (var expectation in program.Expectations)
        {
            var outcome = ExpectationRunner.Run(program, expectation, MaxSteps);
            Assert.True(outcome.Passed, $"{name}: {outcome.Describe()}");
        }
    }

    [Fact]
    public void The_paper_programs_run_with_the_official_notebooks_data()
    {
        // factorial(7) = 5040; reversing [-7,-6,-5,-4,3,2,1]; searching that list for 1 finds index 6.
        var factorial = BundledPrograms.Load("factorial.lasm");
        var result = Interpreter.Run(factorial, factorial.MemoryWith([CellAssignment.Parse("n=7")]), MaxSteps);
        Assert.Equal([5040L], factorial.Read(result.Memory, "result").Values);

        var reverse = BundledPrograms.Load("reverse_list.lasm");
        var reversed = Interpreter.Run(reverse, null, MaxSteps);
        Assert.Equal([1L, 2, 3, -4, -5, -6, -7], reverse.Read(reversed.Memory, reverse.Outputs[0]).Values);

        var search = BundledPrograms.Load("linear_search.lasm");
        var found = Interpreter.Run(search, null, MaxSteps);
        Assert.Equal([6L], search.Read(found.Memory, "index").Values);
    }

    [Theory]
    [InlineData("factorial.lasm")]
    [InlineData("reverse_list.lasm")]
    [InlineData("linear_search.lasm")]
    [InlineData("fibonacci.lasm")]
    [InlineData("gcd.lasm")]
    [InlineData("multiply.lasm")]
    [InlineData("divide.lasm")]
    public void SUBLEQ_programs_are_marked_and_use_SUBLEQ_only(string name)
    {
        Assert.True(BundledPrograms.Load(name).IsSubleqOnly);
    }
}
