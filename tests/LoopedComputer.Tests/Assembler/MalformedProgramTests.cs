namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>
/// Malformed programs, each with exactly one fault: the assembler must refuse it with exactly one
/// diagnostic, at the line and column marked '¦' in the source, whose message contains the key text.
/// </summary>
public class MalformedProgramTests
{
    static readonly string DeepNesting = "¦x: .word " + new string('(', 100_000) + "1" + new string(')', 100_000) + "\n";

    public static TheoryData<string, string, string> Cases => new()
    {
        // case, source ('¦' before the offending token), key part of the message

        // ---- unknown and duplicate names
        { "unknown label, suggested", "loop: nop\n  jmp ¦lop\n", "unknown label 'lop'; did you mean 'loop'?" },
        { "unknown label, nothing near", "loop: nop\n  jmp ¦elsewhere\n", "unknown label 'elsewhere'" },
        { "unknown cell, transposed", "count: .word 0\n  inc ¦cuont\n", "unknown cell 'cuont'; did you mean 'count'?" },
        { "unknown cell, a letter missing", "count: .word 0\n  inc ¦cont\n", "unknown cell 'cont'; did you mean 'count'?" },
        { "unknown cell, nothing near", "  inc ¦zzzzzz\n", "unknown cell 'zzzzzz'" },
        { "unknown cell in name+k", "arr: .word 1, 2\n  inc ¦ar+1\n", "unknown cell 'ar'; did you mean 'arr'?" },
        { "unknown constant", ".const SIZE = 4\nbuf: .space ¦SIZ\n", "unknown constant 'SIZ'; did you mean 'SIZE'?" },
        { "unknown name after &", "x: .word 0\np: .word ¦&nowhere\n", "unknown name 'nowhere'" },
        { "duplicate label", "a: nop\n¦a: halt\n", "duplicate name 'a': already defined as a label at line 1" },
        { "duplicate label on one line", "a: ¦a: nop\n", "duplicate name 'a'" },
        { "duplicate cell", "x: .word 1\n¦x: .space 2\n", "duplicate name 'x': already defined as a cell at line 1" },
        { "cell, then label", "x: .word 1\n¦x: halt\n", "duplicate name 'x': already defined as a cell at line 1" },
        { "label, then cell", "x: halt\n¦x: .word 1\n", "duplicate name 'x': already defined as a label at line 1" },
        { "constant, then cell", ".const x = 1\n¦x: .word 1\n", "duplicate name 'x': already defined as a constant at line 1" },
        { "constant twice", ".const K = 1\n.const ¦K = 2\n", "duplicate name 'K'" },

        // ---- values and the word width
        { "value above .bits", ".bits 8\nx: .word 1, ¦128\n", "value 128 is out of range for 8-bit words (-128..127); declare .bits 9 or more" },
        { "value below .bits", ".bits 8\nx: .word ¦-129\n", "value -129 is out of range for 8-bit words" },
        { ".space fill above .bits", ".bits 4\nx: .space 3, ¦8\n", "value 8 is out of range for 4-bit words (-8..7)" },
        { "literal above .bits", ".bits 4\nx: .word 0\n  mov x, ¦#8\n", "the literal 8 is out of range for 4-bit words" },
        { ".expect value above .bits", ".bits 4\nx: .word 0\n.output x\n.expect => x=¦9\n", "expected value 9 is out of range for 4-bit words" },
        { ".expect array item below .bits", ".bits 4\nl: .word 0, 0\n.input l\n.expect l=[1, ¦-9] => l=[0, 0]\n", "expected value -9 is out of range" },
        { "stack beyond .bits", ".bits 4\n  ¦call f\nf: ret\n", "stack addresses up to 21 do not fit 4-bit words" },
        { ".stack beyond .bits", ".bits 5\n.stack ¦40\n  call f\nf: ret\n", "stack addresses up to 45 do not fit 5-bit words" },
        { ".bits 1", ".bits ¦1\n", "word width must be 2..64 bits; got 1" },
        { ".bits 65", ".bits ¦65\n", "word width must be 2..64 bits; got 65" },
        { ".bits twice", ".bits 8\n¦.bits 9\n", ".bits is already given at line 1" },
        { ".bits of an unknown constant", ".bits ¦WIDTH\n", "unknown constant 'WIDTH'" },
        { ".stack 0", ".stack ¦0\n  call f\nf: ret\n", ".stack size must be 1..4194304; got 0" },
        { "number too large", "x: .word ¦99999999999999999999\n", "'99999999999999999999' is not a number that fits in 64 bits" },
        { "negative number too large", "x: .word -¦9223372036854775809\n", "is not a number that fits in 64 bits" },
        { "hex number too large", "x: .word ¦0x1_0000_0000_0000_0000\n", "is not a number that fits in 64 bits" },
        { "digits then letters", "x: .word ¦12ab\n", "'12ab' is not a number" },
        { "sum overflows", "x: .word ¦9223372036854775807 + 1\n", "this expression overflows 64 bits" },
        { "negation overflows", "x: .word ¦-(-9223372036854775807 - 1)\n", "this expression overflows 64 bits" },

        // ---- operand counts
        { "mov with 1 operand", "x: .word 0\n  ¦mov x\n", "'mov' takes 2 operand(s): mov dst, src; got 1" },
        { "add with 4 operands", "x: .word 0\n  ¦add x, x, x, x\n", "'add' takes 2 to 3 operand(s): add dst, a[, b]; got 4" },
        { "sub with 1 operand", "x: .word 0\n  ¦sub x\n", "'sub' takes 2 to 3 operand(s)" },
        { "inc without operand", "  ¦inc\n", "'inc' takes 1 operand(s): inc dst; got 0" },
        { "neg with 3 operands", "x: .word 0\n  ¦neg x, x, x\n", "'neg' takes 1 to 2 operand(s)" },
        { "jmp with 2 operands", "l: ¦jmp l, l\n", "'jmp' takes 1 operand(s): jmp target; got 2" },
        { "jeq with 1 operand", "x: .word 0\n  ¦jeq x\n", "'jeq' takes 2 to 3 operand(s): jeq x[, y], target; got 1" },
        { "jgt with 4 operands", "x: .word 0\nl: ¦jgt x, x, x, l\n", "'jgt' takes 2 to 3 operand(s)" },
        { "halt with an operand", "  ¦halt 0\n", "'halt' takes no operands; got 1" },
        { "ret with an operand", "  ¦ret 1\n", "'ret' takes no operands" },
        { "subleq with 4 operands", "x: .word 0\n  ¦subleq x, x, 0, 0\n", "'subleq' takes 2 to 3 operand(s)" },
        { "subleq with 1 operand", "x: .word 0\n  ¦subleq x\n", "'subleq' takes 2 to 3 operand(s): subleq a, b[, target]; got 1" },
        { "fleq with 5 operands", "x: .word 0\n  ¦fleq add, x, x, x, x\n", "'fleq' takes 6 operand(s)" },
        { "load with 1 operand", "x: .word 0\n  ¦load x\n", "'load' takes 2 operand(s): load dst, ptr; got 1" },
        { "call without operand", "  ¦call\n", "'call' takes 1 operand(s)" },

        // ---- addresses and branch targets
        { "raw address past memory", "x: .word 0\n  inc ¦7\n", "memory cell 7 does not exist (memory has 3: 0..2)" },
        { "negative raw address", "x: .word 0\n  subleq ¦-1, x\n", "memory cell -1 does not exist" },
        { "array index past memory", "a: .word 1, 2\n  clr ¦a+5\n", "memory cell 5 does not exist" },
        { "raw target past the end", "  jmp ¦3\n  halt\n", "instruction 3 does not exist (the program has 2: 0..1)" },
        { "subleq target past the end", "x: .word 0\n  subleq x, x, ¦99\n", "instruction 99 does not exist" },
        { "label+k past the end", "x: .word 0\nl: jle x, ¦l+9\n", "instruction 9 does not exist" },

        // ---- a #literal where the instruction writes (it would change the constant for every use)
        { "inc a literal", "x: .word 0\n  inc ¦#1\n  mov x, #1\n", "'inc' writes its operand dst, which cannot be a #literal" },
        { "mov into a literal", "  mov ¦#1, #5\n", "'mov' writes its operand dst, which cannot be a #literal" },
        { "add into a literal", "x: .word 0\n  add ¦#2, x\n", "'add' writes its operand dst" },
        { "sub from a literal in place", "x: .word 0\n  sub ¦#2, #2, x\n", "'sub' writes its operand dst" },
        { "neg a literal in place", "  neg ¦#3\n", "'neg' writes its operand dst" },
        { "clr a literal", "  clr ¦#0\n", "'clr' writes its operand dst" },
        { "dec a literal under .subleq", ".subleq\n  dec ¦#4\n", "'dec' writes its operand dst" },
        { "xor into a literal", "x: .word 0\n  xor ¦#1, x\n", "'xor' writes its operand dst" },
        { "load into a literal", "p: .word 0\n  load ¦#1, p\n", "'load' writes its operand dst" },
        { "subleq writes b", "x: .word 0\nl: subleq x, ¦#1, l\n", "'subleq' writes its operand b, which cannot be a #literal" },
        { "subleq of two literals", "  subleq #1, ¦#1\n", "'subleq' writes its operand b" },
        { "fleq writes c", "x: .word 0\nl: fleq add, x, x, ¦#1, x, l\n", "'fleq' writes its operand c, which cannot be a #literal" },
        { "a literal argument, at the parameter", ".macro bump a\n  inc ¦a\n.endm\n  bump #1\n", "'inc' writes its operand dst, which cannot be a #literal" },

        // ---- instructions, directives, functions
        { "unknown instruction, suggested", "x: .word 0\n  ¦mvo x, x\n", "unknown instruction 'mvo'; did you mean 'mov'?" },
        { "unknown instruction, a letter doubled", "x: .word 0\n  ¦movv x, x\n", "unknown instruction 'movv'; did you mean 'mov'?" },
        { "unknown instruction, misspelt halt", "  ¦hlat\n", "unknown instruction 'hlat'; did you mean 'halt'?" },
        { "unknown instruction keeps its label", "loop: ¦frob x\n  jmp loop\n", "unknown instruction 'frob'" },
        { "unknown directive, suggested", "¦.wrod 5\n", "unknown directive '.wrod'; did you mean '.word'?" },
        { "unknown directive .inptu", "x: .word 0\n¦.inptu x\n", "unknown directive '.inptu'; did you mean '.input'?" },
        { "unknown fleq function", "x: .word 0\n  fleq ¦ad, x, x, x, x, 0\n", "expected a function (sub, add, mov, and, or, xor, shl, shr, mul, load, store, jmp); did you mean 'add'?" },
        { "fleq function as a number", "x: .word 0\n  fleq ¦3, x, x, x, x, 0\n", "expected a function" },
        { "label used as a cell", "loop: inc ¦loop\n", "'loop' is a code label, not a memory cell" },
        { "cell used as a label", "x: .word 0\n  jmp ¦x\n", "'x' is a memory cell, not a code label" },
        { "cell used as a value", "x: .word 0\ny: .word ¦x\n", "'x' is not a constant; write &x for its address" },
        { "literal as a branch target", "  jmp ¦#0\n", "a branch target is a label or an instruction index, not a #literal" },
        { "mul under .subleq", ".subleq\nx: .word 0\n  ¦mul x, x\n", "'mul' needs the FLEQ machine; remove .subleq to use it" },
        { "load under .subleq", ".subleq\nx: .word 0\n  ¦load x, x\n", "'load' needs the FLEQ machine" },
        { "call under .subleq", ".subleq\n  ¦call f\nf: halt\n", "'call' needs the FLEQ machine" },
        { "fleq under .subleq", ".subleq\nx: .word 0\n  ¦fleq add, x, x, x, x, 0\n", "'fleq' needs the FLEQ machine" },
        { ".subleq after the code", "x: .word 0\n  ¦ijmp x\n.subleq\n", "'ijmp' needs the FLEQ machine" },
        { ".subleq with an operand", ".subleq ¦1\n", ".subleq takes no operands" },

        // ---- data directives
        { ".space 0", "a: .space ¦0\n", ".space size must be 1..4194304; got 0" },
        { ".space negative", "a: .space ¦-3\n", ".space size must be 1..4194304; got -3" },
        { ".space with 3 operands", "a: ¦.space 1, 2, 3\n", "expected .space size or .space size, fill" },
        { ".space sized by a later label", "x: .space ¦&L\nL: halt\n", "the address of 'L' is not known yet here" },
        { ".word without values", "a: ¦.word\n", "expected at least one value" },
        { ".word #5", "a: .word ¦#5\n", ".word takes plain values" },
        { "'=>' after .word", "a: ¦.word 1 => 2\n", "'=>' belongs only in .expect" },

        // ---- interface directives
        { ".expect without '=>'", "x: .word 0\n.output x\n¦.expect x=1\n", "expected .expect inputs => outputs" },
        { ".expect without outputs", "x: .word 0\n.input x\n¦.expect x=1 =>\n", ".expect needs at least one output after '=>'" },
        { ".expect with an undeclared input", "x: .word 0\n.output x\n.expect ¦x=1 => x=2\n", "'x' is not declared as an input; add .input x" },
        { ".expect with a wrong array length", "a: .word 1, 2\n.output a\n.expect => a=¦[1, 2, 3]\n", "'a' has 2 cell(s); 3 value(s) given" },
        { ".expect output shorter than its array", "a: .word 1, 2\n.output a\n.expect => a=¦[1]\n", "'a' has 2 cell(s); 1 value(s) given" },
        { ".expect with a list for a scalar", "x: .word 0\n.output x\n.expect => x=¦[1, 2]\n", "'x' has 1 cell(s); 2 value(s) given" },
        { ".expect of an unknown cell", "x: .word 0\n.expect => ¦y=1\n", "'y' is not a cell; did you mean 'x'?" },
        { ".expect with a plain value", "x: .word 0\n.expect => ¦5\n", "expected name=value" },
        { ".input of an unknown name", ".input ¦nn\nn: .word 0\n", ".input 'nn' is not a cell; did you mean 'n'?" },
        { ".output of a label", "l: halt\n.output ¦l\n", ".output 'l' is not a cell" },
        { ".input twice", "x: .word 0\n.input x, ¦x\n", "'x' is declared as an input twice" },

        // ---- constants
        { ".const cycle", ".const A = B\n.const B = ¦A\nx: .space A\n", "constant 'A' is defined in terms of itself" },
        { ".const defined by itself", ".const N = ¦N + 1\n", "constant 'N' is defined in terms of itself" },
        { "unused .const with an error", ".const A = ¦zz\nx: .word 1\n", "unknown constant 'zz'" },
        { ".const without '='", ".const X ¦5\n", "unexpected '5'" },

        // ---- syntax
        { "stray ','", "x: .word 0\n  mov x, ¦, x\n", "unexpected ','; expected an operand" },
        { "',' before any operand", "x: .word 0\n  mov ¦, x\n", "unexpected ','; expected an operand" },
        { "trailing ','", "x: .word 0\n  mov x,¦\n", "unexpected end of line; expected an operand" },
        { "nothing after '+'", "x: .word 1 +¦\n", "unexpected end of line; expected an operand" },
        { "'*' after '+'", "x: .word 1 + ¦* 2\n", "unexpected '*'" },
        { "nothing after '#'", "x: .word 0\n  mov x, #¦\n", "unexpected end of line; expected an operand" },
        { "unclosed '('", "x: .word ¦(1 + 2\n", "unexpected '(' without a matching ')'" },
        { "unclosed '(' after an operator", "x: .word 2 * ¦((1 + 2)\n", "unexpected '(' without a matching ')'" },
        { "extra ')'", "x: .word (1 + 2)¦)\n", "unexpected ')'; no '(' is open" },
        { "'=' in an operand", "x: .word 0\n  mov ¦x=1, x\n", "unexpected '='; operands are cells, labels or #literals" },
        { "missing ','", "x: .word 0\n  mov x ¦x\n", "unexpected 'x'; expected an operand, ',' or the end of the line" },
        { "name starting with a digit", "¦1abc: halt\n", "unexpected '1'" },
        { "string", "x: .word ¦\"hi\"\n", "strings are not part of .lasm" },
        { "control character", "x: .word 1¦\u0001\n", "unexpected control character U+0001" },
        { "expression nested 100,000 deep", DeepNesting, "this line nests expressions too deeply" },

        // ---- macros and reserved names
        { "unterminated .macro", "¦.macro m a\n  inc a\n", "this .macro has no .endm (macros cannot be nested)" },
        { ".macro inside .macro", "¦.macro outer\n.macro inner\n.endm\n", "this .macro has no .endm" },
        { ".endm without .macro", "  nop\n¦.endm\n", ".endm without a .macro" },
        { "macro argument count", ".macro twice a\n  inc a\n  inc a\n.endm\nx: .word 0\n  ¦twice x, x\n", "macro 'twice' takes 1 argument(s) (a); got 2" },
        { "failed macro call keeps its label", ".macro m a\n.endm\nl: ¦m\n  jmp l\n", "macro 'm' takes 1 argument(s) (a); got 0" },
        { "recursive macro", ".macro r a\n  ¦r a\n.endm\nx: .word 0\n  r x\n", "macro 'r' expands more than 16 levels deep" },
        { "macro calling itself twice", ".macro r\n  ¦r\n  r\n.endm\n  r\n", "macro 'r' expands more than 16 levels deep" },
        { "mutually recursive macros", ".macro a\n  b\n.endm\n.macro b\n  ¦a\n.endm\n  a\n", "macro 'a' expands more than 16 levels deep" },
        { "macro named like an instruction", ".macro ¦add a\n.endm\n", "'add' is an instruction; choose another macro name" },
        { "macro defined twice", ".macro m\n.endm\n.macro ¦m\n.endm\n", "macro 'm' is already defined at line 1" },
        { "macro parameter twice", ".macro m a, ¦a\n.endm\n", "macro 'm' names the parameter 'a' twice" },
        { "macro parameter not a name", ".macro m ¦5\n.endm\n", "a macro parameter must be a plain name" },
        { "macro without a name", "¦.macro\n.endm\n", "expected a macro name" },
        { "assignment as a macro argument", ".macro m a\n.endm\n  m ¦x=1\n", "a macro argument must be an operand, not an assignment" },
        { "unknown name in a macro body", ".macro bump a\n  inc ¦b\n.endm\nx: .word 0\n  bump x\n", "unknown cell 'b'" },
        { "bad argument, at its parameter", ".macro bump a\n  inc ¦a\n.endm\nx: .word 0\n  bump y\n", "unknown cell 'y'; did you mean 'x'?" },
        { "undeclared local cell", ".macro m\n  inc ¦@q\n.endm\n  m\n", "unknown cell '@q'" },
        { "'@' name outside a macro", "¦@x: .word 0\n", "'@x': names starting with '@' are local to macro bodies" },
        { "'__' label", "¦__zero: .word 0\n", "names starting with '__' are reserved for the assembler: rename '__zero'" },
        { "'__' constant", ".const ¦__K = 1\n", "names starting with '__' are reserved" },
        { "instruction name as a label", "¦mov: halt\n", "'mov' is an instruction or function name; choose another name" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_malformed_program_gets_one_diagnostic_at_the_fault(string name, string marked, string message)
    {
        var (source, line, column) = Lasm.Unmark(marked);
        var result = Lasm.Try(source, file: "bad.lasm");

        Assert.Null(result.Program);
        Assert.True(result.Diagnostics.Count == 1, $"{name}: expected one diagnostic, got:\n{result.FormatDiagnostics()}");
        var diagnostic = result.Diagnostics[0];
        Assert.Contains(message, diagnostic.Message);
        Assert.Equal(("bad.lasm", line, column), (diagnostic.Location.File, diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal(source.Split('\n')[line - 1], diagnostic.Location.LineText);
    }
}
