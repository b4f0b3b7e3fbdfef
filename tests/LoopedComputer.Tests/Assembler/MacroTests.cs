namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>User macros: parameters, local names, nesting, labels on calls, definition order.</summary>
public class MacroTests
{
    /// <summary>dst += 3 with a loop over a local counter and a local label.</summary>
    const string Times3 = ".macro times3 dst\n  mov @n, #3\n@loop: inc dst\n  dec @n\n  jgt @n, @loop\n@n: .word 0\n.endm\n";

    [Fact]
    public void Parameters_are_substituted_in_operands_expressions_literals_and_addresses()
    {
        var run = Lasm.Execute(
            ".macro setpair base, v\n  mov base, #v\n  mov base+1, #v * 2\n  mov p, #&base+1\n.endm\n" +
            "pair: .word 0, 0\np: .word 0\n  setpair pair, 3\n");
        Assert.Equal([3L, 6], run.Cells("pair"));
        Assert.Equal(1, run["p"]);
    }

    [Fact]
    public void Arguments_may_be_literals_expressions_and_labels()
    {
        var run = Lasm.Execute(
            ".macro addto d, v\n  add d, v\n.endm\n.macro jzero x, target\n  jeq x, target\n.endm\n" +
            "a: .word 1, 10\nzero: .word 0\n  addto a, #5\n  addto a, a+1\n  jzero zero, skip\n  clr a\nskip: halt\n");
        Assert.Equal(16, run.Cells("a")[0]);
    }

    [Fact]
    public void Local_labels_and_cells_are_private_to_each_expansion()
    {
        var run = Lasm.Execute(Times3 + "x: .word 0\ny: .word 10\n  times3 x\n  times3 y\n  times3 x\n");
        Assert.Equal((6L, 13L), (run["x"], run["y"]));
        Assert.Equal(3, run.Program.Cells.Count(c => c.Name.StartsWith("@n")));
        Assert.Equal(3, run.Program.Labels.Keys.Count(k => k.StartsWith("@loop")));
        Assert.Equal(3, run.Program.Labels.Values.Distinct().Count());
    }

    [Fact]
    public void Macros_call_macros()
    {
        var run = Lasm.Execute(
            Times3 + ".macro times6 v\n  times3 v\n  times3 v\n.endm\n.macro times12 w\n  times6 w\n  times6 w\n.endm\n" +
            ".bits 8\nx: .word 0\n  times12 x\n  times3 x\n");
        Assert.Equal(15, run["x"]);
        Assert.Equal(5, run.Program.Cells.Count(c => c.Name.StartsWith("@n")));
    }

    [Fact]
    public void A_label_on_the_call_line_names_the_first_instruction()
    {
        var run = Lasm.Execute(Times3 + "x: .word 0\nn: .word 2\n  nop\nagain: times3 x\n  dec n\n  jgt n, again\n");
        Assert.Equal(1, run.Program.Labels["again"]);
        Assert.Equal(6, run["x"]);
    }

    [Fact]
    public void A_label_before_the_call_and_on_the_call_both_name_it()
    {
        var program = Lasm.Build(Times3 + "x: .word 0\nfirst:\nsecond: times3 x\n");
        Assert.Equal((0, 0), (program.Labels["first"], program.Labels["second"]));
    }

    [Fact]
    public void Macros_may_be_defined_after_use_and_called_in_any_case()
    {
        var run = Lasm.Execute("a: .word 1\nb: .word 2\n  SWAP a, b\n  Swap a, b\n  swap a, b\n  halt\n" +
                               ".macro swap x, y\n  mov @t, x\n  mov x, y\n  mov y, @t\n@t: .word 0\n.endm\n");
        Assert.Equal((2L, 1L), (run["a"], run["b"]));
    }

    [Fact]
    public void A_macro_without_parameters()
    {
        var run = Lasm.Execute(".macro bump\n  inc counter\n.endm\ncounter: .word 0\n  bump\n  bump\n");
        Assert.Equal(2, run["counter"]);
    }

    [Fact]
    public void A_label_on_endm_ends_the_body()
    {
        // '@done' labels whatever follows the expansion: here the next call, then the final halt.
        var run = Lasm.Execute(".macro skipif x, d\n  jgt x, @done\n  inc d\n@done: .endm\nx: .word 1\nz: .word 0\nd: .word 0\n" +
                               "  skipif x, d\n  skipif z, d\n  skipif z, d\n");
        Assert.Equal(2, run["d"]);
    }

    [Fact]
    public void A_label_on_the_macro_line_labels_what_follows_the_definition()
    {
        var program = Lasm.Build("x: .word 0\n  nop\nhere: .macro m\n  inc x\n.endm\n  inc x\n");
        Assert.Equal(1, program.Labels["here"]);
    }

    [Fact]
    public void Parameters_are_substituted_in_interface_directives()
    {
        var program = Lasm.Build(".macro result cell, value\n.output cell\n.expect => cell=value\n.endm\nr: .word 4\n  result r, 4\n");
        Assert.Equal(["r"], program.Outputs);
        Assert.Equal("r=4", program.Expectations.Single().Outputs.Single().ToString());
    }

    [Fact]
    public void Expanded_instructions_keep_the_body_line_and_name_the_call()
    {
        var program = Lasm.Build(Times3 + "x: .word 0\n  times3 x\n");
        var entry = program.SourceMap[0]!;
        Assert.Equal(2, entry.Location.Line);
        Assert.Equal("mov @n, #3  (in macro 'times3' called at test.lasm:9)", entry.Statement);
    }

    [Fact]
    public void Macros_under_subleq_expand_to_subleq()
    {
        var run = Lasm.Execute(".subleq\n" + Times3 + "x: .word 1\n  times3 x\n");
        Assert.True(run.Program.IsSubleqOnly);
        Assert.Equal(4, run["x"]);
    }
}
