using LoopedComputer.Isa;
using static LoopedComputer.Tests.Isa.IsaKit;

namespace LoopedComputer.Tests.Isa;

/// <summary><see cref="ExpectationRunner"/>: a declared case passes only when the program halts with the expected outputs.</summary>
public class ExpectationRunnerTests
{
    const int One = 5;

    // r ← n + n; s ← list[0] + list[1]; halt. Two steps.
    static readonly Program Adder = new("adder", new WordFormat(8),
        [new Instruction(Function.Add, 0, 0, 3, One, 0), new Instruction(Function.Add, 1, 2, 4, One, 0), Instruction.Halt(6, 2)],
        [3, 1, 2, 0, 0, 1, 0],
        cells: [Data("n", 0), Data("list", 1, 2), Data("r", 3), Data("s", 4)],
        inputs: ["n", "list"], outputs: ["r", "s"]);

    static NamedValues V(string name, params long[] values) => new(name, values);

    static ExpectationOutcome Check(NamedValues[] inputs, NamedValues[] outputs, long maxSteps = 100) =>
        ExpectationRunner.Run(Adder, new Expectation(inputs, outputs, null), maxSteps);

    [Fact]
    public void A_case_with_the_default_inputs_passes()
    {
        var outcome = Check([], [V("r", 6), V("s", 3)]);
        Assert.True(outcome.Passed);
        Assert.Empty(outcome.Mismatches);
        Assert.Equal((RunStatus.Halted, 2L), (outcome.Result.Status, outcome.Result.Steps));
        Assert.Equal("ok   (defaults) => r=6, s=3  (2 steps)", outcome.Describe());
    }

    [Fact]
    public void Inputs_are_set_before_the_run()
    {
        var outcome = Check([V("n", 4), V("list", 10, 20)], [V("r", 8), V("s", 30), V("list", 10, 20)]);
        Assert.True(outcome.Passed);
        Assert.Equal("ok   n=4, list=[10, 20] => r=8, s=30, list=[10, 20]  (2 steps)", outcome.Describe());
    }

    [Fact]
    public void Outputs_are_compared_as_wrapped_words() =>
        Assert.True(Check([V("n", 100), V("list", 127, 1)], [V("r", -56), V("s", -128)]).Passed);

    [Fact]
    public void A_wrong_output_fails_and_names_what_was_expected_and_what_came()
    {
        var outcome = Check([V("n", 4)], [V("r", 9), V("s", 3)]);
        Assert.False(outcome.Passed);
        Assert.Equal(RunStatus.Halted, outcome.Result.Status);
        var mismatch = Assert.Single(outcome.Mismatches);
        Assert.Equal(("r", "r"), (mismatch.Expected.Name, mismatch.Actual.Name));
        Assert.Equal([9L], mismatch.Expected.Values);
        Assert.Equal([8L], mismatch.Actual.Values);
        Assert.Equal("FAIL n=4: expected r=9, got r=8", outcome.Describe());
    }

    [Fact]
    public void Every_wrong_output_is_listed()
    {
        var outcome = Check([], [V("r", 0), V("s", 3), V("list", 2, 1)]);
        Assert.Equal(["r", "list"], outcome.Mismatches.Select(m => m.Expected.Name));
        Assert.Equal("FAIL (defaults): expected r=0, got r=6; expected list=[2, 1], got list=[1, 2]", outcome.Describe());
    }

    [Fact]
    public void A_case_that_does_not_halt_fails_even_if_the_outputs_match()
    {
        // mem[1] ← mem[1] − mem[0] = −1, −2, …, back to itself every time: a loop, not a fixed point.
        var spin = new Program("spin", new WordFormat(8), [Instruction.Subleq(0, 1, 0), Instruction.Subleq(2, 2, 1)], [1, 0, 0],
            cells: [Data("x", 1)], outputs: ["x"]);
        var outcome = ExpectationRunner.Run(spin, new Expectation([], [V("x", -5)], null), 5);
        Assert.Empty(outcome.Mismatches);
        Assert.False(outcome.Passed);
        Assert.Equal((RunStatus.StepLimit, 5L), (outcome.Result.Status, outcome.Result.Steps));
        Assert.Equal("FAIL (defaults): did not halt within 5 steps", outcome.Describe());
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void The_step_limit_counts_instructions_not_the_halt(long maxSteps, bool passed) =>
        Assert.Equal(passed, Check([], [V("r", 6)], maxSteps).Passed);

    [Fact]
    public void Inputs_that_are_not_declared_are_refused()
    {
        Assert.Throws<InputException>(() => Check([V("r", 1)], [V("r", 2)]));
        Assert.Throws<InputException>(() => Check([V("n", 1, 2)], [V("r", 2)]));
        Assert.Throws<InputException>(() => Check([V("n", 128)], [V("r", 0)]));
    }

    [Fact]
    public void An_output_that_names_no_cell_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => Check([], [V("q", 1)]));
        Assert.Contains("no cell named 'q'", error.Message);
    }
}
