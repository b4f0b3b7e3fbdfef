using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Assembly;

/// <summary>The grammar, macros, memory layout and word width.</summary>
public class LanguageTests
{
    [Fact]
    public void Numbers_expressions_constants_and_addresses()
    {
        var program = AssemblyHelpers.Assemble(
            ".const K = 3\n.const L = K * 2 + 1\n" +
            "a: .word 10, 0x1F, 0b101, -7, 1_000\nb: .word K, L, -(K - 5), &a+4, &end\n  halt\nend: halt\n");
        Assert.Equal([10L, 31, 5, -7, 1000], program.Read(program.InitialMemory, "a").Values);
        Assert.Equal([3L, 7, 2, 4, 1], program.Read(program.InitialMemory, "b").Values);
    }

    [Fact]
    public void Labels_comments_case_and_layout_of_lines()
    {
        var program = AssemblyHelpers.Assemble(
            "; a comment line\n\nfirst: second:   ; two labels on a line of their own\n  NOP\n  Jmp first ; mnemonics ignore case\n" +
            "arr:\n  .word 1, 2 ; label before data on the next line\nend:\n");
        Assert.Equal(0, program.Labels["first"]);
        Assert.Equal(0, program.Labels["second"]);
        Assert.Equal(2, program.Labels["end"]); // an end-of-file label names the final halt
        Assert.Equal(0, program.FindCell("arr")!.Address);
        Assert.Equal(2, program.FindCell("arr")!.Length);
        Assert.True(program.Instructions[^1].IsHaltAt(program.Instructions.Count - 1));
    }

    [Fact]
    public void A_final_halt_is_appended_when_needed()
    {
        var ending = AssemblyHelpers.Assemble("x: .word 1\n  inc x\n");
        Assert.Equal(2, ending.Instructions.Count);
        var halting = AssemblyHelpers.Assemble("x: .word 1\n  inc x\n  halt\n");
        Assert.Equal(2, halting.Instructions.Count);
        var empty = AssemblyHelpers.Assemble("x: .word 1\n");
        Assert.Single(empty.Instructions);
    }

    [Fact]
    public void Memory_is_data_then_reserved_cells_then_pool_then_stack()
    {
        var program = AssemblyHelpers.Assemble("x: .word 1\ny: .space 2, 9\n  add x, #50\n  add y, #50\n  add x, #60\n  call f\n  halt\nf: ret\n");
        string[] names = program.Cells.OrderBy(c => c.Address).Select(c => c.Name).ToArray();
        Assert.Equal(["x", "y"], names[..2]);
        Assert.Equal([9L, 9], program.Read(program.InitialMemory, "y").Values);
        var pool = program.Cells.Where(c => c.Kind == CellKind.Pool).ToList();
        Assert.Equal(3, pool.Count); // 50 (shared), 60 and the return address
        var stack = program.FindCell("__stack")!;
        Assert.Equal(program.MemorySize - Assembler.DefaultStackSize, stack.Address);
        Assert.True(pool.All(p => p.Address < stack.Address && p.Address > 2));
        Assert.Equal(stack.Address, program.InitialMemory[program.FindCell("__sp")!.Address]);
    }

    [Fact]
    public void Stack_size_is_configurable()
    {
        var program = AssemblyHelpers.Assemble(".stack 4\n  call f\n  halt\nf: ret\n");
        Assert.Equal(4, program.FindCell("__stack")!.Length);
    }

    [Theory]
    [InlineData("x: .word 1\n", 4)]                                   // 1 needs 2 bits, +1, but at least 4
    [InlineData("x: .word 5\n", 5)]                                   // 5 needs 4 bits, +1
    [InlineData("x: .word 100\n", 9)]                                 // 100 needs 8 bits, +1
    [InlineData("x: .word -129\n", 10)]                               // -129 needs 9 bits, +1
    [InlineData("x: .word 0\n.output x\n.expect => x=5040\n", 15)]   // expected results count too
    public void Word_width_is_chosen_from_the_values(string source, int bits)
    {
        Assert.Equal(bits, AssemblyHelpers.Assemble(source).Word.Bits);
    }

    [Fact]
    public void Declared_and_overridden_word_widths()
    {
        Assert.Equal(12, AssemblyHelpers.Assemble(".bits 12\nx: .word 5\n").Word.Bits);
        Assert.Equal(20, AssemblyHelpers.Assemble(".bits 12\nx: .word 5\n", new AssemblerOptions(20)).Word.Bits);
        var refused = Assembler.Assemble(".bits 12\nx: .word 2000\n", "w.lasm", new AssemblerOptions(8));
        Assert.Contains(refused.Diagnostics, d => d.Message.Contains("out of range for 8-bit words"));
    }

    [Fact]
    public void Inputs_outputs_and_expectations_are_read_from_the_program()
    {
        var program = AssemblyHelpers.Assemble("n: .word 1\nl: .word 0, 0\n.input n, l\n.output l\n.expect n=2, l=[3, -4] => l=[-4, 3]\n.expect => l=[0, 0]\n  halt\n");
        Assert.Equal(["n", "l"], program.Inputs);
        Assert.Equal(["l"], program.Outputs);
        Assert.Equal(2, program.Expectations.Count);
        var first = program.Expectations[0];
        Assert.Equal("n=2", first.Inputs[0].ToString());
        Assert.Equal([3L, -4], first.Inputs[1].Values);
        Assert.Equal([-4L, 3], first.Outputs[0].Values);
        Assert.Equal(5, first.Location!.Line);
    }

    [Fact]
    public void Macros_substitute_parameters_and_keep_local_names_apart()
    {
        var run = AssemblyHelpers.Run(
            ".macro swap x, y\n  mov @t, x\n  mov x, y\n  mov y, @t\n@t: .word 0\n.endm\n" +
            ".macro twice_swap a, b\n  swap a, b\n  swap a, b\n.endm\n" +
            "p: .word 1\nq: .word 2\nr: .word 3\n" +
            "start: swap p, q\n  twice_swap q, r\n  later r, #7\n  halt\n" +
            ".macro later dst, v\n  jmp @skip\n  inc dst\n@skip: add dst, v\n.endm\n");
        Assert.Equal((2L, 1L, 10L), (run.Cell("p"), run.Cell("q"), run.Cell("r")));
        Assert.Equal(0, run.Program.Labels["start"]); // the call line's label names the macro's first instruction
        Assert.Equal(3, run.Program.Cells.Count(c => c.Name.StartsWith("@t"))); // one local cell per expansion
    }

    [Fact]
    public void Listing_shows_shape_labels_source_and_memory()
    {
        var program = AssemblyHelpers.Assemble(".subleq\n.bits 8\nn: .word 3\n.input n\n.output n\nloop: dec n\n  jgt n, loop\n  halt\n");
        string listing = Listing.Format(program);
        Assert.Contains("program test: SUBLEQ only", listing);
        Assert.Matches(@"word N = 8 bits \(-128\.\.127\), memory m = \d+ cells, instructions k = 4", listing);
        Assert.Contains("loop:", listing);
        Assert.Contains("6: loop: dec n", listing);
        Assert.Contains("n (input)", listing);
        Assert.Contains("__zero", listing);
    }
}
