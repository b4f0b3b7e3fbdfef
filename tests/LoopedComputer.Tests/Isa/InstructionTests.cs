using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary><see cref="Instruction"/>'s SUBLEQ and halt shapes, and the function menu's names.</summary>
public class InstructionTests
{
    [Fact]
    public void Subleq_is_fleq_sub_with_c_and_flag_equal_to_b()
    {
        Assert.Equal(new Instruction(Function.Sub, 1, 2, 2, 2, 3), Instruction.Subleq(1, 2, 3));
        Assert.Equal(Instruction.Subleq(4, 4, 7), Instruction.Halt(4, 7));
    }

    [Theory]
    [InlineData(Function.Sub, 1, 2, 2, 2, true)]
    [InlineData(Function.Sub, 1, 1, 1, 1, true)]
    [InlineData(Function.Sub, 1, 2, 3, 2, false)] // c ≠ b
    [InlineData(Function.Sub, 1, 2, 2, 3, false)] // flag ≠ b
    [InlineData(Function.Sub, 1, 2, 1, 1, false)] // c = flag = a
    [InlineData(Function.Add, 1, 2, 2, 2, false)]
    [InlineData(Function.Jmp, 1, 2, 2, 2, false)]
    public void Is_subleq_only_for_sub_writing_and_testing_b(Function f, int a, int b, int c, int flag, bool subleq) =>
        Assert.Equal(subleq, new Instruction(f, a, b, c, flag, 0).IsSubleq);

    [Fact]
    public void A_halt_is_subleq_z_z_self_at_its_own_index()
    {
        Assert.True(Instruction.Halt(3, 5).IsHaltAt(5));
        Assert.False(Instruction.Halt(3, 5).IsHaltAt(4));   // a jump to 5 placed elsewhere
        Assert.False(Instruction.Subleq(3, 4, 5).IsHaltAt(5));
        Assert.False(new Instruction(Function.Add, 3, 3, 3, 3, 5).IsHaltAt(5));
        Assert.False(new Instruction(Function.Sub, 3, 3, 4, 4, 5).IsHaltAt(5));
    }

    [Fact]
    public void Prints_subleq_shortly_and_every_other_instruction_in_full()
    {
        Assert.Equal("subleq 1, 2, 3", Instruction.Subleq(1, 2, 3).ToString());
        Assert.Equal("fleq load, 1, 2, 3, 4, 5", new Instruction(Function.Load, 1, 2, 3, 4, 5).ToString());
        Assert.Equal("fleq sub, 1, 2, 3, 2, 0", new Instruction(Function.Sub, 1, 2, 3, 2, 0).ToString());
    }

    [Fact]
    public void The_menu_has_twelve_functions_named_in_lower_case()
    {
        Assert.Equal(["sub", "add", "mov", "and", "or", "xor", "shl", "shr", "mul", "load", "store", "jmp"], FunctionNames.All);
        Assert.Equal("store", Function.Store.Mnemonic());
    }

    [Theory]
    [InlineData("sub", Function.Sub)]
    [InlineData("SHL", Function.Shl)]
    [InlineData("Jmp", Function.Jmp)]
    [InlineData("xOr", Function.Xor)]
    public void Mnemonics_parse_ignoring_case(string text, Function expected)
    {
        Assert.True(FunctionNames.TryParse(text, out var f));
        Assert.Equal(expected, f);
    }

    [Fact]
    public void Every_mnemonic_parses_back_to_its_function()
    {
        foreach (var f in Enum.GetValues<Function>())
            Assert.True(FunctionNames.TryParse(f.Mnemonic(), out var parsed) && parsed == f);
    }

    [Theory]
    [InlineData("")]
    [InlineData("subleq")]
    [InlineData("nop")]
    [InlineData(" sub")]
    [InlineData("sub ")]
    [InlineData("0")]
    public void Other_words_are_not_functions(string text)
    {
        Assert.False(FunctionNames.TryParse(text, out var f));
        Assert.Equal(default, f);
    }

    [Theory]
    [InlineData(Function.Sub, true)]
    [InlineData(Function.Add, true)]
    [InlineData(Function.Mov, true)]
    [InlineData(Function.And, true)]
    [InlineData(Function.Or, true)]
    [InlineData(Function.Xor, true)]
    [InlineData(Function.Shl, true)]
    [InlineData(Function.Shr, true)]
    [InlineData(Function.Mul, true)]
    [InlineData(Function.Load, true)]
    [InlineData(Function.Store, false)] // writes mem[mem[c]]
    [InlineData(Function.Jmp, false)]   // writes nothing
    public void Only_store_and_jmp_do_not_write_c(Function f, bool writesC) => Assert.Equal(writesC, f.WritesC());
}
