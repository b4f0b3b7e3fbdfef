using CsCheck;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>Every pseudo-instruction, in both expansions (.subleq and FLEQ), with edge values, checked by running it.</summary>
public class PseudoInstructionTests
{
    const int Bits = 8;
    const long Min = -128, Max = 127;
    static readonly WordFormat Word = new(Bits);

    static string Header(bool subleq, long x, long y) =>
        $"{(subleq ? ".subleq\n" : "")}.bits {Bits}\nx: .word {x}\ny: .word {y}\nd: .word 55\ntaken: .word 0\n";

    public static TheoryData<bool, long, long> Pairs()
    {
        var data = new TheoryData<bool, long, long>();
        long[] values = [Min, Min + 1, -1, 0, 1, Max - 1, Max];
        foreach (bool subleq in new[] { true, false })
            foreach (long x in values)
                foreach (long y in values)
                    data.Add(subleq, x, y);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Arithmetic_pseudo_instructions(bool subleq, long x, long y)
    {
        string Op(string code) => Header(subleq, x, y) + code + "\n  halt\n";
        Assert.Equal(x, Lasm.Execute(Op("  mov d, x"))["d"]);
        Assert.Equal(Word.Wrap(x + y), Lasm.Execute(Op("  add d, x, y"))["d"]);
        Assert.Equal(Word.Wrap(x + y), Lasm.Execute(Op("  add x, y"))["x"]);
        Assert.Equal(Word.Wrap(x + x), Lasm.Execute(Op("  add d, x, x"))["d"]);
        Assert.Equal(Word.Wrap(x - y), Lasm.Execute(Op("  sub d, x, y"))["d"]);
        Assert.Equal(Word.Wrap(x - y), Lasm.Execute(Op("  sub x, x, y"))["x"]);
        Assert.Equal(Word.Wrap(x - y), Lasm.Execute(Op("  sub x, y"))["x"]);
        Assert.Equal(Word.Wrap(y - x), Lasm.Execute(Op("  sub y, y, x"))["y"]);
        Assert.Equal(Word.Wrap(x + 1), Lasm.Execute(Op("  inc x"))["x"]);
        Assert.Equal(Word.Wrap(x - 1), Lasm.Execute(Op("  dec x"))["x"]);
        Assert.Equal(0, Lasm.Execute(Op("  clr x"))["x"]);
        Assert.Equal(Word.Wrap(-x), Lasm.Execute(Op("  neg x"))["x"]);
        Assert.Equal(Word.Wrap(-y), Lasm.Execute(Op("  neg d, y"))["d"]);
        Assert.Equal(Word.Wrap(x + 5), Lasm.Execute(Op("  add d, x, #5"))["d"]);
    }

    static readonly (string Mnemonic, Func<long, bool> Test)[] Branches =
    [
        ("jle", v => v <= 0), ("jlt", v => v < 0), ("jeq", v => v == 0),
        ("jne", v => v != 0), ("jge", v => v >= 0), ("jgt", v => v > 0),
    ];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Conditional_branches_with_one_and_two_operands(bool subleq, long x, long y)
    {
        foreach (var (mnemonic, test) in Branches)
        {
            foreach (var (operands, value) in new[] { ("x", x), ("x, y", Word.Wrap(x - y)) })
            {
                string source = Header(subleq, x, y) + $"  {mnemonic} {operands}, yes\n  halt\nyes: inc taken\n  halt\n";
                var run = Lasm.Execute(source);
                Assert.True(test(value) == (run["taken"] == 1), $"{(subleq ? "subleq" : "fleq")}: {mnemonic} {operands} with x={x}, y={y}");
                Assert.Equal((x, y), (run["x"], run["y"])); // the operands are left unchanged
            }
        }
    }

    [Fact]
    public void Conditional_branches_agree_with_their_definition_for_random_words()
    {
        var gen = from subleq in Gen.Bool
                  from branch in Gen.Int[0, Branches.Length - 1]
                  from x in Gen.Long[Min, Max]
                  from y in Gen.Long[Min, Max]
                  from twoOperands in Gen.Bool
                  select (subleq, branch, x, y, twoOperands);
        gen.Sample(t =>
        {
            var (mnemonic, test) = Branches[t.branch];
            string operands = t.twoOperands ? "x, y" : "x";
            long value = t.twoOperands ? Word.Wrap(t.x - t.y) : t.x;
            var run = Lasm.Execute(Header(t.subleq, t.x, t.y) + $"  {mnemonic} {operands}, yes\n  halt\nyes: inc taken\n  halt\n");
            return test(value) == (run["taken"] == 1) && run["x"] == t.x && run["y"] == t.y;
        }, iter: 300);
    }

    [Theory]
    [InlineData(-128L, 3L)]
    [InlineData(5L, -1L)]
    [InlineData(0x35L, 0x0FL)]
    [InlineData(-7L, 2L)]
    public void FLEQ_function_pseudo_instructions(long x, long y)
    {
        string Op(string code) => Header(false, x, y) + code + "\n  halt\n";
        Assert.Equal(x & y, Lasm.Execute(Op("  and d, x, y"))["d"]);
        Assert.Equal(x | y, Lasm.Execute(Op("  or d, x, y"))["d"]);
        Assert.Equal(x ^ y, Lasm.Execute(Op("  xor d, x, y"))["d"]);
        Assert.Equal(Semantics.Apply(Function.Shl, x, y, Word), Lasm.Execute(Op("  shl d, x, y"))["d"]);
        Assert.Equal(Semantics.Apply(Function.Shr, x, y, Word), Lasm.Execute(Op("  shr d, x, y"))["d"]);
        Assert.Equal(Word.Wrap(x * y), Lasm.Execute(Op("  mul d, x, y"))["d"]);
        Assert.Equal(Word.Wrap(x * y), Lasm.Execute(Op("  mul x, y"))["x"]);
    }

    [Fact]
    public void Load_store_and_indirect_jumps()
    {
        var run = Lasm.Execute("a: .word 10, 20, 30\np: .word &a+2\nv: .word 0\n  load v, p\n  store p, #-5\n  halt\n");
        Assert.Equal(30, run["v"]);
        Assert.Equal([10L, 20, -5], run.Cells("a"));

        run = Lasm.Execute("t: .word &there\nhit: .word 0\n  ijmp t\n  halt\nthere: inc hit\n  halt\n");
        Assert.Equal(1, run["hit"]);
    }

    [Fact]
    public void Nested_calls_return_to_their_callers()
    {
        var run = Lasm.Execute(
            "r: .word 0\n  call f\n  add r, #100\n  halt\nf: call g\n  add r, #10\n  ret\ng: inc r\n  ret\n");
        Assert.Equal(111, run["r"]);
    }

    [Fact]
    public void Jmp_nop_and_halt()
    {
        var run = Lasm.Execute("x: .word 0\n  nop\n  jmp over\n  inc x\nover: halt\n");
        Assert.Equal(0, run["x"]);
        Assert.Equal(2, Interpreter.Run(run.Program, null, 100).Steps);
    }

    [Theory]
    [InlineData("mov d, x", 4, 1)]
    [InlineData("add d, x, y", 5, 1)]
    [InlineData("add d, x", 3, 1)]
    [InlineData("sub d, x, y", 7, 1)]
    [InlineData("sub d, x", 1, 1)]
    [InlineData("jle x, 0", 1, 1)]
    [InlineData("jgt x, 0", 2, 2)]
    [InlineData("jlt x, 0", 5, 4)]
    [InlineData("jeq x, y, 0", 10, 5)]
    public void Expansion_lengths_match_the_documentation(string statement, int subleqLength, int fleqLength)
    {
        int Length(bool subleq) => Lasm.Build(Header(subleq, 1, 2) + $"  {statement}\n  halt\n").Instructions.Count - 1;
        Assert.Equal(subleqLength, Length(true));
        Assert.Equal(fleqLength, Length(false));
    }

    [Fact]
    public void SUBLEQ_mode_produces_only_SUBLEQ_instructions()
    {
        var program = Lasm.Build(Header(true, 3, 4) + "  mov d, x\n  add d, x, y\n  sub d, y, x\n  neg x\n  jne x, y, 0\n  jge x, 0\n  halt\n");
        Assert.True(program.IsSubleqOnly);
        Assert.False(Lasm.Build(Header(false, 3, 4) + "  mov d, x\n  halt\n").IsSubleqOnly);
    }
}
