using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>What the parser accepts: labels, numbers, expressions, literals, comments, case and directives.</summary>
public class GrammarTests
{
    /// <summary>The initial value of cell <c>v</c> after <c>v: .word expression</c>, in 64-bit words.</summary>
    static long ValueOf(string expression, string prelude = "") =>
        Lasm.Build($".bits 64\n{prelude}v: .word {expression}\n").InitialMemory[0];

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("0x2A", 42L)]
    [InlineData("0X2a", 42L)]
    [InlineData("-0x10", -16L)]
    [InlineData("0b101010", 42L)]
    [InlineData("0B11", 3L)]
    [InlineData("1_000", 1000L)]
    [InlineData("1_000_000", 1_000_000L)]
    [InlineData("0xFF_FF", 65535L)]
    [InlineData("0b1010_1010", 170L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("-0x8000000000000000", long.MinValue)]
    public void Numbers_in_every_notation(string text, long value) => Assert.Equal(value, ValueOf(text));

    [Theory]
    [InlineData("1 + 2 * 3", 7L)]          // * binds tighter
    [InlineData("(1 + 2) * 3", 9L)]
    [InlineData("10 - 2 - 3", 5L)]         // left to right
    [InlineData("2 * -3", -6L)]
    [InlineData("-(4 - 9)", 5L)]
    [InlineData("--5", 5L)]
    [InlineData("((((7))))", 7L)]
    [InlineData("K", 3L)]
    [InlineData("K * 2 + 1", 7L)]
    [InlineData("L", 7L)]                  // a constant defined from another constant
    [InlineData("-(K - 5)", 2L)]
    [InlineData("LATER + 1", 101L)]        // constants may be used before their definition
    [InlineData("0x10 + 0b11 + 1_0", 29L)]
    [InlineData("-9223372036854775807 - 1", long.MinValue)]
    public void Expressions_over_numbers_and_constants(string expression, long value) =>
        Assert.Equal(value, ValueOf(expression, ".const K = 3\n.const L = K * 2 + 1\n.const LATER = 100\n"));

    [Fact]
    public void Addresses_of_cells_and_code_labels_are_values()
    {
        var program = Lasm.Build("a: .word 1\narr: .space 3\nptrs: .word &arr, &arr+2, &ptrs, &start, &end, &start+1\nstart: nop\n  nop\nend: halt\n");
        Assert.Equal([1L, 3, 4, 0, 2, 1], program.Read(program.InitialMemory, "ptrs").Values);
    }

    [Fact]
    public void Name_plus_k_addresses_an_array_element_and_constants_may_be_addresses()
    {
        var run = Lasm.Execute(".const THIRD = 2\narr: .word 10, 20, 30, 40\n  inc arr+3\n  dec arr + 1\n  clr THIRD\n  mov arr, arr+3\n");
        Assert.Equal([41L, 19, 0, 41], run.Cells("arr"));
    }

    [Fact]
    public void A_constant_may_hold_the_index_of_a_later_code_label()
    {
        // The SUBLEQ 'sub' compares its operands while labels are still being placed; ENTRY must not
        // be spoiled by that early look.
        var run = Lasm.Execute(".subleq\n.const ENTRY = &entry\nm: .space 12, 5\nv: .word ENTRY\n  sub ENTRY, m\n  jmp ENTRY\nentry: halt\n");
        int entry = run.Program.Labels["entry"];
        Assert.Equal(entry, run["v"]);
        Assert.Equal(0, run.Cells("m")[entry]);        // cell ENTRY is m+ENTRY: 5 - 5
    }

    [Theory]
    [InlineData("#5", 5L)]
    [InlineData("#-1", -1L)]
    [InlineData("# 7", 7L)]
    [InlineData("#K", 3L)]
    [InlineData("#(K * 4 - 1)", 11L)]
    [InlineData("#&arr", 1L)]
    [InlineData("#&arr+2", 3L)]
    [InlineData("#0x1F", 31L)]
    public void Literals_are_pool_cells_holding_a_value(string literal, long value)
    {
        var run = Lasm.Execute($".bits 8\n.const K = 3\nd: .word 0\narr: .space 3\n  mov d, {literal}\n  halt\n");
        Assert.Equal(value, run["d"]);
        Assert.Contains(run.Program.Cells, c => c.Kind == CellKind.Pool && run.Program.InitialMemory[c.Address] == value);
    }

    [Theory]
    [InlineData("a: b: c: nop\n  halt\n", new[] { "a", "b", "c" }, new[] { 0, 0, 0 })]
    [InlineData("a:\nb:\n\n  nop\nc:  halt\n", new[] { "a", "b", "c" }, new[] { 0, 0, 1 })]
    [InlineData("a:nop\nb:\thalt\n", new[] { "a", "b" }, new[] { 0, 1 })]
    [InlineData("x: .word 0\na: ; a comment after a label\n  .const K = 1\n  inc x\n", new[] { "a" }, new[] { 0 })]
    [InlineData("  nop\n  nop\nlast:\n", new[] { "last" }, new[] { 2 })] // names the appended halt
    public void Code_labels_several_per_line_or_on_their_own_line(string source, string[] names, int[] indices)
    {
        var program = Lasm.Build(source);
        Assert.Equal(indices, names.Select(n => program.Labels[n]));
    }

    [Fact]
    public void Labels_before_data_name_cells_even_on_an_earlier_line()
    {
        var program = Lasm.Build("first: second:\n  .word 1, 2\nthird:\n\n; comment\n  .space 2\n  halt\n");
        Assert.Equal((0, 2), (program.FindCell("first")!.Address, program.FindCell("first")!.Length));
        Assert.Equal(0, program.FindCell("second")!.Address);
        Assert.Equal((2, 2), (program.FindCell("third")!.Address, program.FindCell("third")!.Length));
        Assert.Empty(program.Labels);
    }

    [Fact]
    public void Comments_blank_lines_tabs_and_line_endings_are_ignored()
    {
        string source = "; header ; with ; semicolons, .word 99 and labels: x:\r\n" +
                        "\r\n" +
                        "   \t  \r\n" +
                        "x:\t.word\t5\t; x = 5 ; still a comment\r\n" +
                        "\t\tinc x ;; inc\r\n" +
                        ";\r\n" +
                        "  halt";
        var run = Lasm.Execute(source);
        Assert.Equal(6, run["x"]);
        Assert.Equal(2, run.Program.Instructions.Count);
        Assert.Equal(5, run.Program.SourceMap[0]!.Location.Line);
    }

    [Fact]
    public void Mnemonics_and_directives_ignore_case_but_names_do_not()
    {
        var run = Lasm.Execute(".BITS 8\n.Const K = 2\nx: .WORD 1\nX: .Space 1, 7\n  MOV x, #K\n  Inc X\n  jMp done\n  INC x\ndone: HALT\n");
        Assert.Equal(8, run.Program.Word.Bits);
        Assert.Equal((2L, 8L), (run["x"], run["X"]));
        Assert.True(Lasm.Build(".SubLeq\nx: .word 1\n  Mov x, x\n").IsSubleqOnly);
    }

    [Fact]
    public void Word_and_space_declare_runs_of_cells()
    {
        var program = Lasm.Build("a: .word 1, -2, 0x3\nb: .space 4\nc: .space 2, -1\nd: .space 1 + 1, 2 * 3\n");
        long[] memory = program.InitialMemory.ToArray();
        Assert.Equal([1L, -2, 3, 0, 0, 0, 0, -1, -1, 6, 6], memory[..11]);
        Assert.Equal([3, 4, 2, 2], new[] { "a", "b", "c", "d" }.Select(n => program.FindCell(n)!.Length));
    }

    [Fact]
    public void Interface_directives_are_read()
    {
        var program = Lasm.Build(
            "n: .word 1\nlist: .word 0, 0, 0\nr: .word 0\n.input n, list\n.output r\n.output list\n" +
            ".expect n=2, list=[1, -2, 0x3] => r=3, list=[3, 2, 1]\n.expect => r = 0\n  halt\n");
        Assert.Equal(["n", "list"], program.Inputs);
        Assert.Equal(["r", "list"], program.Outputs);
        Assert.Equal(2, program.Expectations.Count);
        var first = program.Expectations[0];
        Assert.Equal(["n=2", "list=[1, -2, 3]"], first.Inputs.Select(v => v.ToString()));
        Assert.Equal(["r=3", "list=[3, 2, 1]"], first.Outputs.Select(v => v.ToString()));
        Assert.Equal((7, 1), (first.Location!.Line, first.Location.Column));
        Assert.Empty(program.Expectations[1].Inputs);
    }

    [Fact]
    public void Stack_directive_sizes_the_call_stack()
    {
        var program = Lasm.Build(".stack 5\n  call f\n  halt\nf: ret\n");
        Assert.Equal(5, program.FindCell("__stack")!.Length);
        Assert.Equal(program.MemorySize, program.FindCell("__stack")!.Address + 5);
    }

    [Theory]
    [InlineData("x: .word 1 \f\n")]          // a form feed or a lone '\r' is whitespace too
    [InlineData("x: .word 1\r\n  halt\r")]
    [InlineData("x:\u00a0.word 1\n")]
    public void Any_whitespace_separates_tokens(string source) => Assert.Equal(1, Lasm.Build(source).InitialMemory[0]);

    [Fact]
    public void An_empty_or_comment_only_file_is_a_program_that_halts()
    {
        foreach (string source in new[] { "", "\n\n", "; nothing\n   ; at all\n" })
        {
            var program = Lasm.Build(source);
            Assert.Single(program.Instructions);
            Assert.True(program.Instructions[0].IsHaltAt(0));
        }
    }
}
