using LoopedComputer.Machines;
using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Tests.Machines;

/// <summary>
/// The blocks both machines share, each alone in a layer on a small hand-made state of two columns:
/// column 0 (the indicator is 1) and column 1 (it is 0). Expected values are worked out by hand.
/// </summary>
public class SharedBlockTests
{
    const int Bits = 5;
    static readonly RowAllocator Allocation = new();
    static readonly RowField X = Allocation.Add("X", Bits, RowEncoding.PlusMinusOne, RowRole.Scratch);
    static readonly RowField Y = Allocation.Add("Y", Bits, RowEncoding.PlusMinusOne, RowRole.Scratch);
    static readonly RowField Out = Allocation.Add("Out", Bits, RowEncoding.PlusMinusOne, RowRole.Scratch);
    static readonly RowField Flag = Allocation.Add("Flag", 1, RowEncoding.ZeroOne, RowRole.Scratch);
    static readonly RowField Pc = Allocation.Add("Pc", 3, RowEncoding.PlusMinusOne, RowRole.State);
    static readonly RowField Target = Allocation.Add("Target", 3, RowEncoding.PlusMinusOne, RowRole.Scratch);
    static readonly RowField Buf = Allocation.Add("Buf", Bits, RowEncoding.Scalar, RowRole.Buffer);
    static readonly RowField Gate = Allocation.Add("Gate", 1, RowEncoding.ZeroOne, RowRole.Constant);
    static readonly RowField Indicator = Allocation.Add("Indicator", 1, RowEncoding.ZeroOne, RowRole.Constant);
    static readonly RowSpace Space = Allocation.Space(Indicator);

    static double[,] State()
    {
        var x = new double[Space.Rows, 2];
        x[Indicator[0], 0] = 1;
        return x;
    }

    static double[,] Run(Block block, double[,] x) => ReferenceForward.Layer(new LayerPlan(1, block.Name, [block]).Build(Space), x, lambda: 1);

    /// <summary>The ±1 code of a 5-bit two's complement word, MSB first, written out by hand.</summary>
    static readonly Dictionary<long, double[]> Words = new()
    {
        [-16] = [1, -1, -1, -1, -1], [-10] = [1, -1, 1, 1, -1], [-9] = [1, -1, 1, 1, 1], [-6] = [1, 1, -1, 1, -1], [-1] = [1, 1, 1, 1, 1],
        [0] = [-1, -1, -1, -1, -1], [1] = [-1, -1, -1, -1, 1], [3] = [-1, -1, -1, 1, 1], [4] = [-1, -1, 1, -1, -1], [5] = [-1, -1, 1, -1, 1],
        [7] = [-1, -1, 1, 1, 1], [8] = [-1, 1, -1, -1, -1], [9] = [-1, 1, -1, -1, 1], [11] = [-1, 1, -1, 1, 1], [13] = [-1, 1, 1, -1, 1],
        [15] = [-1, 1, 1, 1, 1],
    };

    static void Write(double[,] x, RowField field, int column, IReadOnlyList<double> values)
    {
        for (int i = 0; i < field.Width; i++) x[field[i], column] = values[i];
    }

    static void AssertField(double[,] x, RowField field, int column, IReadOnlyList<double> expected)
    {
        for (int i = 0; i < field.Width; i++)
            Assert.True(Math.Abs(x[field[i], column] - expected[i]) < 1e-9, $"{field.Name}[{i}] column {column}: {x[field[i], column]}, expected {expected[i]}");
    }

    static double[] Zeros(RowField field) => new double[field.Width];

    [Theory]
    [InlineData(11L, -6L, false, 0L, 5L)]
    [InlineData(13L, 9L, false, 0L, -10L)]   // 22 wraps to 22 − 32
    [InlineData(-16L, -16L, false, 0L, 0L)]  // −32 wraps to 0
    [InlineData(3L, 4L, false, 1L, 8L)]
    [InlineData(-9L, 7L, true, 1L, -16L)]    // 7 + ¬(−9) + 1 = 7 − (−9) = 16, wraps to −16
    [InlineData(4L, 9L, true, 1L, 5L)]       // 9 − 4
    public void BinaryAdder_adds_two_words_and_a_constant_mod_2_to_the_N_in_column_0_only(long x, long y, bool complementX, long constant, long sum)
    {
        var state = State();
        foreach (int column in new[] { 0, 1 })
        {
            Write(state, X, column, Words[x]);
            Write(state, Y, column, Words[y]);
        }
        var block = BinaryAdder.Sum("adder", Space, [Y, new Addend(X, complementX)], constant, Out);
        var after = Run(block, state);
        AssertField(after, Out, 0, Words[sum]);
        AssertField(after, Out, 1, Zeros(Out));
        AssertField(after, X, 0, Words[x]);
        AssertField(after, Y, 0, Words[y]);
    }

