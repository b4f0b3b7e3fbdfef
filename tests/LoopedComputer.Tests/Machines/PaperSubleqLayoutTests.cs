using LoopedComputer.Machines;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Isa;

namespace LoopedComputer.Tests.Machines;

public class PaperSubleqLayoutTests
{
    [Theory]
    [InlineData(8, 10, 22)]
    [InlineData(15, 10, 12)]
    [InlineData(5, 11, 26)]
    public void Rows_follow_the_released_formula_and_fields_tile_them(int wordBits, int cells, int instructions)
    {
        var layout = new PaperSubleqLayout(wordBits, cells, instructions);
        int logn = (int)Math.Ceiling(Math.Log2(1 + cells + instructions));
        Assert.Equal(logn, layout.AddressBits);
        Assert.Equal(8 * logn + 3 * wordBits + Math.Max(3 * logn, 2 * wordBits) + 1, layout.Rows);
        var rows = layout.Fields.SelectMany(f => f.Rows).ToList();
        Assert.Equal(Enumerable.Range(0, layout.Rows), rows);
    }

    [Fact]
    public void Position_codes_are_msb_first_plus_minus_one_and_zero_for_column_0()
    {
        Assert.Equal([0.0, 0, 0], Encoding.PositionCode(0, 3));
        Assert.Equal([-1.0, -1, 1], Encoding.PositionCode(1, 3));
        Assert.Equal([1.0, 1, -1], Encoding.PositionCode(6, 3));
        Assert.Equal(6, Encoding.DecodePosition([1.0, 1, -1]));
        Assert.Equal([1.0, -1, -1, -1], Encoding.WordBits(-8, 4));
        Assert.Equal([-1.0, 1, 1, 1], Encoding.WordBits(7, 4));
        Assert.Equal(-1, Encoding.DecodeWord([1.0, 1, 1, 1]));
    }

    [Fact]
    public void Encoder_and_decoder_are_exact_inverses()
    {
        var random = new Random(7);
        for (int i = 0; i < 100; i++)
        {
            var program = RandomSubleqPrograms.Create(random, maxWordBits: 30, maxCells: 40, maxInstructions: 40);
            var memory = Enumerable.Range(0, program.MemorySize).Select(_ => random.NextInt64(program.Word.Min, program.Word.Max + 1)).ToArray();
            var layout = PaperSubleqLayout.For(program);
            var x = layout.Encode(program, memory);
            Assert.Equal((layout.Rows, layout.Columns), (x.GetLength(0), x.GetLength(1)));
            var state = layout.Decode(x);
            Assert.Equal(0, state.Pc);
            Assert.Equal(memory, state.Memory);
        }
    }

    [Fact]
    public void Instructions_are_encoded_as_position_codes_of_their_columns()
    {
        var program = new Program("p", new WordFormat(4), [Instruction.Subleq(1, 0, 1), Instruction.Halt(0, 1)], [3, -2]);
        var layout = PaperSubleqLayout.For(program);
        var x = layout.Encode(program, program.InitialMemory);
        int column = layout.InstructionColumnOf(0);
        Assert.Equal(layout.MemoryColumnOf(1), Encoding.DecodePosition(Encoding.Read(x, layout.InstructionA, column)));
        Assert.Equal(layout.MemoryColumnOf(0), Encoding.DecodePosition(Encoding.Read(x, layout.InstructionB, column)));
        Assert.Equal(layout.InstructionColumnOf(1), Encoding.DecodePosition(Encoding.Read(x, layout.InstructionC, column)));
        Assert.Equal(1.0, x[layout.Scratchpad[0], 0]);
        Assert.Equal(0.0, x[layout.Scratchpad[0], 1]);
        Assert.All(Encoding.Read(x, layout.Position, 0), v => Assert.Equal(0.0, v));
    }
}
