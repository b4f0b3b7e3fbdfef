using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Machines.Blocks;
using LoopedComputer.Machines.Classic;

namespace LoopedComputer.Tests.Machines;

/// <summary>
/// The classic machine's own blocks, each alone in a layer. The saturation block on a hand-made state
/// of two columns: column 0 (the indicator is 1) holds a, b and the adder's wrapped difference; column 1
/// (as every column but 0 of the machine) holds zeros there; 5-bit words, codes and results by hand.
/// The others (and the address pointers) on a small image's punchcard, below.
/// </summary>
public class ClassicBlockTests
{
    static readonly RowAllocator Allocation = new();
    static readonly RowField A = Allocation.Add("A", 5, RowEncoding.PlusMinusOne, RowRole.Scratch);
    static readonly RowField B = Allocation.Add("B", 5, RowEncoding.PlusMinusOne, RowRole.Scratch);
    static readonly RowField D = Allocation.Add("D", 5, RowEncoding.PlusMinusOne, RowRole.Scratch);
    static readonly RowField Indicator = Allocation.Add("Indicator", 1, RowEncoding.ZeroOne, RowRole.Constant);
    static readonly RowSpace Space = Allocation.Space(Indicator);

    /// <summary>5-bit two's complement, MSB first, +1 for a 1 bit: written out by hand (−15 = 10001, 17 − 32).</summary>
    static readonly Dictionary<long, double[]> Words = new()
    {
        [-16] = [1, -1, -1, -1, -1], [-15] = [1, -1, -1, -1, 1], [-9] = [1, -1, 1, 1, 1], [-6] = [1, 1, -1, 1, -1], [-1] = [1, 1, 1, 1, 1],
        [0] = [-1, -1, -1, -1, -1], [1] = [-1, -1, -1, -1, 1], [5] = [-1, -1, 1, -1, 1], [7] = [-1, -1, 1, 1, 1], [11] = [-1, 1, -1, 1, 1],
        [15] = [-1, 1, 1, 1, 1],
    };

