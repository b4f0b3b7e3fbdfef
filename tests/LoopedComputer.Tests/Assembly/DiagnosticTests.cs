using LoopedComputer.Assembly;

namespace LoopedComputer.Tests.Assembly;

/// <summary>
/// Malformed programs and the diagnostic each must produce. The expected column is where
/// <c>at</c> first occurs on the reported line, so each case reads as "the caret under this".
/// </summary>
public class DiagnosticTests
{
    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        // name, source, line, caret at, message
        { "unknown label", "loop: halt\n  jmp lop\n", 2, "lop", "unknown label 'lop'; did you mean 'loop'?" },
        { "unknown cell", "count: .word 0\n  inc cont\n", 2, "cont", "unknown cell 'cont'; did you mean 'count'?" },
        { "unknown name without a near one", "  inc zzzzzz\n", 1, "zzzzzz", "unknown cell 'zzzzzz'" },
        { "duplicate label", "a: nop\na: halt\n", 2, "a:", "duplicate name 'a': already defined as a label at line 1" },
        { "duplicate across kinds", "x: .word 1\nx: halt\n", 2, "x:", "duplicate name 'x': already defined as a cell at line 1" },
        { "constant and cell clash", ".const x = 1\nx: .word 1\n", 2, "x:", "duplicate name 'x'" },
        { "value out of range", ".bits 8\nx: .word 1, 200\n", 2, "200", "value 200 is out of range for 8-bit words (-128..127); declare .bits 9" },
        { "negative value out of range", ".bits 4\nx: .word -9\n", 2, "-9", "value -9 is out of range for 4-bit words" },
        { "mov operand count", "x: .word 0\n  mov x\n", 2, "mov", "'mov' takes 2 operand(s): mov dst, src; got 1" },
        { "halt operand count", "x: .word 0\n  halt x\n", 2, "halt", "'halt' takes no operands; got 1" },
        { "fleq operand count", "x: .word 0\n  fleq add, x, x, x\n", 2, "fleq", "'fleq' takes 6 operand(s)" },
        { "subleq operand count", "x: .word 0\n  subleq x, x, 0, 0\n", 2, "subleq", "'subleq' takes 2 to 3 operand(s)" },
        { "raw address out of memory", "x: .word 0\n  subleq 0, 5\n", 2, "5", "memory cell 5 does not exist" },
        { "array offset out of memory", "a: .word 1, 2\n  inc a+9\n", 2, "a+9", "memory cell 9 does not exist" },
        { "raw target past the end", "x: .word 0\n  jmp 40\n", 2, "40", "instruction 40 does not exist" },
        { "unknown instruction", "x: .word 0\n  movv x, x\n", 2, "movv", "unknown instruction 'movv'; did you mean 'mov'?" },
        { "unknown directive", ".wrod 5\n", 1, ".wrod", "unknown directive '.wrod'; did you mean '.word'?" },
        { "unknown function", "x: .word 0\n  fleq ad, x, x, x, x, 0\n", 2, "ad,", "did you mean 'add'?" },
        { "label used as a cell", "loop: inc loop\n", 1, "loop\n", "'loop' is a code label, not a memory cell" },
        { "cell used as a label", "x: .word 0\n  jmp x\n", 2, "x\n", "'x' is a memory cell, not a code label" },
        { "FLEQ instruction under .subleq", ".subleq\nx: .word 0\n  mul x, x, x\n", 3, "mul", "'mul' needs the FLEQ machine; remove .subleq" },
        { "call under .subleq", ".subleq\n  call f\nf: halt\n", 2, "call", "'call' needs the FLEQ machine" },
        { "bits too small", ".bits 1\nx: .word 0\n", 1, "1", "word width must be 2..64 bits; got 1" },
        { "bits too large", ".bits 65\nx: .word 0\n", 1, "65", "word width must be 2..64 bits; got 65" },
        { "bits twice", ".bits 8\n.bits 9\n", 2, ".bits", ".bits is already given at line 1" },
        { "space of zero", "a: .space 0\n", 1, "0", ".space size must be 1.."},
        { "space of negative size", "a: .space -3\n", 1, "-3", ".space size must be 1.." },
        { "word without values", "a: .word\n", 1, ".word", "expected at least one value" },
        { "literal in .word", "a: .word #5\n", 1, "#5", ".word takes plain values" },
        { "expect without arrow", "x: .word 0\n.output x\n.expect x=1\n", 3, ".expect", "expected .expect inputs => outputs" },
        { "expect with an undeclared input", "x: .word 0\n.output x\n.expect x=1 => x=2\n", 3, "x=1", "'x' is not declared as an input; add .input x" },
        { "expect with a wrong array length", "a: .word 1, 2\n.output a\n.expect => a=[1]\n", 3, "[1]", "'a' has 2 cell(s); 1 value(s) given" },
        { "input of an unknown name", ".input nn\nn: .word 0\n", 1, "nn", ".input 'nn' is not a cell; did you mean 'n'?" },
        { "output of a label", "l: halt\n.output l\n", 2, "l\n", ".output 'l' is not a cell" },
        { "constant cycle", ".const A = B\n.const B = A\nx: .space A\n", 2, "A\n", "constant 'A' is defined in terms of itself" },
        { "number too large", "x: .word 99999999999999999999\n", 1, "9999", "is not a number that fits in 64 bits" },
        { "stray comma", "x: .word 0\n  mov x, , x\n", 2, ", x", "unexpected ','; expected an operand" },
        { "missing operand after comma", "x: .word 0\n  mov x,\n", 2, "\n", "unexpected end of line" },
        { "unbalanced parenthesis", "x: .word (1 + 2\n", 1, "(1", "unexpected" },
        { "equals in an operand", "x: .word 0\n  mov x=1, x\n", 2, "x=1", "unexpected '='" },
        { "unterminated macro", ".macro m a\n  inc a\n", 1, ".macro", "this .macro has no .endm" },
        { "endm without macro", "  nop\n.endm\n", 2, ".endm", ".endm without a .macro" },
        { "macro argument count", ".macro twice a\n  inc a\n  inc a\n.endm\nx: .word 0\n  twice x, x\n", 6, "twice", "macro 'twice' takes 1 argument(s) (a); got 2" },
        { "recursive macro", ".macro r a\n  r a\n.endm\nx: .word 0\n  r x\n", 2, "r a", "macro 'r' expands more than 16 levels deep" },
        { "local name outside a macro", "@x: .word 0\n", 1, "@x", "names starting with '@' are local to macro bodies" },
        { "reserved name", "__zero: .word 0\n", 1, "__zero", "reserved for the assembler" },
        { "instruction name as a label", "mov: halt\n", 1, "mov", "'mov' is an instruction or function name" },
        { "literal as a branch target", "  jmp #3\n", 1, "#3", "a branch target is a label or an instruction index, not a #literal" },
        { "cell name in a value", "x: .word 0\ny: .word x\n", 2, "x\n", "'x' is not a constant; write &x for its address" },
        { "string literal", "x: .word \"a\"\n", 1, "\"a\"", "strings are not part of .lasm" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_programs_get_a_located_diagnostic(string name, string source, int line, string at, string message)
    {
        var result = Assembler.Assemble(source, "bad.lasm");
        Assert.Null(result.Program);
        string lineText = source.Split('\n')[line - 1] + "\n";
        int column = lineText.IndexOf(at, StringComparison.Ordinal) + 1;
        Assert.True(column > 0, $"{name}: test data error, '{at}' not on line {line}");
        var matching = result.Diagnostics.Where(d => d.Message.Contains(message)).ToList();
        Assert.True(matching.Count > 0, $"{name}: no diagnostic contains \"{message}\"; got:\n{result.FormatDiagnostics()}");
        Assert.Contains(matching, d => d.Location.Line == line && d.Location.Column == column && d.Location.File == "bad.lasm");
    }

    [Fact]
    public void Every_error_in_a_file_is_reported_in_order()
    {
        var result = Assembler.Assemble("x: .word 0\n  jmp nowhere\n  frob x\n  inc y\n.bits 99\n");
        Assert.Equal([2, 3, 4, 5], result.Diagnostics.Select(d => d.Location.Line));
    }

    [Fact]
    public void Format_shows_the_line_and_a_caret_under_the_column()
    {
        var result = Assembler.Assemble("loop: halt\n\tjmp lop ; go\n", "p.lasm");
        string text = result.Diagnostics.Single().Format();
        var lines = text.Split('\n');
        Assert.Equal("p.lasm:2:6: error: unknown label 'lop'; did you mean 'loop'?", lines[0]);
        Assert.Equal(" 2 |  jmp lop ; go", lines[1]);
        Assert.Equal("   |      ^", lines[2]);
    }

    [Fact]
    public void Errors_inside_a_macro_name_the_call()
    {
        var result = Assembler.Assemble(".macro bump a\n  inc b\n.endm\nx: .word 0\n  bump x\n", "m.lasm");
        var diagnostic = result.Diagnostics.Single();
        Assert.Equal((2, 7), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal("in macro 'bump' called at m.lasm:5", diagnostic.Context);
        Assert.Contains("note: in macro 'bump' called at m.lasm:5", diagnostic.Format());
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic()
    {
        var result = Assembler.AssembleFile("/no/such/dir/x.lasm");
        Assert.Contains("cannot read the file", result.Diagnostics.Single().Message);
    }
}
