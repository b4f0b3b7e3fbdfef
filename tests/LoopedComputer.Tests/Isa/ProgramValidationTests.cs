using LoopedComputer.Isa;
using static LoopedComputer.Tests.Isa.IsaKit;

namespace LoopedComputer.Tests.Isa;

/// <summary>What <see cref="Program"/> accepts and refuses, what it defaults, and how it names cells.</summary>
public class ProgramValidationTests
{
    static readonly WordFormat W8 = new(8);

    static void AssertRefused(Func<Program> build, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => build());
        Assert.Contains(message, error.Message);
    }

    // ---- shape ----

    [Fact]
    public void A_minimal_program_is_one_halt_and_one_cell()
    {
        var program = new Program("min", new WordFormat(2), [Instruction.Halt(0, 0)], [0]);
        Assert.Equal(("min", 2, 1, 0), (program.Name, program.Word.Bits, program.MemorySize, program.HaltIndex));
        Assert.True(program.IsSubleqOnly);
        Assert.Empty(program.Cells);
        Assert.Empty(program.Labels);
        Assert.Empty(program.Inputs);
        Assert.Empty(program.Outputs);
        Assert.Empty(program.Expectations);
        Assert.Equal([null], program.SourceMap);
    }

    [Fact]
    public void Sizes_and_the_subleq_only_flag_follow_the_instructions()
    {
        var subleq = Build(8, [0, 0, 0], Instruction.Subleq(1, 2, 0), Instruction.Subleq(2, 1, 1));
        Assert.Equal((3, 2, true), (subleq.MemorySize, subleq.HaltIndex, subleq.IsSubleqOnly));
        Assert.Equal(3, subleq.SourceMap.Count);
        Assert.False(Build(8, [0, 0, 0], Instruction.Subleq(1, 2, 0), new Instruction(Function.Sub, 1, 2, 2, 1, 0)).IsSubleqOnly);
        Assert.False(Build(8, [0, 0, 0], new Instruction(Function.Mov, 1, 2, 2, 2, 0)).IsSubleqOnly);
    }

    [Fact]
    public void The_program_keeps_its_own_copies_of_instructions_and_memory()
    {
        Instruction[] code = [Instruction.Subleq(0, 1, 0), Instruction.Halt(0, 1)];
        long[] memory = [1, 2];
        var program = new Program("copy", W8, code, memory);
        code[0] = Instruction.Subleq(1, 1, 1);
        memory[0] = 99;
        Assert.Equal(Instruction.Subleq(0, 1, 0), program.Instructions[0]);
        Assert.Equal([1L, 2], program.InitialMemory);
    }

    // ---- refusals ----

    [Fact]
    public void A_program_needs_memory() =>
        AssertRefused(() => new Program("p", W8, [Instruction.Halt(0, 0)], []), "at least one memory cell");

    public static TheoryData<Instruction[]> NotEndingInAHalt => new()
    {
        Array.Empty<Instruction>(),
        new[] { Instruction.Subleq(0, 0, 0), Instruction.Subleq(0, 0, 0) },       // subleq z, z, 0 at 1: a jump
        new[] { Instruction.Subleq(0, 1, 0) },                                     // a ≠ b
        new[] { new Instruction(Function.Add, 0, 0, 0, 0, 0) },                    // not sub
        new[] { new Instruction(Function.Sub, 0, 0, 1, 1, 0) },                    // c = flag ≠ b
        new[] { Instruction.Halt(0, 0), new Instruction(Function.Mov, 0, 0, 0, 0, 0) }, // the halt is not last
    };

    [Theory]
    [MemberData(nameof(NotEndingInAHalt))]
    public void The_last_instruction_must_be_a_halt(Instruction[] code) =>
        AssertRefused(() => new Program("p", W8, code, [0, 0]), "the last instruction must be a halt (subleq z, z, self)");

    [Theory]
    [InlineData(2, 0, 0, 0, 0, "instruction 0: a = 2 is not a memory cell (0..1)")]
    [InlineData(-1, 0, 0, 0, 0, "instruction 0: a = -1 is not a memory cell (0..1)")]
    [InlineData(0, 2, 0, 0, 0, "instruction 0: b = 2 is not a memory cell")]
    [InlineData(0, -1, 0, 0, 0, "instruction 0: b = -1 is not a memory cell")]
    [InlineData(0, 0, 2, 0, 0, "instruction 0: c = 2 is not a memory cell")]
    [InlineData(0, 0, -1, 0, 0, "instruction 0: c = -1 is not a memory cell")]
    [InlineData(0, 0, 0, 2, 0, "instruction 0: flag = 2 is not a memory cell")]
    [InlineData(0, 0, 0, -1, 0, "instruction 0: flag = -1 is not a memory cell")]
    [InlineData(0, 0, 0, 0, 2, "instruction 0: target 2 is not an instruction (0..1)")]
    [InlineData(0, 0, 0, 0, -1, "instruction 0: target -1 is not an instruction (0..1)")]
    public void Operands_must_be_cells_and_targets_instructions(int a, int b, int c, int flag, int target, string message)
    {
        foreach (var f in Enum.GetValues<Function>()) // store and jmp ignore c or p when running, not when checked
            AssertRefused(() => Build(8, [0, 0], new Instruction(f, a, b, c, flag, target)), message);
    }

    [Fact]
    public void Operands_at_the_last_cell_and_the_last_instruction_are_accepted()
    {
        var program = Build(8, [0, 0], new Instruction(Function.Add, 1, 1, 1, 1, 1));
        Assert.Equal(2, program.Instructions.Count);
    }

    [Fact]
    public void The_halts_cell_must_exist_too() =>
        AssertRefused(() => new Program("p", W8, [Instruction.Halt(1, 0)], [0]), "instruction 0: a = 1 is not a memory cell (0..0)");

    [Theory]
    [InlineData(2, -2)]
    [InlineData(2, 1)]
    [InlineData(8, -128)]
    [InlineData(8, 127)]
    [InlineData(63, -(1L << 62))]
    [InlineData(63, (1L << 62) - 1)]
    [InlineData(64, long.MinValue)]
    [InlineData(64, long.MaxValue)]
    public void Initial_values_at_the_ends_of_the_word_are_accepted(int bits, long value) =>
        Assert.Equal(value, new Program("p", new WordFormat(bits), [Instruction.Halt(0, 0)], [0, value]).InitialMemory[1]);

    [Theory]
    [InlineData(2, 2, "cell 1: 2 does not fit 2-bit [-2, 1]")]
    [InlineData(2, -3, "cell 1: -3 does not fit 2-bit [-2, 1]")]
    [InlineData(8, 128, "cell 1: 128 does not fit 8-bit [-128, 127]")]
    [InlineData(8, -129, "cell 1: -129 does not fit")]
    [InlineData(16, 32768, "cell 1: 32768 does not fit")]
    [InlineData(63, 1L << 62, "does not fit 63-bit")]
    [InlineData(63, long.MinValue, "does not fit 63-bit")]
    public void Initial_values_must_fit_the_word(int bits, long value, string message) =>
        AssertRefused(() => new Program("p", new WordFormat(bits), [Instruction.Halt(0, 0)], [0, value]), message);

    [Fact]
    public void The_source_map_needs_one_entry_per_instruction() =>
        AssertRefused(() => new Program("p", W8, [Instruction.Halt(0, 0)], [0], sourceMap: [null, null]),
            "the source map needs one entry per instruction");

    // ---- a program's word and symbol table must be consistent too ----

    [Fact]
    public void A_default_word_format_is_refused()
    {
        // default(WordFormat) has Bits = 0, outside 2..64: Min and Max read as the 64-bit range, but Unsigned
        // is always 0, so shl gives 0 and shr gives the sign for every shift amount.
        Assert.Throws<ArgumentException>(() => new Program("p", default, [Instruction.Halt(0, 0)], [0]));
    }

    [Fact]
    public void A_declared_input_must_name_a_cell()
    {
        // Otherwise MemoryWith(ghost=1) dereferences the missing symbol: NullReferenceException, not InputException.
        Assert.Throws<ArgumentException>(() => new Program("p", W8, [Instruction.Halt(0, 0)], [0], inputs: ["ghost"]));
    }

    [Fact]
    public void A_cell_symbol_must_lie_inside_memory()
    {
        // Otherwise Read and MemoryWith index past the memory image.
        Assert.Throws<ArgumentException>(() => new Program("p", W8, [Instruction.Halt(0, 0)], [0], cells: [Data("list", 0, 3)]));
    }

    // ---- names ----

    static Program Named() => new("named", W8, [Instruction.Halt(4, 0)], [7, 1, 2, 3, 0, 9],
        cells: [Data("n", 0), Data("list", 1, 3), new CellSymbol("__zero", 4, 1, CellKind.Reserved), new CellSymbol("__pool", 1, 1, CellKind.Pool)]);

    [Theory]
    [InlineData(0, "n")]
    [InlineData(2, "list+1")]
    [InlineData(3, "list+2")]
    [InlineData(1, "list+0")]   // data names win over the pool's name for the same cell
    [InlineData(4, "__zero")]
    [InlineData(5, "5")]        // no name
    public void Cells_are_named_by_their_symbol_and_offset(int address, string name) =>
        Assert.Equal(name, Named().CellName(address));

    [Fact]
    public void Named_regions_are_read_from_any_memory_image()
    {
        var program = Named();
        Assert.Equal([7L], program.Read(program.InitialMemory, "n").Values);
        Assert.Equal("n=7", program.Read(program.InitialMemory, "n").ToString());
        Assert.Equal([4L, 5, 6], program.Read([0, 4, 5, 6, 0, 0], "list").Values);
        Assert.Equal("list=[4, 5, 6]", program.Read([0, 4, 5, 6, 0, 0], "list").ToString());
        Assert.Equal(Data("list", 1, 3), program.FindCell("list"));
        Assert.Null(program.FindCell("missing"));
        var error = Assert.Throws<ArgumentException>(() => program.Read(program.InitialMemory, "missing"));
        Assert.Contains("no cell named 'missing'", error.Message);
    }
}
