namespace LoopedComputer.Machines.Classic;

/// <summary>
/// Saturating subtraction's correction: after an adder has written the wrapped difference d = b − a
/// (±1 words, MSB first), replaces it by the word's maximum where b − a overflowed upwards (b ≥ 0,
/// a &lt; 0, d &lt; 0) and by its minimum where it overflowed downwards (b &lt; 0, a ≥ 0, d ≥ 0).
/// Each case is an AND of the three sign bits, and with a fourth input each bit that must change:
/// one ReLU per bit and case, so the whole correction is one feed-forward step. Constants ride on
/// the indicator row, so columns other than 0 (where the words are 0) are left alone.
/// </summary>
public static class Saturation
{
    public static Block Clamp(string name, RowSpace space, RowField a, RowField b, RowField difference) => new(name)
    {
        Reads = [a, b, difference],
        Writes = [difference],
        Units = ff => Add(ff, a, b, difference, space.Indicator[0]),
    };

    static void Add(FeedForwardBuilder ff, RowField a, RowField b, RowField d, int one)
    {
        // [sign bit is 1] = (1 + β)/2 and [sign bit is 0] = (1 − β)/2, the 1 on the indicator.
        static (int Row, double Weight)[] Is(int row, bool set, int one) => [(row, set ? 0.5 : -0.5), (one, 0.5)];
        foreach (bool upwards in new[] { true, false })
        {
            // upwards: b ≥ 0, a < 0, d < 0 → the maximum 0 1 … 1; downwards: b < 0, a ≥ 0, d ≥ 0 → the minimum 1 0 … 0.
            (int, double)[] signs = [.. Is(b[0], !upwards, one), .. Is(a[0], upwards, one), .. Is(d[0], upwards, one)];
            ff.Unit([.. signs, (one, -2)], 0, [(d[0], upwards ? -2 : 2)]);
            for (int i = 1; i < d.Width; i++)
                ff.Unit([.. signs, .. Is(d[i], !upwards, one), (one, -3)], 0, [(d[i], upwards ? 2 : -2)]);
        }
    }
}
