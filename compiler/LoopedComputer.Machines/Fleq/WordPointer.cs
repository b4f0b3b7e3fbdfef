using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// A word used as an address: code bit i (MSB first) is the word's bit of weight 2^(L−1−i); where the
/// word has no such bit the code bit is the constant −1 (a value bit of 0), read off the indicator row.
/// </summary>
static class WordPointer
{
    public static AddressPointer From(FleqLayout l, RowField word, int codeBits) =>
        new(word, Enumerable.Range(0, codeBits).Select(i =>
        {
            int exponent = codeBits - 1 - i;
            return (IReadOnlyList<(int, double)>)(exponent < word.Width ? [(l.BitRow(word, exponent), 1.0)] : [(l.Indicator, -1.0)]);
        }).ToList());

    /// <summary>
    /// Adds gate·(the pointer's code) to <paramref name="output"/> (gate a 0/1 row, the code ±1):
    /// ReLU(v + g − 1) − ReLU(−v + g − 1) per bit.
    /// </summary>
    public static void Route(FeedForwardBuilder ff, FleqLayout l, RowField word, int gateRow, RowField output)
    {
        var code = From(l, word, output.Width).Bits;
        for (int i = 0; i < output.Width; i++)
        {
            ff.Unit([.. code[i], (gateRow, 1), (l.Indicator, -1)], 0, [(output[i], 1)]);
            ff.Unit([.. code[i].Select(t => (t.Row, -t.Weight)), (gateRow, 1), (l.Indicator, -1)], 0, [(output[i], -1)]);
        }
    }
}
