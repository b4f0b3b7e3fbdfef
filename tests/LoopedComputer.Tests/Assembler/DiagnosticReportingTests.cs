using LoopedComputer.Assembly;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>How errors are reported: all of them, in order, formatted with a caret, with a note for macros.</summary>
public class DiagnosticReportingTests
{
    [Fact]
    public void Every_bad_line_is_reported_once_in_order()
    {
        string source = string.Join("\n",
            ".bits 8",                 // 1
            "x: .word 0",              // 2
            "big: .word 300",          // 3  out of range
            "  jmp nowhere",           // 4  unknown label
            "  frob x",                // 5  unknown instruction
            "  inc y",                 // 6  unknown cell
            "  mov x",                 // 7  operand count
            "  mov x, , x",            // 8  syntax
            ".wrod 1",                 // 9  unknown directive
            "x: halt",                 // 10 duplicate
            "  inc 99",                // 11 no such cell
            ".input zz",               // 12 not a cell
            "  mov x, #(1 + 2",        // 13 syntax
            "  fleq ad, x, x, x, x, 0", // 14 unknown function
            "  halt");
        var result = Lasm.Try(source);
        Assert.Null(result.Program);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], result.Diagnostics.Select(d => d.Location.Line));
        Assert.EndsWith("\n12 errors", result.FormatDiagnostics());
    }

    [Fact]
    public void Diagnostics_on_one_line_are_ordered_by_column()
    {
        // The bad address is met when memory is filled, the too-large value later, when the width is checked.
        var result = Lasm.Try(".bits 8\nx: .word 300, &nowhere\n");
        Assert.Equal([(2, 10), (2, 15)], result.Diagnostics.Select(d => (d.Location.Line, d.Location.Column)));
    }

    public static TheoryData<string, string> Formatted => new()
    {
        // source with '¦' at the caret, the message
        { "loop: halt\n  jmp ¦lop ; go\n", "unknown label 'lop'; did you mean 'loop'?" },
        { "loop: halt\n\tjmp ¦lop\n", "unknown label 'lop'; did you mean 'loop'?" },
        { "x: .word 0\n\t\tmov x, ¦, x\n", "unexpected ','; expected an operand" },
        { "x: .word 0\n  mov x,¦\n", "unexpected end of line; expected an operand" },
        { "¦.wrod 5\n", "unknown directive '.wrod'; did you mean '.word'?" },
        { "\n\n\n\n\n\n\n\n\nx: .word 0\n  inc ¦zz\n", "unknown cell 'zz'" },   // a two-digit line number
        { "x: .word 0\r\n  inc ¦zz\r\n", "unknown cell 'zz'" },
    };

    [Theory]
    [MemberData(nameof(Formatted))]
    public void Format_shows_the_line_and_a_caret_under_the_column(string marked, string message)
    {
        var (source, line, column) = Lasm.Unmark(marked);
        var diagnostic = Assert.Single(Lasm.Try(source, file: "p.lasm").Diagnostics);
        string[] lines = diagnostic.Format().Split('\n');
        string text = source.Replace("\r\n", "\n").Split('\n')[line - 1];
        string gutter = new(' ', line.ToString().Length);

        Assert.Equal(3, lines.Length);
        Assert.Equal($"p.lasm:{line}:{column}: error: {message}", lines[0]);
        Assert.Equal($" {line} | {text.Replace('\t', ' ')}", lines[1]);
        Assert.Equal($" {gutter} | {new string(' ', column - 1)}^", lines[2]);
        Assert.Equal($"p.lasm:{line}:{column}: error: {message}", diagnostic.ToString());
    }

    [Fact]
    public void Control_characters_in_the_line_do_not_move_the_caret()
    {
        var diagnostic = Assert.Single(Lasm.Try("x:\r\v.word 0\n\f inc\rzz\n").Diagnostics);
        Assert.Equal((2, 7), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal("   |       ^", diagnostic.Format().Split('\n')[2]);
        Assert.DoesNotContain('\r', diagnostic.Format());
    }

    const string Bump = ".macro bump a\n  inc a\n  inc b\n.endm\n";

    [Fact]
    public void Errors_inside_a_macro_point_at_the_body_and_name_each_call()
    {
        var result = Lasm.Try(Bump + "b: .word 0\n  bump x\n  bump b\n  bump y\n", file: "m.lasm");
        // 'x' and 'y' are bad arguments: reported at the parameter in the body, once per call.
        Assert.Equal(
            [
                (2, 7, "unknown cell 'x'", "in macro 'bump' called at m.lasm:6"),
                (2, 7, "unknown cell 'y'", "in macro 'bump' called at m.lasm:8"),
            ],
            result.Diagnostics.Select(d => (d.Location.Line, d.Location.Column, d.Message.Split(';')[0], d.Context)));
        Assert.All(result.Diagnostics, d => Assert.Equal("  inc a", d.Location.LineText));
        Assert.EndsWith("\n   = note: in macro 'bump' called at m.lasm:8", result.Diagnostics[1].Format());
    }

    [Fact]
    public void An_error_in_the_body_is_reported_for_each_call()
    {
        // 'b' is unknown in the body; the arguments are fine (a #literal would be refused as inc's destination).
        var result = Lasm.Try(Bump + "  bump c\n  bump c\nc: .word 0\n", file: "m.lasm");
        Assert.Equal([("in macro 'bump' called at m.lasm:5", 3, 7), ("in macro 'bump' called at m.lasm:6", 3, 7)],
            result.Diagnostics.Select(d => (d.Context, d.Location.Line, d.Location.Column)));
    }

    [Fact]
    public void An_error_in_a_nested_macro_names_the_innermost_call()
    {
        var result = Lasm.Try(".macro outer v\n  inner v\n.endm\n.macro inner w\n  inc w\n  jmp nowhere\n.endm\nx: .word 0\n  outer x\n", file: "n.lasm");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((6, 7), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal("in macro 'inner' called at n.lasm:2", diagnostic.Context);
    }

    [Fact]
    public void A_label_on_a_macro_call_is_reported_at_the_call()
    {
        var result = Lasm.Try(Bump + "b: .word 0\nb: bump b\n", file: "m.lasm");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((6, 1, "b: bump b"), (diagnostic.Location.Line, diagnostic.Location.Column, diagnostic.Location.LineText));
        Assert.Contains("duplicate name 'b': already defined as a cell at line 5", diagnostic.Message);
        Assert.Null(diagnostic.Context);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(65)]
    [InlineData(-8)]
    public void A_bits_override_out_of_range_is_a_diagnostic(int bits)
    {
        var result = Lasm.Try("x: .word 1\n", new AssemblerOptions(WordBits: bits));
        Assert.Null(result.Program);
        Assert.Equal($"--bits must be 2..64; got {bits}", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void Errors_met_by_several_passes_are_reported_once()
    {
        // The literal is read by two fields of the FLEQ mov and by the pool; the constant at three uses.
        var result = Lasm.Try(".const A = zz\nx: .word A, A\n  mov x, #nope\n  add x, #A\n");
        Assert.Equal([(1, 12), (3, 11)], result.Diagnostics.Select(d => (d.Location.Line, d.Location.Column)));
    }

    [Fact]
    public void A_problem_of_the_whole_file_or_the_command_line_has_no_line_zero_location()
    {
        var unreadable = Assembler.AssembleFile(Path.Combine(Path.GetTempPath(), $"looped-missing-{Guid.NewGuid():N}.lasm"));
        var diagnostic = Assert.Single(unreadable.Diagnostics);
        Assert.DoesNotContain(":0:0", diagnostic.Format());
        Assert.StartsWith($"{diagnostic.Location.File}: error: cannot read the file", diagnostic.Format());
        var bits = Assert.Single(Assembler.Assemble("halt\n", "p.lasm", new AssemblerOptions(WordBits: 99)).Diagnostics);
        Assert.Equal("p.lasm: error: --bits must be 2..64; got 99", bits.Format());
    }
}
