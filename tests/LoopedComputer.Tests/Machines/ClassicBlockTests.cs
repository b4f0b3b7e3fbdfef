using LoopedComputer.Machines;
using LoopedComputer.Machines.Classic;

namespace LoopedComputer.Tests.Machines;

/// <summary>
/// The classic machine's saturation block alone in a layer on a hand-made state of two columns:
/// column 0 (the indicator is 1) holds a, b and the adder's wrapped difference; column 1 (as every
/// column but 0 of the machine) holds zeros there. Words are 5 bits; codes and results by hand.
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

    static void Write(double[,] x, RowField field, double[] word)
    {
        for (int i = 0; i < field.Width; i++) x[field[i], 0] = word[i];
    }
}
