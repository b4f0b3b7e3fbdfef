using LoopedComputer.Machines;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Machines;

/// <summary>Each building block alone, on a small hand-made state, checked exactly.</summary>
public class PaperSubleqBlockTests
{
    const double Lambda = 60;
    const int Bits = 4;

    // Memory [5, -3, 0], instructions: subleq 0, 1, 2 | subleq 2, 0, 0 | halt
    static readonly Program Sample = new("sample", new WordFormat(Bits),
        [Instruction.Subleq(0, 1, 2), Instruction.Subleq(2, 0, 0), Instruction.Halt(2, 2)], [5, -3, 0]);

    static readonly PaperSubleqLayout L = PaperSubleqLayout.For(Sample);
    static readonly MachineWeights Machine = PaperSubleqMachine.Build(L);

    static LayerWeights Layer(int number) => Machine.Layers[number - 1];

    static double[,] State() => L.Encode(Sample, Sample.InitialMemory);

    static double[] Code(int column) => Encoding.PositionCode(column, L.AddressBits);

    static void AssertField(double[,] x, RowField field, int column, IReadOnlyList<double> expected, double tolerance = 0)
    {
        var actual = Encoding.Read(x, field, column);
        for (int i = 0; i < field.Width; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"{field.Name}[{i}] column {column}: {actual[i]}, expected {expected[i]}");
    }

    static void AssertZero(double[,] x, RowField field, double tolerance = 0)
    {
        for (int column = 0; column < L.Columns; column++) AssertField(x, field, column, new double[field.Width], tolerance);
    }

    /// <summary>Rows outside <paramref name="changed"/> keep their values.</summary>
    static void AssertUnchangedExcept(double[,] before, double[,] after, double tolerance, params RowField[] changed)
    {
        var skip = changed.SelectMany(f => f.Rows).ToHashSet();
        for (int row = 0; row < L.Rows; row++)
            if (!skip.Contains(row))
                for (int column = 0; column < L.Columns; column++)
                    Assert.True(Math.Abs(before[row, column] - after[row, column]) <= tolerance, $"row {row} column {column} changed");
    }

    [Fact]
    public void ReadInstruction_copies_the_instruction_at_the_pc_into_column_0()
    {
        var x = State();
        Encoding.Write(x, L.Pc, 0, Code(L.InstructionColumnOf(1)));
        var y = ReferenceForward.Layer(Layer(1), x, Lambda);
        AssertField(y, L.ScratchA, 0, Code(L.MemoryColumnOf(2)), 1e-12);
        AssertField(y, L.ScratchB, 0, Code(L.MemoryColumnOf(0)), 1e-12);
        AssertField(y, L.ScratchC, 0, Code(L.InstructionColumnOf(0)), 1e-12);
        AssertZero(y, L.Buffer, 1e-12);
        AssertUnchangedExcept(x, y, 1e-12, L.ScratchA, L.ScratchB, L.ScratchC);
    }

    [Fact]
    public void ReadMemory_copies_mem_a_and_mem_b_into_column_0()
    {
        var x = State();
        Encoding.Write(x, L.ScratchA, 0, Code(L.MemoryColumnOf(1)));
        Encoding.Write(x, L.ScratchB, 0, Code(L.MemoryColumnOf(0)));
        var y = ReferenceForward.Layer(Layer(2), x, Lambda);
        AssertField(y, L.ScratchMemA, 0, Encoding.WordBits(-3, Bits), 1e-12);
        AssertField(y, L.ScratchMemB, 0, Encoding.WordBits(5, Bits), 1e-12);
        AssertZero(y, L.Buffer, 1e-12);
        AssertUnchangedExcept(x, y, 1e-12, L.ScratchMemA, L.ScratchMemB);
    }

    [Fact]
    public void Subtract_computes_b_minus_a_mod_2_to_the_N_for_every_pair_of_4_bit_words()
    {
        var word = new WordFormat(Bits);
        LayerWeights[] layers = [Layer(3), Layer(4), Layer(5)];
        for (long a = word.Min; a <= word.Max; a++)
            for (long b = word.Min; b <= word.Max; b++)
            {
                var x = State();
                Encoding.Write(x, L.ScratchMemA, 0, Encoding.WordBits(a, Bits));
                Encoding.Write(x, L.ScratchMemB, 0, Encoding.WordBits(b, Bits));
                var y = layers.Aggregate(x, (state, layer) => ReferenceForward.Layer(layer, state, Lambda));
                AssertField(y, L.ScratchMemB, 0, Encoding.WordBits(word.Wrap(b - a), Bits));
                AssertZero(y, L.ScratchMemA);
                AssertZero(y, L.Buffer);
                AssertUnchangedExcept(x, y, 0, L.ScratchMemA, L.ScratchMemB);
            }
    }

