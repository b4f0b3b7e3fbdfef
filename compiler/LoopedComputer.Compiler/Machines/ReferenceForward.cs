namespace LoopedComputer.Compiler.Machines;

/// <summary>
/// The transformer's forward pass in plain C# doubles, written for clarity, not speed: the
/// definition the TorchSharp engine is tested against, and the harness of the building-block tests.
/// </summary>
public static class ReferenceForward
{
    /// <summary>One layer: X + Σ_h V_h·X·softmax_keys(λ·(K_h X)ᵀ(Q_h X)), then X + W2·ReLU(W1·X + b1) + b2.</summary>
    public static double[,] Layer(LayerWeights layer, double[,] x, double lambda)
    {
        int d = x.GetLength(0), n = x.GetLength(1);
        var y = (double[,])x.Clone();
        foreach (var head in layer.Heads)
        {
            var q = Multiply(head.Query, x);
            var k = Multiply(head.Key, x);
            var vx = Multiply(head.Value, x);
            for (int i = 0; i < n; i++)
            {
                var scores = new double[n];
                for (int j = 0; j < n; j++)
                    for (int r = 0; r < q.GetLength(0); r++)
                        scores[j] += k[r, j] * q[r, i];
                double max = scores.Max();
                var weights = scores.Select(s => Math.Exp(lambda * (s - max))).ToArray();
                double total = weights.Sum();
                for (int row = 0; row < d; row++)
                {
                    double sum = 0;
                    for (int j = 0; j < n; j++) sum += vx[row, j] * weights[j];
                    y[row, i] += sum / total;
                }
            }
        }
        var ff = layer.FeedForward;
        var hidden = Multiply(ff.W1, y);
        for (int h = 0; h < ff.Hidden; h++)
            for (int j = 0; j < n; j++)
                hidden[h, j] = Math.Max(0, hidden[h, j] + ff.B1[h]);
        var update = Multiply(ff.W2, hidden);
        for (int row = 0; row < d; row++)
            for (int j = 0; j < n; j++)
                y[row, j] += update[row, j] + ff.B2[row];
        return y;
    }

    public static double[,] Loop(MachineWeights machine, double[,] x, double lambda)
    {
        foreach (var layer in machine.Layers) x = Layer(layer, x, lambda);
        return x;
    }

    static double[,] Multiply(double[,] a, double[,] b)
    {
        int rows = a.GetLength(0), inner = a.GetLength(1), columns = b.GetLength(1);
        var c = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < inner; k++)
            {
                double aik = a[i, k];
                if (aik == 0) continue;
                for (int j = 0; j < columns; j++) c[i, j] += aik * b[k, j];
            }
        return c;
    }
}
