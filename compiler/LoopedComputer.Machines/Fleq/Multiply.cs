namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// mul, low N bits of x·y, in two feed-forward steps. First the partial products
/// a(j, k) = [x_j = 1 ∧ y_k = 1] = ReLU((x_j + y_k)/2) for j + k &lt; N; then bit e of the product is
/// ⌊T_e / 2^e⌋ mod 2 with T_e = Σ_{j+k ≤ e} 2^(j+k)·a(j, k), read off a staircase of unit ramps
/// [T ≥ t·2^e], t = 1, 2, ... with alternating signs. T_e stays below N·2^N, which bounds the exact
/// word width (float32: N ≤ 19).
/// </summary>
public static class Multiply
{
    /// <summary>Row of a(j, k) within PartialProducts, for j + k &lt; N.</summary>
    static int Index(int j, int k, int n) => (j + k) * (j + k + 1) / 2 + k;

    public static Block PartialProducts(FleqLayout l) => new("partial products")
    {
        Reads = [l.X, l.Y],
        Writes = [l.PartialProducts],
        Units = ff =>
        {
            int n = l.WordBits;
            for (int j = 0; j < n; j++)
                for (int k = 0; j + k < n; k++)
                    ff.Unit([(l.BitRow(l.X, j), 0.5), (l.BitRow(l.Y, k), 0.5)], 0, [(l.PartialProducts[Index(j, k, n)], 1)]);
        },
    };

    public static Block Bits(FleqLayout l) => new("product bits")
    {
        Reads = [l.PartialProducts],
        Writes = [l.Product],
        Units = ff => AddBits(ff, l),
    };

    static void AddBits(FeedForwardBuilder ff, FleqLayout l)
    {
        int n = l.WordBits;
        for (int e = 0; e < n; e++)
        {
            var sum = new List<(int Row, double Weight)>();
            double max = 0;
            for (int j = 0; j <= e; j++)
                for (int k = 0; j + k <= e; k++)
                {
                    sum.Add((l.PartialProducts[Index(j, k, n)], Math.Pow(2, j + k)));
                    max += Math.Pow(2, j + k);
                }
            int bit = l.BitRow(l.Product, e);
            double step = Math.Pow(2, e);
            for (int t = 1; t * step <= max; t++)
            {
                double sign = t % 2 == 1 ? 2 : -2; // ±1 output: 2·bit − 1
                ff.Unit(sum, -t * step + 1, [(bit, sign)]);
                ff.Unit(sum, -t * step, [(bit, -sign)]);
            }
        }
        Blocks.ColumnConstant.Add(ff, l.Indicator, l.Product.Rows.Select(r => (r, -1.0)));
    }
}
