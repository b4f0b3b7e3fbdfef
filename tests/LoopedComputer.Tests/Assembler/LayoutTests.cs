using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>Memory layout (data | reserved | pool | stack), the word width, and the final halt.</summary>
public class LayoutTests
{
    [Fact]
    public void Cells_are_laid_out_in_declaration_order_from_zero()
    {
        var program = Lasm.Build(
            "a: .word 1\n  inc a\nb: .space 3\n  jmp end\nc:\n  .word 7, 8\nend: halt\nd: .word 9\n" +
            ".macro local\n@x: .word 5\n  inc @x\n.endm\n  local\ne: .word 4\n");
        var addresses = program.Cells.Where(c => c.Kind == CellKind.Data).ToDictionary(c => c.Name, c => (c.Address, c.Length));
        Assert.Equal((0, 1), addresses["a"]);
        Assert.Equal((1, 3), addresses["b"]);
        Assert.Equal((4, 2), addresses["c"]);
        Assert.Equal((6, 1), addresses["d"]);
        Assert.Equal((7, 1), addresses.Single(a => a.Key.StartsWith("@x")).Value);  // a macro's cell, where it is called
        Assert.Equal((8, 1), addresses["e"]);
        Assert.Equal([1L, 0, 0, 0, 7, 8, 9, 5, 4], program.InitialMemory.Take(9));
    }

    [Fact]
    public void Raw_addresses_follow_the_declaration_order()
    {
        var run = Lasm.Execute("a: .word 5\nb: .word 3\n  subleq 1, 0\n");   // a -= b
        Assert.Equal(2, run["a"]);
    }

    [Fact]
    public void Reserved_cells_then_the_pool_then_the_stack_follow_the_data()
    {
        var program = Lasm.Build("x: .word 1\ny: .space 2\n  add x, #50\n  inc y\n  jlt x, 0\n  call f\n  halt\nf: ret\n");
        var regions = program.Cells.OrderBy(c => c.Address).ToList();
        Assert.Equal([CellKind.Data, CellKind.Data], regions.Take(2).Select(c => c.Kind));
        int FirstOf(CellKind kind) => regions.First(c => c.Kind == kind).Address;
        int LastOf(CellKind kind) => regions.Where(c => c.Kind == kind).Max(c => c.Address + c.Length - 1);
        Assert.Equal(3, regions.First(c => c.Kind != CellKind.Data).Address);
        Assert.True(LastOf(CellKind.Reserved) < FirstOf(CellKind.Pool));
        var stack = program.FindCell("__stack")!;
        Assert.True(LastOf(CellKind.Pool) < stack.Address);
        Assert.Equal((Assembler.DefaultStackSize, program.MemorySize), (stack.Length, stack.Address + stack.Length));
        Assert.Equal(stack.Address, program.InitialMemory[program.FindCell("__sp")!.Address]);
        Assert.Equal([0L, 1, -1], new[] { "__zero", "__one", "__minus_one" }.Select(n => program.InitialMemory[program.FindCell(n)!.Address]));
    }

    [Fact]
    public void Reserved_cells_are_allocated_only_when_used()
    {
        Assert.Equal(["x", "__zero"], Lasm.Build("x: .word 1\n  halt\n").Cells.Select(c => c.Name));
        Assert.Equal(["x", "__zero", "__minus_one"], Lasm.Build("x: .word 1\n  inc x\n").Cells.Select(c => c.Name));
        Assert.Equal(["x", "__zero", "__t1"], Lasm.Build(".subleq\nx: .word 1\n  mov x, x\n").Cells.Select(c => c.Name));
    }

    [Fact]
    public void The_pool_holds_one_cell_per_distinct_value()
    {
        var program = Lasm.Build(".const FIVE = 5\nx: .space 2\n  add x, #5\n  add x, #5\n  add x, #(2 + 3)\n  add x, #FIVE\n  add x, #-5\n  add x, #&x+1\n  add x, #1\n");
        var pool = program.Cells.Where(c => c.Kind == CellKind.Pool).ToList();
        Assert.Equal(["#5", "#-5", "#1"], pool.Select(c => c.Name));       // &x+1 is 1 too
        Assert.All(pool, c => Assert.Equal(long.Parse(c.Name[1..]), program.InitialMemory[c.Address]));
        var five = program.FindCell("#5")!.Address;
        Assert.All(program.Instructions.Take(4), i => Assert.Equal(five, i.B));
    }

    [Fact]
    public void A_return_address_shares_the_pool_cell_of_an_equal_literal()
    {
        var program = Lasm.Build("x: .word 0\n  mov x, #3\n  call f\n  halt\nf: ret\n");   // the call returns to 3
        Assert.Equal(["#3"], program.Cells.Where(c => c.Kind == CellKind.Pool).Select(c => c.Name));
        var run = Lasm.Execute(program);
        Assert.Equal((3, 3L), (run.Result.Pc, run["x"]));
    }

