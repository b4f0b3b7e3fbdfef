using LoopedComputer.Machines;

namespace LoopedComputer.Studies.Measurement;

/// <summary>Changed copies of a machine's weights for the noise study: Gaussian noise on the weights, and the error correction taken out.</summary>
public static class WeightEdits
{
    /// <summary>A sample of N(0, σ²) (Box–Muller).</summary>
    public static double Gaussian(Random random, double sigma)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return sigma * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    /// <summary>
    /// The weights with N(0, σ²) added to every non-zero weight and bias (attention pointer, code and
    /// value matrices, W1, b1, W2, b2), drawn in that order from <paramref name="random"/>. The
    /// structural zeros stay zero: perturbing them would make every matrix dense and add noise from
    /// every row of the state to every sum.
    /// </summary>
    public static MachineWeights WithNoise(MachineWeights weights, double sigma, Random random)
    {
        double[,] Noisy(double[,] m)
        {
            var copy = (double[,])m.Clone();
            for (int i = 0; i < copy.GetLength(0); i++)
                for (int j = 0; j < copy.GetLength(1); j++)
                    if (copy[i, j] != 0) copy[i, j] += Gaussian(random, sigma);
            return copy;
        }
        double[] NoisyVector(double[] v) => v.Select(x => x != 0 ? x + Gaussian(random, sigma) : 0).ToArray();
        return weights with
        {
            Layers = weights.Layers.Select(layer => layer with
            {
                // A new head, not `with`: the query (pointer + code) is computed when a head is made.
                Heads = layer.Heads.Select(h => new AttentionHead(h.Name, Noisy(h.Pointer), Noisy(h.Code), h.HolderRow, Noisy(h.Value))).ToList(),
                FeedForward = new FeedForward(Noisy(layer.FeedForward.W1), NoisyVector(layer.FeedForward.B1), Noisy(layer.FeedForward.W2), NoisyVector(layer.FeedForward.B2)),
            }).ToList(),
        };
    }

    /// <summary>
    /// The weights without the blocks that correct errors (<see cref="BlockSummary.CorrectsErrors"/>):
    /// their hidden units and output biases are zeroed, so each such block leaves its rows as they
    /// come (the residual) instead of snapping them. Returns the weights and the units removed.
    /// </summary>
    public static (MachineWeights Weights, int UnitsRemoved) WithoutErrorCorrection(MachineWeights weights)
    {
        int removed = 0;
        var layers = weights.Layers.Select(layer =>
        {
            var corrections = layer.Blocks.Where(b => b.CorrectsErrors).ToList();
            if (corrections.Count == 0) return layer;
            var ff = layer.FeedForward;
            var (w1, b1, w2, b2) = ((double[,])ff.W1.Clone(), (double[])ff.B1.Clone(), (double[,])ff.W2.Clone(), (double[])ff.B2.Clone());
            foreach (var block in corrections)
            {
                for (int unit = block.FirstUnit; unit < block.FirstUnit + block.Units; unit++)
                {
                    for (int row = 0; row < w1.GetLength(1); row++) w1[unit, row] = 0;
                    for (int row = 0; row < w2.GetLength(0); row++) w2[row, unit] = 0;
                    b1[unit] = 0;
                }
                foreach (var (row, value) in block.OutputBiases) b2[row] -= value;
                removed += block.Units;
            }
            return layer with { FeedForward = new FeedForward(w1, b1, w2, b2) };
        }).ToList();
        return (weights with { Layers = layers }, removed);
    }
}
