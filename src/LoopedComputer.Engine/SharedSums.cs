namespace LoopedComputer.Engine;

/// <summary>
/// The hidden units' input weights W1 (h×d) factored as W1[unit] = scale·U[sum of unit]: U holds
/// each distinct row once, and a unit whose row is an exact multiple of another's shares that
/// row's sum. On the FLEQ machine at 40 bits the ALU layer's 5,656 units read 1,335 distinct sums
/// (1.35 M non-zero weights become 14 thousand). A row is shared only with a scale of ±2^k, so
/// scale·(U·x) is exactly W1[unit]·x in any binary format: the sums differ by a power of two.
/// </summary>
sealed class SharedSums
{
    /// <summary>The units kept, in W1's order: those that write and read something.</summary>
    public int[] Units { get; }
    /// <summary>Units that write but read no row: ReLU(b1) is a constant.</summary>
    public int[] Constants { get; }
    /// <summary>The distinct rows, [distinct, d].</summary>
    public double[,] Sums { get; }
    /// <summary>For each kept unit, its row of <see cref="Sums"/>.</summary>
    public int[] SumOfUnit { get; }
    /// <summary>For each kept unit, W1[unit] / Sums[SumOfUnit].</summary>
    public double[] Scale { get; }
    /// <summary>Every unit has a row of its own, in order: no gather needed.</summary>
    public bool IsIdentity => SumOfUnit.Select((s, i) => s == i).All(same => same);

    SharedSums(int[] units, int[] constants, double[,] sums, int[] sumOfUnit, double[] scale) =>
        (Units, Constants, Sums, SumOfUnit, Scale) = (units, constants, sums, sumOfUnit, scale);

    public static SharedSums Factor(double[,] w1, IReadOnlyList<int> writingUnits)
    {
        int d = w1.GetLength(1);
        var units = new List<int>();
        var constants = new List<int>();
        var representatives = new List<int>();         // the unit whose row stands for each sum
        var sumOfRow = new Dictionary<string, int>(); // the row over ±2^k of its first weight → its sum
        var sumOfUnit = new List<int>();
        var scale = new List<double>();
        foreach (int u in writingUnits)
        {
            var reads = Enumerable.Range(0, d).Where(c => w1[u, c] != 0).ToArray();
            if (reads.Length == 0)
            {
                constants.Add(u);
                continue;
            }
            // Dividing by a signed power of two is exact, so two rows have the same key exactly when
            // one is ±2^k times the other.
            double unit = PowerOfTwoOf(w1[u, reads[0]]);
            string row = string.Join(";", reads.Select(c => $"{c}:{w1[u, c] / unit:R}"));
            if (!sumOfRow.TryGetValue(row, out int sum))
            {
                sum = sumOfRow[row] = representatives.Count;
                representatives.Add(u);
            }
            units.Add(u);
            sumOfUnit.Add(sum);
            scale.Add(unit / PowerOfTwoOf(w1[representatives[sum], reads[0]]));
        }
        var sums = new double[representatives.Count, d];
        for (int s = 0; s < representatives.Count; s++)
            for (int c = 0; c < d; c++)
                sums[s, c] = w1[representatives[s], c];
        return new SharedSums(units.ToArray(), constants.ToArray(), sums, sumOfUnit.ToArray(), scale.ToArray());
    }

    /// <summary>±2^⌊log2 |w|⌋ with the sign of w.</summary>
    static double PowerOfTwoOf(double w) => Math.CopySign(Math.ScaleB(1, Math.ILogB(w)), w);
}