    [Theory]
    [InlineData(15L, -16L)]
    [InlineData(-1L, 0L)]
    [InlineData(7L, 8L)]
    public void BinaryAdder_increments_a_word_in_place(long value, long next)
    {
        var state = State();
        Write(state, X, 0, Words[value]);
        AssertField(Run(BinaryAdder.Increment("increment", Space, X), state), X, 0, Words[next]);
    }

    static Block Overwrite(int openWhereGateIs) => new("overwrite")
    {
        Reads = [Buf, Out, Gate],
        Writes = [Out],
        Clears = [Buf],
        Units = ff => GatedOverwrite.Add(ff, Buf, Out, Gate[0], openWhereGateIs),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void GatedOverwrite_replaces_the_target_by_the_value_averaged_into_the_buffer_where_the_gate_is_open(int openWhereGateIs)
    {
        // Both columns hold 5 and a buffer with ½·5 + ½·(−6), as a head leaves it; the gate row is 1 in column 0 only.
        var state = State();
        state[Gate[0], 0] = 1;
        var averaged = Words[5].Zip(Words[-6], (a, b) => (a + b) / 2).ToArray();
        foreach (int column in new[] { 0, 1 })
        {
            Write(state, Out, column, Words[5]);
            Write(state, Buf, column, averaged);
        }
        var after = Run(Overwrite(openWhereGateIs), state);
        int open = openWhereGateIs == 1 ? 0 : 1;
        AssertField(after, Out, open, Words[-6]);
        AssertField(after, Out, 1 - open, Words[5]);
        AssertField(after, Buf, 0, Zeros(Buf));
        AssertField(after, Buf, 1, Zeros(Buf));
    }

    [Theory]
    [InlineData(-16L, 1.0)]
    [InlineData(-1L, 1.0)]
    [InlineData(0L, 1.0)]
    [InlineData(1L, 0.0)]
    [InlineData(15L, 0.0)]
    public void FlagTest_sets_the_flag_exactly_when_the_word_is_at_most_zero_and_clears_the_word(long value, double flag)
    {
        var state = State();
        Write(state, X, 0, Words[value]);
        Write(state, X, 1, Words[-1]); // column 1 has no indicator: its flag stays 0
        var after = Run(FlagTest.Test("flag", Space, X, Flag), state);
        Assert.Equal(flag, after[Flag[0], 0], 9);
        Assert.Equal(0.0, after[Flag[0], 1], 9);
        AssertField(after, X, 0, Zeros(X));
        AssertField(after, X, 1, Zeros(X));
    }

    [Theory]
    [InlineData(1.0, new double[] { -1, 1, -1 })]  // flag set: the target, 2
    [InlineData(0.0, new double[] { 1, -1, 1 })]   // flag clear: the pc, 5
    public void BranchSelect_takes_the_target_when_the_flag_is_set_else_keeps_the_pc(double flag, double[] next)
    {
        var state = State();
        Write(state, Pc, 0, [1, -1, 1]);
        Write(state, Target, 0, [-1, 1, -1]);
        state[Flag[0], 0] = flag;
        var after = Run(BranchSelect.Select("select", Space, Target, Pc, Flag), state);
        AssertField(after, Pc, 0, next);
        Assert.Equal(0.0, after[Flag[0], 0], 9);
        AssertField(after, Target, 0, [-1, 1, -1]);
    }

    [Fact]
    public void ColumnConstant_adds_its_constants_where_the_indicator_is_1_only()
    {
        var state = State();
        foreach (int column in new[] { 0, 1 }) Write(state, Out, column, [1, -1, 1, -1, 1]);
        var block = new Block("constant")
        {
            Writes = [Out],
            Units = ff => ColumnConstant.Add(ff, Indicator[0], Out.Rows.Zip([-1, 2, 0.5, -3, 1])),
        };
        var after = Run(block, state);
        AssertField(after, Out, 0, [0, 1, 1.5, -4, 2]);
        AssertField(after, Out, 1, [1, -1, 1, -1, 1]);
    }

    [Fact]
    public void ErrorCorrection_snaps_values_within_a_quarter_of_minus_1_0_and_1_in_every_column()
    {
        var state = State();
        Write(state, X, 0, [-1.2, -0.8, -0.24, 0.2, 0.76]);
        Write(state, X, 1, [1.24, 1, 0, -1, 0.1]);
        Write(state, Y, 0, Words[11]);
        var after = Run(ErrorCorrection.Snap("snap", X), state);
        AssertField(after, X, 0, [-1, -1, 0, 0, 1]);
        AssertField(after, X, 1, [1, 1, 0, -1, 0]);
        AssertField(after, Y, 0, Words[11]); // not named: untouched
    }
}