    [Theory]
    [InlineData(-6L, 11L, -15L, 15L)]   // 11 − (−6) = 17: wraps to −15, clamps to 15
    [InlineData(1L, -16L, 15L, -16L)]   // −16 − 1 = −17: wraps to 15, clamps to −16
    [InlineData(-16L, 0L, -16L, 15L)]   // 0 − (−16) = 16: wraps to −16, clamps to 15
    [InlineData(-6L, 5L, 11L, 11L)]     // 5 − (−6) = 11: no overflow, kept
    [InlineData(7L, -9L, -16L, -16L)]   // −9 − 7 = −16: the minimum itself, kept
    [InlineData(-16L, -1L, 15L, 15L)]   // −1 − (−16) = 15: the maximum itself (signs alike), kept
    [InlineData(1L, 0L, -1L, -1L)]      // 0 − 1 = −1: b ≥ 0 but a ≥ 0, kept
    public void Saturation_clamps_an_overflowed_difference_to_the_word_and_keeps_the_others(long a, long b, long wrapped, long clamped)
    {
        var x = new double[Space.Rows, 2];
        x[Indicator[0], 0] = 1;
        Write(x, A, Words[a]);
        Write(x, B, Words[b]);
        Write(x, D, Words[wrapped]);
        var after = ReferenceForward.Layer(new LayerPlan(1, "saturate", [Saturation.Clamp("clamp", Space, A, B, D)]).Build(Space), x, lambda: 1);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(Words[clamped][i], after[D[i], 0], 9);
            Assert.Equal(Words[a][i], after[A[i], 0], 9);
            Assert.Equal(Words[b][i], after[B[i], 0], 9);
            foreach (var field in new[] { A, B, D }) Assert.Equal(0, after[field[i], 1], 9);
        }
    }

    // The classic machine's own blocks, each alone in a layer on the punchcard of a small image: 6-bit
    // words, M = 8 image words, K = 2 output slots and the count (cells 0–10, 4-bit addresses, 12
    // columns). Expected values come from docs/isa.md's classic rules, worked out in each test.
    const int N = 6, M = 8, K = 2, CountCell = M + K;
    static readonly WordFormat Word6 = new(N);
    static readonly Program Image = ClassicSubleq.Image("blocks", Word6, [9, 4, 6, -1, 7, 5, 0, 31], imageWords: M, outputSlots: K);
    static readonly ClassicLayout L = ClassicLayout.For(Image);

    static double[,] Punchcard() => L.Encode(Image, Image.InitialMemory);

    static double[,] RunAlone(Block block, double[,] x) =>
        ReferenceForward.Layer(new LayerPlan(1, block.Name, [block]).Build(L.Space), x, lambda: 1);

    /// <summary>The low <paramref name="width"/> bits of a two's complement value as ±1, MSB first.</summary>
    static double[] Bits(long value, int width) =>
        Enumerable.Range(0, width).Select(i => ((value >> (width - 1 - i)) & 1) == 1 ? 1.0 : -1.0).ToArray();

    static long WrapWord(long value) => ((value - Word6.Min) % (1 << N) + (1 << N)) % (1 << N) + Word6.Min;

    static void SetFlag(double[,] x, RowField flag, bool on) => x[flag[0], 0] = on ? 1 : 0;

    static void AssertFlag(double[,] x, RowField flag, bool expected, string why) =>
        Assert.True(Math.Abs(x[flag[0], 0] - (expected ? 1 : 0)) < 1e-9, $"{flag.Name} = {x[flag[0], 0]}, expected {(expected ? 1 : 0)} ({why})");

    static void AssertWord(double[,] x, RowField field, IReadOnlyList<double> expected, string why)
    {
        for (int i = 0; i < field.Width; i++)
            Assert.True(Math.Abs(x[field[i], 0] - expected[i]) < 1e-9, $"{field.Name}[{i}] = {x[field[i], 0]}, expected {expected[i]} ({why})");
    }

    /// <summary>
    /// Every entry keeps its value except column 0 of <paramref name="changed"/> (what the block writes or
    /// clears; checked by the test itself): other columns, scratch or not, memory and address codes included.
    /// </summary>
    static void AssertUnchangedExcept(double[,] before, double[,] after, params RowField[] changed)
    {
        var skip = changed.SelectMany(f => f.Rows).ToHashSet();
        for (int row = 0; row < L.Rows; row++)
            for (int column = 0; column < L.Columns; column++)
                if (column != 0 || !skip.Contains(row))
                    Assert.True(Math.Abs(before[row, column] - after[row, column]) < 1e-9,
                        $"{L.Space.NameRow(row)} column {column}: {before[row, column]} became {after[row, column]}");
    }

    /// <summary>
    /// Runs <paramref name="block"/> alone with every 6-bit word in <paramref name="input"/> (column 0) and checks
    /// that it sets <paramref name="flag"/> to <paramref name="expected"/> of the word and changes nothing else.
    /// </summary>
    static void AssertFlagForEveryWord(Block block, RowField input, RowField flag, Func<long, bool> expected)
    {
        for (long word = Word6.Min; word <= Word6.Max; word++)
        {
            var x = Punchcard();
            Encoding.Write(x, input, 0, Bits(word, N));
            var y = RunAlone(block, x);
            AssertFlag(y, flag, expected(word), $"{input.Name} = {word}");
            AssertUnchangedExcept(x, y, flag);
        }
    }

    // pc, pc + 1 and pc + 2 all in 0 … M − 1 (pc = M − 2 or M − 1 would fetch from the output region)
    [Fact]
    public void PcInImage_sets_pc_ok_exactly_when_the_instruction_s_three_words_lie_in_the_image() =>
        AssertFlagForEveryWord(ClassicBlocks.PcInImage(L), L.Pc, L.PcOk, pc => pc >= 0 && pc + 2 <= M - 1);

    [Fact]
    public void Checks_test_a_and_b_against_the_image_b_for_an_output_and_the_count_against_the_slots()
    {
        // Each of a, b and count takes every 6-bit value once, in different orders, so no two checks see the same word.
        for (long v = Word6.Min; v <= Word6.Max; v++)
        {
            long a = v, b = WrapWord(-1 - 3 * v), count = WrapWord(5 * v + 29);
            var x = Punchcard();
            Encoding.Write(x, L.A, 0, Bits(a, N));
            Encoding.Write(x, L.B, 0, Bits(b, N));
            Encoding.Write(x, L.Count, 0, Bits(count, N));
            var y = RunAlone(ClassicBlocks.Checks(L), x);
            string why = $"a {a}, b {b}, count {count}";
            AssertFlag(y, L.AOk, a >= 0 && a < M, why);
            AssertFlag(y, L.BOk, b >= 0 && b < M, why);
            AssertFlag(y, L.IsOut, b == -1, why);
            AssertFlag(y, L.CountOk, count >= 0 && count < K, why);
            AssertUnchangedExcept(x, y, L.AOk, L.BOk, L.IsOut, L.CountOk);
        }
    }

    [Fact]
    public void Kind_runs_writes_or_outputs_as_the_checks_allow_and_clears_them()
    {
        // b = −1 lies outside the image, so BOk and IsOut never hold together: the 24 other combinations.
        foreach (bool pcOk in new[] { false, true })
        foreach (bool aOk in new[] { false, true })
        foreach (bool bOk in new[] { false, true })
        foreach (bool isOut in new[] { false, true })
        foreach (bool countOk in new[] { false, true })
        {
            if (bOk && isOut) continue;
            var x = Punchcard();
            SetFlag(x, L.PcOk, pcOk);
            SetFlag(x, L.AOk, aOk);
            SetFlag(x, L.BOk, bOk);
            SetFlag(x, L.IsOut, isOut);
            SetFlag(x, L.CountOk, countOk);
            var y = RunAlone(ClassicBlocks.Kind(L), x);
            string why = $"pc ok {pcOk}, a ok {aOk}, b ok {bOk}, b = −1 {isOut}, count < K {countOk}";
            bool runs = pcOk && aOk && (bOk || isOut), output = pcOk && aOk && isOut;
            AssertFlag(y, L.Go, runs, why);
            AssertFlag(y, L.Write, pcOk && aOk && bOk, why);
            AssertFlag(y, L.Out, output, why);
            AssertFlag(y, L.OutWrite, output && countOk, why);
            foreach (var check in new[] { L.PcOk, L.AOk, L.BOk, L.IsOut, L.CountOk }) AssertFlag(y, check, false, $"{why}: cleared");
            AssertUnchangedExcept(x, y, L.Go, L.Write, L.Out, L.OutWrite, L.PcOk, L.AOk, L.BOk, L.IsOut, L.CountOk);
        }
    }

    // The difference is kept (it is not in the changed fields): the write value reads it in the same layer.
    [Fact]
    public void Flag_sets_le_exactly_when_the_difference_is_at_most_zero_and_keeps_the_difference() =>
        AssertFlagForEveryWord(ClassicBlocks.Flag(L), L.Diff, L.Le, difference => difference <= 0);

    [Theory]
    [InlineData(true, false, 0L, 9, 0)]     // subtract into b = 0
    [InlineData(true, false, 5L, 9, 5)]
    [InlineData(true, false, 7L, 8, 7)]     // b = M − 1, the image's last word
    [InlineData(false, true, -1L, 8, 8)]    // an output: slot 0 is cell M + 0
    [InlineData(false, true, -1L, 9, 9)]    // slot K − 1 = 1, cell 9
    [InlineData(false, false, 5L, 9, -1)]   // neither (cannot run, or an output with no free slot): nowhere
    [InlineData(false, false, -1L, 8, -1)]
    public void WritePointer_addresses_b_the_output_slot_or_nowhere_and_clears_what_it_used(bool write, bool outWrite, long b, long outPtr, int cell)
    {
        var x = Punchcard();
        SetFlag(x, L.Write, write);
        SetFlag(x, L.OutWrite, outWrite);
        Encoding.Write(x, L.B, 0, Bits(b, N));
        Encoding.Write(x, L.OutPtr, 0, Bits(outPtr, N));
        var y = RunAlone(ClassicBlocks.WritePointer(L), x);
        // The pointer is the cell's L-bit address, the code the write head matches in that cell's column; nowhere is zero.
        var expected = cell < 0 ? new double[L.AddressBits] : Bits(cell, L.AddressBits);
        if (cell >= 0) Assert.Equal(expected, Encoding.Read(x, L.AddressCode, L.MemoryColumnOf(cell)));
        AssertWord(y, L.WritePtr, expected, $"write {write}, out write {outWrite}, b {b}, M + count {outPtr}");
        AssertWord(y, L.B, new double[N], "b cleared");
        AssertWord(y, L.OutPtr, new double[N], "M + count cleared");
        AssertFlag(y, L.OutWrite, false, "out write cleared");
        AssertFlag(y, L.Write, write, "write kept for the branch");
        AssertUnchangedExcept(x, y, L.WritePtr, L.B, L.OutPtr, L.OutWrite);
    }

    [Theory]
    [InlineData(true, false, -32L, 31L, -32L)]  // subtract: b − a, the word's minimum
    [InlineData(true, false, 0L, 31L, 0L)]
    [InlineData(true, false, 31L, -5L, 31L)]    // the maximum
    [InlineData(true, false, -1L, 0L, -1L)]
    [InlineData(false, true, 12L, -7L, -7L)]    // output: mem[a]
    [InlineData(false, true, 3L, -32L, -32L)]
    [InlineData(false, true, 3L, 0L, 0L)]
    [InlineData(false, false, 12L, -7L, null)]  // neither: nothing (zero)
    public void WriteValue_takes_the_difference_or_mem_a_and_clears_both(bool write, bool output, long difference, long memA, long? value)
    {
        var x = Punchcard();
        SetFlag(x, L.Write, write);
        SetFlag(x, L.Out, output);
        Encoding.Write(x, L.Diff, 0, Bits(difference, N));
        Encoding.Write(x, L.MemA, 0, Bits(memA, N));
        var y = RunAlone(ClassicBlocks.WriteValue(L), x);
        AssertWord(y, L.WriteValue, value is { } v ? Bits(v, N) : new double[N], $"write {write}, out {output}, b − a {difference}, mem[a] {memA}");
        AssertWord(y, L.Diff, new double[N], "b − a cleared");
        AssertWord(y, L.MemA, new double[N], "mem[a] cleared");
        AssertFlag(y, L.Write, write, "write kept");
        AssertFlag(y, L.Out, output, "out kept");
        AssertUnchangedExcept(x, y, L.WriteValue, L.Diff, L.MemA);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CountPointer_addresses_the_count_on_an_output_else_nowhere_and_clears_out(bool output)
    {
        var x = Punchcard();
        SetFlag(x, L.Out, output);
        var y = RunAlone(ClassicBlocks.CountPointer(L), x);
        // outn is cell M + K = 10 = 1010 in 4 address bits.
        double[] count = [1, -1, 1, -1];
        Assert.Equal(count, Encoding.Read(x, L.AddressCode, L.MemoryColumnOf(CountCell)));
        AssertWord(y, L.CountPtr, output ? count : new double[L.AddressBits], $"out {output}");
        AssertFlag(y, L.Out, false, "out cleared");
        AssertUnchangedExcept(x, y, L.CountPtr, L.Out);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]    // an output's le means nothing: no branch
    [InlineData(false, false, false)]
    public void BranchFlag_branches_on_a_written_result_at_most_zero_and_clears_write_and_le(bool write, bool le, bool branch)
    {
        var x = Punchcard();
        SetFlag(x, L.Write, write);
        SetFlag(x, L.Le, le);
        var y = RunAlone(ClassicBlocks.BranchFlag(L), x);
        AssertFlag(y, L.Branch, branch, $"write {write}, le {le}");
        AssertFlag(y, L.Write, false, "write cleared");
        AssertFlag(y, L.Le, false, "le cleared");
        AssertUnchangedExcept(x, y, L.Branch, L.Write, L.Le);
    }

    /// <summary>A pointer's value in a column: Σ weight · row for each address bit.</summary>
    static double[] PointerIn(double[,] x, AddressPointer pointer, int column) =>
        pointer.Bits.Select(bit => bit.Sum(t => t.Weight * x[t.Row, column])).ToArray();

    [Theory]
    [InlineData(0L)]
    [InlineData(5L)]
    [InlineData(7L)]    // M − 1
    [InlineData(10L)]   // the count's cell
    public void Low_reads_a_word_s_low_address_bits_as_the_cell_s_address(long word)
    {
        var x = Punchcard();
        Encoding.Write(x, L.Pc, 0, Bits(word, N));
        var pointer = ClassicBlocks.Low(L, L.Pc);
        Assert.Equal(Encoding.Read(x, L.AddressCode, L.MemoryColumnOf((int)word)), PointerIn(x, pointer, 0));
        Assert.Equal(Bits(word, L.AddressBits), PointerIn(x, pointer, 0));
        Assert.Equal(new double[L.AddressBits], PointerIn(x, pointer, 1)); // memory columns hold no pc: they point nowhere
    }

    [Fact]
    public void Constant_names_a_cell_s_address_in_column_0_only()
    {
        var x = Punchcard();
        var pointer = ClassicBlocks.Constant(L, CountCell);
        Assert.Equal(new double[] { 1, -1, 1, -1 }, PointerIn(x, pointer, 0));   // 10 = 1010
        for (int column = 1; column < L.Columns; column++) Assert.Equal(new double[L.AddressBits], PointerIn(x, pointer, column));
    }

    static void Write(double[,] x, RowField field, double[] word)
    {
        for (int i = 0; i < field.Width; i++) x[field[i], 0] = word[i];
    }
}