    [Fact]
    public void WriteMemory_writes_the_result_into_cell_b_only()
    {
        var x = State();
        Encoding.Write(x, L.ScratchB, 0, Code(L.MemoryColumnOf(1)));
        Encoding.Write(x, L.ScratchMemB, 0, Encoding.WordBits(6, Bits));
        var y = ReferenceForward.Layer(Layer(6), x, Lambda);
        Assert.Equal(new long[] { 5, 6, 0 }, L.Decode(y).Memory);
        AssertField(y, L.Memory, L.MemoryColumnOf(1), Encoding.WordBits(6, Bits), 1e-12);
        AssertZero(y, L.Buffer, 1e-12);
        AssertUnchangedExcept(x, y, 1e-12, L.Memory);
    }

    [Fact]
    public void Flag_is_one_exactly_when_the_result_is_at_most_zero()
    {
        var word = new WordFormat(Bits);
        for (long v = word.Min; v <= word.Max; v++)
        {
            var x = State();
            Encoding.Write(x, L.ScratchMemB, 0, Encoding.WordBits(v, Bits));
            var y = ReferenceForward.Layer(Layer(7), x, Lambda);
            Assert.Equal(v <= 0 ? 1.0 : 0.0, y[L.Flag[0], 0]);
            AssertZero(y, L.ScratchMemB);
        }
    }

    [Fact]
    public void PcIncrement_adds_one_mod_2_to_the_logn()
    {
        int logn = L.AddressBits, size = 1 << logn;
        for (int pc = 0; pc < size; pc++)
        {
            var x = State();
            Encoding.Write(x, L.Pc, 0, Encoding.WordBits(pc, logn));
            var y = ReferenceForward.Layer(Layer(8), x, Lambda);
            AssertField(y, L.Pc, 0, Encoding.WordBits((pc + 1) % size, logn));
            AssertUnchangedExcept(x, y, 0, L.Pc);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void Select_takes_the_target_when_the_flag_is_set_else_the_next_pc(double flag)
    {
        var x = State();
        x[L.Flag[0], 0] = flag;
        Encoding.Write(x, L.ScratchC, 0, Code(5));
        Encoding.Write(x, L.Pc, 0, Code(6));
        var y = ReferenceForward.Layer(Layer(9), x, Lambda);
        AssertField(y, L.Pc, 0, Code(flag == 1 ? 5 : 6));
        Assert.Equal(0.0, y[L.Flag[0], 0]);
        AssertUnchangedExcept(x, y, 0, L.Pc, L.ScratchMemA);
    }

    [Fact]
    public void Error_correction_snaps_values_within_epsilon_back_and_keeps_exact_ones()
    {
        var correction = Layer(10);
        var clean = State();
        var noisy = (double[,])clean.Clone();
        var random = new Random(3);
        foreach (var field in new[] { L.Memory, L.Pc, L.ScratchA, L.ScratchB, L.ScratchC })
            foreach (int row in field.Rows)
                for (int column = 0; column < L.Columns; column++)
                    noisy[row, column] += (random.NextDouble() - 0.5) * 0.4; // within ε = 0.25
        Assert.Equal(clean, ReferenceForward.Layer(correction, clean, Lambda));
        var snapped = ReferenceForward.Layer(correction, noisy, Lambda);
        for (int row = 0; row < L.Rows; row++)
            for (int column = 0; column < L.Columns; column++)
                Assert.True(Math.Abs(snapped[row, column] - clean[row, column]) < 1e-12, $"row {row} column {column}: {snapped[row, column]}");
    }

    [Fact]
    public void The_machine_has_the_released_shape()
    {
        var machine = Machine;
        Assert.Equal(10, machine.Layers.Count);
        Assert.Equal([1, 2, 0, 0, 0, 1, 0, 0, 0, 0], machine.Layers.Select(l => l.Heads.Count));
        // The released code's widths (reference note §4), plus one indicator unit where it used column-0-only biases.
        int n = Bits, logn = L.AddressBits;
        Assert.Equal([12 * logn, 8 * n, n + 1, 6 * n + 1, 14 * n + 1, 4 * n, 2 * n + 2, 8 * logn + 1, 6 * logn + 2, 6 * n + 24 * logn],
            machine.Layers.Select(l => l.FeedForward.Hidden));
    }
}