    [Theory]
    [InlineData("x: .word 1\n", 4)]                                          // 2 bits needed, but at least 4
    [InlineData("x: .word 7\n", 5)]                                          // 4 bits needed, plus one
    [InlineData("x: .word 8\n", 6)]
    [InlineData("x: .word -8\n", 5)]
    [InlineData("x: .word -9\n", 6)]
    [InlineData("x: .word 100\n", 9)]
    [InlineData("x: .word -129\n", 10)]
    [InlineData("x: .word 0\n  mov x, #1000\n", 12)]                       // literals count
    [InlineData("x: .word 0\n.output x\n.expect => x=5040\n", 15)]           // expected outputs count
    [InlineData("x: .word 0\n.input x\n.expect x=-300 => x=0\n", 11)]        // expected inputs count
    [InlineData("x: .word 9223372036854775807\n", 64)]                       // at most 64
    [InlineData("x: .word -9223372036854775808\n", 64)]
    public void The_word_width_is_the_widest_value_plus_one_bit(string source, int bits) =>
        Assert.Equal(bits, Lasm.Build(source).Word.Bits);

    [Fact]
    public void The_automatic_width_holds_every_stack_address()
    {
        var program = Lasm.Build(".stack 100\nn: .word 3\n  call f\n  halt\nf: ret\n");
        var stack = program.FindCell("__stack")!;
        Assert.True(program.Word.Fits(stack.Address + stack.Length), $"{program.Word} cannot hold {stack.Address + stack.Length}");
    }

    [Fact]
    public void Deep_recursion_with_the_automatic_width()
    {
        var run = Lasm.Execute(".stack 45\nn: .word 40\nd: .word 0\n  call f\n  halt\nf: jle n, done\n  dec n\n  call f\n  inc d\ndone: ret\n");
        Assert.Equal(40, run["d"]);
    }

    [Fact]
    public void Declared_bits_and_the_option_override()
    {
        Assert.Equal(12, Lasm.Build(".bits 12\nx: .word 5\n").Word.Bits);
        Assert.Equal(20, Lasm.Build(".bits 12\nx: .word 5\n", new AssemblerOptions(WordBits: 20)).Word.Bits);
        Assert.Equal(3, Lasm.Build("x: .word 1\n", new AssemblerOptions(WordBits: 3)).Word.Bits);   // below the automatic minimum

        var refused = Lasm.Try(".bits 12\nx: .word 2000\n  mov x, #-300\n", new AssemblerOptions(WordBits: 8));
        Assert.Equal([(2, 10), (3, 10)], refused.Diagnostics.Select(d => (d.Location.Line, d.Location.Column)));
        Assert.All(refused.Diagnostics, d => Assert.Contains("out of range for 8-bit words (-128..127); declare .bits 12 or more", d.Message));
    }

    public static TheoryData<string> Programs => new()
    {
        "x: .word 1\n  inc x\n",
        "x: .word 1\n  inc x\n  halt\n",
        "x: .word 1\n  halt\n  inc x\n",
        "x: .word 1\nloop: jmp loop\n",
        "x: .word 1\n",
        "",
        "x: .word 1\n  halt\nend:\n",
        "x: .word 1\n  subleq x, x, 1\n",                   // a raw halt is not the word 'halt'
        Lasm.Example("factorial.lasm"),
        Lasm.Example("call_ret.lasm"),
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void The_last_instruction_is_always_a_halt(string source)
    {
        foreach (var set in new[] { InstructionSet.Fleq, InstructionSet.Subleq })
        {
            var result = Lasm.Try(source, new AssemblerOptions(InstructionSet: set));
            if (result.Program is not { } program) continue;   // FLEQ-only programs under --isa subleq
            Assert.True(program.Instructions[^1].IsHaltAt(program.Instructions.Count - 1), $"{set}: {program.Instructions[^1]}");
        }
    }

    [Theory]
    [InlineData("x: .word 1\n  inc x\n", 2, true)]        // appended
    [InlineData("x: .word 1\n  inc x\n  halt\n", 2, false)] // already there
    [InlineData("x: .word 1\n  halt\n  inc x\n", 3, true)]
    [InlineData("x: .word 1\n", 1, true)]                  // no code at all
    [InlineData("x: .word 1\n  halt\nend:\n", 2, true)]    // a label after the last halt needs an instruction
    public void A_final_halt_is_appended_when_the_program_does_not_end_in_one(string source, int count, bool appended)
    {
        var program = Lasm.Build(source);
        Assert.Equal(count, program.Instructions.Count);
        Assert.Equal(appended, program.SourceMap[^1] is null);
    }

    [Fact]
    public void End_of_file_labels_name_the_final_halt()
    {
        var program = Lasm.Build("x: .word 3\nloop: dec x\n  jgt x, loop\n  jmp end\n  halt\nend:\nalso_end:  ; two of them\n");
        int last = program.Instructions.Count - 1;
        Assert.Equal((last, last), (program.Labels["end"], program.Labels["also_end"]));
        Assert.Equal(program.Labels["end"], Lasm.Execute(program).Result.Pc);
    }
}
