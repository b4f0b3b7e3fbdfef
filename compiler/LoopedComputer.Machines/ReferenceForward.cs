namespace LoopedComputer.Machines;

/// <summary>
/// The transformer's forward pass in plain C# doubles, written for clarity, not speed: the
/// definition the TorchSharp engine is tested against, and the harness of the building-block tests.
/// </summary>
public static class ReferenceForward
{
    /// <summary>
    /// One layer: X + Σ_h mix_h(X), then X + W2·ReLU(W1·X + b1) + b2. The softmax mix is
    /// V_h·X·softmax_keys(λ·(K_h X)ᵀ(Q_h X)); the linear mix is <see cref="LinearHead"/> (λ unused).
    /// </summary>
    public static double[,] Layer(LayerWeights layer, double[,] x, double lambda, MixerKind mixer = MixerKind.Softmax)
    {
        int d = x.GetLength(0), n = x.GetLength(1);
        var y = (double[,])x.Clone();
        foreach (var head in layer.Heads)
        {
            var mix = mixer == MixerKind.Linear ? LinearHead(head, x) : SoftmaxHead(head, x, lambda);
            for (int row = 0; row < d; row++)
                for (int j = 0; j < n; j++)
                    y[row, j] += mix[row, j];
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

    public static double[,] Loop(MachineWeights machine, double[,] x, double lambda, MixerKind mixer = MixerKind.Softmax)
    {
        foreach (var layer in machine.Layers) x = Layer(layer, x, lambda, mixer);
        return x;
    }

    /// <summary>One softmax head: V·X·softmax_keys(λ·(K X)ᵀ(Q X)), the column maximum subtracted first.</summary>
    public static double[,] SoftmaxHead(AttentionHead head, double[,] x, double lambda)
    {
        int d = x.GetLength(0), n = x.GetLength(1);
        var q = Multiply(head.Query, x);
        var k = Multiply(head.Key, x);
        var vx = Multiply(head.Value, x);
        var mix = new double[d, n];
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
                mix[row, i] = sum / total;
            }
        }
        return mix;
    }

    /// <summary>
    /// The linear-time mixer for one addressed head: the λ → ∞ limit of its softmax, computed with
    /// three D = 1 linear attentions around a ReLU comparator, O(n) (docs/linear-mixer.md).
    /// Broadcast: b = Σ_j h_j·(P x_j), the holder's pointer. Compare: match_j = clamp(2(c_j·b − L + 1), 0, 1),
    /// 1 exactly where the code c_j equals b. Reduce: g = Σ_j match_j·V x_j (the addressed value),
    /// u = Σ_j h_j·V x_j (the holder's value), found = Σ_j match_j. Then column j receives
    /// the holder: ½·V x_j + ½·g (+ ½·V x_j again if nothing matched: its own score is then the only maximum);
    /// the matched column: ½·V x_j + ½·u; another coded column: V x_j; a column with no code: the mean of V x.
    /// </summary>
    public static double[,] LinearHead(AttentionHead head, double[,] x)
    {
        int d = x.GetLength(0), n = x.GetLength(1), bits = head.CodeBits;
        var holder = Enumerable.Range(0, n).Select(j => x[head.HolderRow, j]).ToArray();
        var pointers = Multiply(head.Pointer, x);
        var codes = Multiply(head.Code, x);
        var vx = Multiply(head.Value, x);
        var b = new double[bits];
        for (int r = 0; r < bits; r++)
            for (int j = 0; j < n; j++)
                b[r] += holder[j] * pointers[r, j];
        var match = new double[n];
        var coded = new double[n];
        for (int j = 0; j < n; j++)
        {
            double score = 0, norm = 0;
            for (int r = 0; r < bits; r++)
            {
                score += codes[r, j] * b[r];
                norm += codes[r, j] * codes[r, j];
            }
            match[j] = Math.Clamp(2 * (score - bits + 1), 0, 1);
            coded[j] = norm / bits;
        }
        double found = match.Sum();
        var mix = new double[d, n];
        for (int row = 0; row < d; row++)
        {
            double addressed = 0, held = 0, mean = 0;
            for (int j = 0; j < n; j++)
            {
                addressed += match[j] * vx[row, j];
                held += holder[j] * vx[row, j];
                mean += vx[row, j];
            }
            mean /= n;
            for (int j = 0; j < n; j++)
            {
                double uncoded = 1 - holder[j] - coded[j];
                double self = 1 - holder[j] / 2 - match[j] / 2 + holder[j] * (1 - found) / 2 - uncoded;
                mix[row, j] = self * vx[row, j] + holder[j] * addressed / 2 + match[j] * held / 2 + uncoded * mean;
            }
        }
        return mix;
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
