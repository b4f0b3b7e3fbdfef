namespace LoopedComputer.Machines.Blocks;

/// <summary>One addend of <see cref="BinaryAdder"/>: a ±1 word, MSB first, or its bitwise complement.</summary>
public readonly record struct Addend(RowField Field, bool Complement = false)
{
    public static implicit operator Addend(RowField field) => new(field);
}

/// <summary>
/// The released construction's ripple-free adder: one feed-forward step adds one or two ±1 words
/// (MSB first, each possibly complemented) and a constant, mod 2^w, and writes the ±1 sum. For
/// output bit i (LSB = 1) the units read T = (low i bits of the addends, as numbers) + (constant
/// mod 2^i), an integer in [0, 2^(i+1)), and six ReLUs form
/// [T ≥ 2^(i−1)] + [T ≤ 2^i − 1] + [T ≥ 3·2^(i−1)] − 1, which is bit i of T. All biases are
/// multiplied by the gate row, so the adder acts only where the gate is 1 (column 0).
/// Weights reach 2^(w−1)/2: errors in the inputs grow by about 2^w (see docs/paper-subleq.md).
/// </summary>
public static class BinaryAdder
{
    /// <summary><paramref name="output"/> ← the addends + <paramref name="constant"/> mod 2^w, in column 0.</summary>
    public static Block Sum(string name, RowSpace space, IReadOnlyList<Addend> addends, long constant, RowField output) => new(name)
    {
        Reads = addends.Select(a => a.Field).Distinct().ToList(),
        Writes = [output],
        Units = ff => Add(ff, addends, constant, output, space.Indicator[0]),
    };

    /// <summary><paramref name="counter"/> ← counter + 1 mod 2^w in place (column 0): the sum with the constant 1, minus the old value.</summary>
    public static Block Increment(string name, RowSpace space, RowField counter) => new(name)
    {
        Reads = [counter],
        Writes = [counter],
        Units = ff =>
        {
            Add(ff, [counter], 1, counter, space.Indicator[0]);
            ff.Clear(counter);
        },
    };

    public static void Add(FeedForwardBuilder ff, IReadOnlyList<Addend> addends, long constant, RowField output, int gateRow)
    {
        int w = output.Width;
        if (addends.Count is 0 or > 2 || addends.Any(a => a.Field.Width != w))
            throw new ArgumentException("the adder adds one or two words of the output's width");
        for (int i = 1; i <= w; i++)
        {
            double half = Math.Pow(2, i - 1), full = 2 * half;
            long low = constant & ((1L << i) - 1);
            if (addends.Count * (full - 1) + low > 2 * full - 1)
                throw new ArgumentException("two words and a constant above 1 can overflow the adder's range");
            // T = Σ ±(2^(j−1)/2)·β_j + offset: u_j = (β_j + 1)/2 gives (2^i − 1)/2 per addend; a complement uses 1 − u_j.
            var weights = addends.SelectMany(a => Enumerable.Range(1, i)
                .Select(j => (Row: a.Field[w - j], Weight: (a.Complement ? -1 : 1) * Math.Pow(2, j - 1) / 2))).ToList();
            double offset = addends.Count * (full - 1) / 2 + low;
            var negated = weights.Select(x => (x.Row, -x.Weight)).ToList();
            int bit = output[w - i];
            void Step(List<(int Row, double Weight)> sum, double bias)
            {
                ff.Unit([.. sum, (gateRow, bias + 1)], 0, [(bit, 2)]);
                ff.Unit([.. sum, (gateRow, bias)], 0, [(bit, -2)]);
            }
            Step(weights, offset - half);          // [T ≥ 2^(i−1)]
            Step(negated, -offset + full - 1);     // [T ≤ 2^i − 1]
            Step(weights, offset - 3 * half);      // [T ≥ 3·2^(i−1)]
        }
        ColumnConstant.Add(ff, gateRow, output.Rows.Select(r => (r, -3.0)));
    }
}
