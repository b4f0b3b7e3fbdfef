using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Machines;

/// <summary>The FLEQ machine's building blocks alone, on small hand-made states, checked exactly against the ISA.</summary>
public class FleqBlockTests
{
    const double Lambda = 40;
    const int Bits = 6;
    static readonly WordFormat Word = new(Bits);

    // Memory [7, -3, 2, 0, 31], instructions: add 0,1→2 | store | jmp | halt
    static readonly Program Sample = new("sample", Word,
        [new Instruction(Function.Add, 0, 1, 2, 3, 3), new Instruction(Function.Store, 4, 4, 2, 2, 0),
         new Instruction(Function.Jmp, 2, 2, 2, 3, 0), Instruction.Halt(3, 3)], [7, -3, 2, 0, 31]);

    static readonly FleqLayout L = FleqLayout.For(Sample);
    static readonly MachineWeights Machine = FleqMachine.Build(L);

    static double[,] State() => L.Encode(Sample, Sample.InitialMemory);

    static double[,] Run(double[,] x, params int[] layers) =>
        layers.Aggregate(x, (state, layer) => ReferenceForward.Layer(Machine.Layers[layer - 1], state, Lambda));

    static double[] Field(double[,] x, RowField field) => Encoding.Read(x, field, 0);

    static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-9, $"{what}[{i}]: {actual[i]}, expected {expected[i]}");
    }

    [Fact]
    public void Fetch_reads_the_instruction_at_the_pc_and_cleaning_makes_it_exact()
    {
        var x = State();
        Encoding.Write(x, L.Pc, 0, L.InstructionCodeOf(1));
        var y = Run(x, 1, 2, 3);
        var expected = Encoding.Read(x, L.Instruction, L.InstructionColumnOf(1));
        Assert.Equal(expected, Field(y, L.Current));
        Assert.Equal(Encoding.WordBits(31, Bits), Field(y, L.X)); // a = 4
        Assert.Equal(Encoding.WordBits(31, Bits), Field(y, L.Y)); // b = 4
        Assert.Equal(Encoding.WordBits(2, Bits), Field(y, L.Z));  // c = 2
    }

    /// <summary>A state at layer 4's input: operands, opcode and codes of c and p in place.</summary>
    static double[,] Operands(Function f, long x, long y, long z, int c = 1, int p = 2)
    {
        var state = State();
        state[L.CurOp[(int)f], 0] = 1;
        Encoding.Write(state, L.CurC, 0, L.CellCodeOf(c));
        Encoding.Write(state, L.CurP, 0, L.InstructionCodeOf(p));
        Encoding.Write(state, L.X, 0, Encoding.WordBits(x, Bits));
        Encoding.Write(state, L.Y, 0, Encoding.WordBits(y, Bits));
        Encoding.Write(state, L.Z, 0, Encoding.WordBits(z, Bits));
        return state;
    }

    [Fact]
    public void The_ALU_computes_every_value_function_for_every_pair_of_6_bit_words()
    {
        Function[] functions = [Function.Sub, Function.Add, Function.Mov, Function.And, Function.Or, Function.Xor, Function.Shl, Function.Shr, Function.Mul];
        var random = new Random(6);
        foreach (var f in functions)
            for (int trial = 0; trial < 150; trial++)
            {
                long x = random.NextInt64(Word.Min, Word.Max + 1), y = trial < 20 ? trial - 4 : random.NextInt64(Word.Min, Word.Max + 1);
                var state = Run(Operands(f, x, y, 0), 4, 5, 6, 7);
                Assert.Equal(Encoding.WordBits(Semantics.Apply(f, x, y, Word), Bits), Field(state, L.Result));
                Assert.Equal(L.CellCodeOf(1), Field(state, L.WriteAddress));   // writes mem[c]
                Assert.Equal(L.InstructionCodeOf(2), Field(state, L.Target));  // branches to p
                foreach (var scratch in L.AluScratch) Assert.All(Field(state, scratch), v => Assert.Equal(0.0, v));
            }
    }

    [Theory]
    [InlineData(4L, 31L)]   // the last cell
    [InlineData(0L, 7L)]
    [InlineData(5L, 0L)]    // = m: reads 0
    [InlineData(-1L, 0L)]   // negative: reads 0
    [InlineData(31L, 0L)]
    public void Load_reads_through_the_pointer_or_zero_out_of_range(long pointer, long expected)
    {
        var state = Run(Operands(Function.Load, pointer, 0, 0), 4, 5, 6, 7);
        Assert.Equal(Encoding.WordBits(expected, Bits), Field(state, L.Result));
    }

    [Theory]
    [InlineData(3L, true)]
    [InlineData(4L, true)]
    [InlineData(5L, false)]
    [InlineData(-2L, false)]
    public void Store_addresses_the_cell_named_by_z_or_nothing(long pointer, bool valid)
    {
        var state = Run(Operands(Function.Store, -9, 0, pointer), 4, 5, 6, 7);
        Assert.Equal(Encoding.WordBits(-9, Bits), Field(state, L.Result));
        Assert.Equal(valid ? L.CellCodeOf((int)pointer) : new double[L.CellBits], Field(state, L.WriteAddress));
    }

    [Theory]
    [InlineData(2L, 2)]
    [InlineData(0L, 0)]
    [InlineData(4L, 3)]     // = k: the halt
    [InlineData(-1L, 3)]
    public void Jmp_targets_x_or_the_halt_and_writes_nothing(long x, int target)
    {
        var state = Run(Operands(Function.Jmp, x, 0, 0), 4, 5, 6, 7);
        Assert.Equal(L.InstructionCodeOf(target), Field(state, L.Target));
        Assert.Equal(new double[L.CellBits], Field(state, L.WriteAddress));
    }

    [Theory]
    [InlineData(3, -5L)]
    [InlineData(0, 31L)]
    public void Write_stores_the_result_in_the_addressed_cell_only(int cell, long value)
    {
        var x = State();
        Encoding.Write(x, L.WriteAddress, 0, L.CellCodeOf(cell));
        Encoding.Write(x, L.Result, 0, Encoding.WordBits(value, Bits));
        var expected = Sample.InitialMemory.ToArray();
        expected[cell] = value;
        Assert.Equal(expected, L.Decode(Run(x, 8)).Memory);
    }

    [Fact]
    public void A_zero_write_address_writes_nothing()
    {
        var x = State();
        Encoding.Write(x, L.Result, 0, Encoding.WordBits(-5, Bits));
        var y = Run(x, 8);
        Assert.Equal(Sample.InitialMemory, L.Decode(y).Memory);
        for (int column = 1; column < L.Columns; column++)
            AssertClose(Encoding.Read(x, L.Memory, column), Encoding.Read(y, L.Memory, column), $"memory column {column}");
    }

    [Theory]
    [InlineData(0, 0.0)]   // 7 > 0
    [InlineData(1, 1.0)]   // −3 ≤ 0
    [InlineData(3, 1.0)]   // 0 ≤ 0
    public void The_flag_is_read_from_memory_and_tested(int cell, double flag)
    {
        var x = State();
        Encoding.Write(x, L.CurFlag, 0, L.CellCodeOf(cell));
        var y = Run(x, 9, 10);
        Assert.True(Math.Abs(y[L.Flag[0], 0] - flag) < 1e-9);
        AssertClose(new double[Bits], Field(y, L.FlagValue), "FlagValue");
    }

    [Theory]
    [InlineData(1.0, 3)]
    [InlineData(0.0, 2)]
    public void Increment_and_select_choose_the_next_pc(double flag, int next)
    {
        var x = State();
        Encoding.Write(x, L.Pc, 0, L.InstructionCodeOf(1));
        Encoding.Write(x, L.Target, 0, L.InstructionCodeOf(3));
        x[L.Flag[0], 0] = flag;
        var y = Run(x, 11, 12);
        Assert.Equal(next, L.DecodePc(Field(y, L.Pc)));
        Assert.Equal(0.0, y[L.Flag[0], 0]);
        Assert.Equal(new double[L.InstructionBits], Field(y, L.Target));
    }

    [Fact]
    public void The_last_layer_snaps_memory_and_pc_and_clears_the_scratchpad()
    {
        var clean = State();
        var noisy = (double[,])clean.Clone();
        var random = new Random(1);
        foreach (int row in L.Memory.Rows.Concat(L.Pc.Rows))
            for (int column = 0; column < L.Columns; column++)
                noisy[row, column] += (random.NextDouble() - 0.5) * 0.4;
        Encoding.Write(noisy, L.X, 0, Encoding.WordBits(5, Bits));
        Encoding.Write(noisy, L.Current, 0, Encoding.Read(clean, L.Instruction, L.InstructionColumnOf(0)));
        var y = Run(noisy, 13);
        for (int row = 0; row < L.Rows; row++)
            for (int column = 0; column < L.Columns; column++)
                Assert.True(Math.Abs(y[row, column] - clean[row, column]) < 1e-9, $"row {row} column {column}");
    }
}
