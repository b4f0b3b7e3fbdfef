namespace LoopedComputer.Machines;

/// <summary>
/// Builds a feed-forward step one ReLU unit at a time: each unit reads a few rows (plus a broadcast
/// bias) and writes a few rows. Units that must act only in some columns read an indicator row
/// instead of using a bias, which keeps every bias a standard broadcast one.
/// </summary>
public sealed class FeedForwardBuilder(int rows)
{
    readonly List<(IReadOnlyList<(int Row, double Weight)> Inputs, double Bias, IReadOnlyList<(int Row, double Weight)> Outputs)> units = [];
    readonly List<(int Row, double Value)> biases = [];

    /// <summary>Units and biases added so far: a mark to ask, later, which rows what came after it read and wrote.</summary>
    public (int Units, int Biases) Mark => (units.Count, biases.Count);

    /// <summary>The output biases added since <paramref name="mark"/>, in order.</summary>
    public IReadOnlyList<(int Row, double Value)> BiasesSince((int Units, int Biases) mark) => biases.Skip(mark.Biases).ToList();

    /// <summary>The rows the units and biases added since <paramref name="mark"/> read (W1) and write (W2, b2), by non-zero weights.</summary>
    public (IReadOnlySet<int> Reads, IReadOnlySet<int> Writes) RowsUsedSince((int Units, int Biases) mark)
    {
        var reads = new HashSet<int>();
        var writes = new HashSet<int>(biases.Skip(mark.Biases).Select(b => b.Row));
        foreach (var (inputs, _, outputs) in units.Skip(mark.Units))
        {
            reads.UnionWith(inputs.Where(i => i.Weight != 0).Select(i => i.Row));
            writes.UnionWith(outputs.Where(o => o.Weight != 0).Select(o => o.Row));
        }
        return (reads, writes);
    }

    /// <summary>Adds h = ReLU(Σ w·x[row] + bias) and x[row] += w·h for each output.</summary>
    public void Unit(IEnumerable<(int Row, double Weight)> inputs, double bias, IEnumerable<(int Row, double Weight)> outputs) =>
        units.Add((inputs.ToArray(), bias, outputs.ToArray()));

    public void Unit((int Row, double Weight) input, double bias, (int Row, double Weight) output) =>
        Unit([input], bias, [output]);

    /// <summary>Adds −x[row]: ReLU(−x) − ReLU(x), so that the residual cancels the row.</summary>
    public void Clear(int row)
    {
        Unit((row, -1), 0, (row, 1));
        Unit((row, 1), 0, (row, -1));
    }

    public void Clear(RowField field)
    {
        foreach (int row in field.Rows) Clear(row);
    }

    /// <summary>Adds <paramref name="value"/> to <paramref name="row"/> in every column (b2).</summary>
    public void Bias(int row, double value)
    {
        biases.Add((row, value));
    }

    public FeedForward Build()
    {
        int hidden = units.Count;
        var w1 = new double[hidden, rows];
        var b1 = new double[hidden];
        var w2 = new double[rows, hidden];
        for (int h = 0; h < hidden; h++)
        {
            foreach (var (row, weight) in units[h].Inputs) w1[h, row] += weight;
            b1[h] = units[h].Bias;
            foreach (var (row, weight) in units[h].Outputs) w2[row, h] += weight;
        }
        var b2 = new double[rows];
        foreach (var (row, value) in biases) b2[row] += value;
        return new FeedForward(w1, b1, w2, b2);
    }
}
