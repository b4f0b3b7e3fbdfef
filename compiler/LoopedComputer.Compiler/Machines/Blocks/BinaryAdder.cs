namespace LoopedComputer.Compiler.Machines.Blocks;

/// <summary>
/// The released construction's ripple-free adder: one feed-forward step adds one or two ±1 words
/// (MSB first) and a constant, mod 2^w, and writes the ±1 sum. For output bit i (LSB = 1) the
/// units read T = (low i bits of the inputs, as numbers) + (constant mod 2^i), an integer in
/// [0, 2^(i+1)), and six ReLUs form [T ≥ 2^(i−1)] + [T ≤ 2^i − 1] + [T ≥ 3·2^(i−1)] − 1, which is
/// bit i of T. All biases are multiplied by the gate row, so the adder acts in column 0 only.
/// Weights reach 2^(w−1)/2: errors in the inputs grow by about 2^w (see docs/paper-subleq.md).
/// </summary>
public static class BinaryAdder
{
    public static void Add(FeedForwardBuilder ff, IReadOnlyList<RowField> inputs, long constant, RowField output, int gateRow)
    {
        int w = output.Width;
        if (inputs.Count == 0 || inputs.Count + (constant != 0 ? 1 : 0) > 2 || inputs.Any(f => f.Width != w))
            throw new ArgumentException("the adder adds one or two words of the output's width and at most one constant (two terms in all)");
        for (int i = 1; i <= w; i++)
        {
            double half = Math.Pow(2, i - 1), full = 2 * half;
            // T = Σ (2^(j−1)/2)·β_j + offset, with u_j = (β_j + 1)/2 giving the constant (2^i − 1)/2 per input.
            var weights = inputs.SelectMany(f => Enumerable.Range(1, i).Select(j => (Row: f[w - j], Weight: Math.Pow(2, j - 1) / 2))).ToList();
            double offset = inputs.Count * (full - 1) / 2 + (constant & ((1L << i) - 1));
            var negated = weights.Select(x => (x.Row, -x.Weight)).ToList();
            int bit = output[w - i];
            void Step(List<(int Row, double Weight)> sum, double bias, double sign)
            {
                ff.Unit([.. sum, (gateRow, bias + 1)], 0, [(bit, 2 * sign)]);
                ff.Unit([.. sum, (gateRow, bias)], 0, [(bit, -2 * sign)]);
            }
            Step(weights, offset - half, +1);          // [T ≥ 2^(i−1)]
            Step(negated, -offset + full - 1, +1);     // [T ≤ 2^i − 1]
            Step(weights, offset - 3 * half, +1);      // [T ≥ 3·2^(i−1)]
        }
        ColumnConstant.Add(ff, gateRow, output.Rows.Select(r => (r, -3.0)));
    }
}
