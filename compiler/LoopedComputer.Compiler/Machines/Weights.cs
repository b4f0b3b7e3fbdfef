namespace LoopedComputer.Compiler.Machines;

/// <summary>
/// One attention head over X (d×n): output = V·X·softmax_keys(λ·(K·X)ᵀ(Q·X)). Q and K are r×d, V is d×d.
/// Plain arrays: the engine uploads them.
/// </summary>
public sealed record AttentionHead(string Name, double[,] Query, double[,] Key, double[,] Value);

/// <summary>X ← X + W2·ReLU(W1·X + b1) + b2, the biases broadcast over columns. W1 is h×d, W2 is d×h.</summary>
public sealed record FeedForward(double[,] W1, double[] B1, double[,] W2, double[] B2)
{
    public int Hidden => B1.Length;
}

/// <summary>One layer: X ← X + Σ_h head_h(X), then the feed-forward step.</summary>
public sealed record LayerWeights(string Name, IReadOnlyList<AttentionHead> Heads, FeedForward FeedForward);

/// <summary>The weights of a whole machine: its layers in order, applied once per loop.</summary>
public sealed record MachineWeights(string Machine, int Rows, IReadOnlyList<LayerWeights> Layers)
{
    public long ParameterCount => Layers.Sum(l =>
        l.Heads.Sum(h => (long)h.Query.Length + h.Key.Length + h.Value.Length) +
        l.FeedForward.W1.Length + l.FeedForward.B1.Length + l.FeedForward.W2.Length + l.FeedForward.B2.Length);

    public long NonZeroCount => Layers.Sum(l =>
        l.Heads.Sum(h => NonZero(h.Query) + NonZero(h.Key) + NonZero(h.Value)) +
        NonZero(l.FeedForward.W1) + l.FeedForward.B1.Count(v => v != 0) + NonZero(l.FeedForward.W2) + l.FeedForward.B2.Count(v => v != 0));

    static long NonZero(double[,] matrix) => matrix.Cast<double>().LongCount(v => v != 0);
}
