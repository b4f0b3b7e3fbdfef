namespace LoopedComputer.Machines;

/// <summary>What fills a layer's attention slot: the faithful softmax heads or the exact linear-time mixer.</summary>
public enum MixerKind
{
    Softmax,
    Linear,
}

/// <summary>
/// One addressed head (see Blocks/AddressedAttention): the holder column (1 in <see cref="HolderRow"/>)
/// carries a ±1 pointer (<see cref="Pointer"/>·x, zero in every other column), every other column
/// may carry a ±1 address code (<see cref="Code"/>·x, zero in the holder) and <see cref="Value"/>
/// (d×d) copies rows. The compiler gives both mixers their weights from this one description:
/// softmax uses Q = K = Pointer + Code (r×d) and V; the linear mixer uses Pointer, Code, the
/// holder row and V directly (docs/linear-mixer.md). Plain arrays: the engine uploads them.
/// </summary>
public sealed record AttentionHead(string Name, double[,] Pointer, double[,] Code, int HolderRow, double[,] Value)
{
    /// <summary>Softmax query weights: output = V·X·softmax_keys(λ·(K·X)ᵀ(Q·X)).</summary>
    public double[,] Query { get; } = Sum(Pointer, Code);

    /// <summary>Softmax key weights, equal to the query weights.</summary>
    public double[,] Key => Query;

    /// <summary>Bits of the address code, L: a column matches the pointer when code·pointer = L.</summary>
    public int CodeBits => Code.GetLength(0);

    static double[,] Sum(double[,] a, double[,] b)
    {
        var sum = (double[,])a.Clone();
        for (int i = 0; i < sum.GetLength(0); i++)
            for (int j = 0; j < sum.GetLength(1); j++)
                sum[i, j] += b[i, j];
        return sum;
    }
}

/// <summary>X ← X + W2·ReLU(W1·X + b1) + b2, the biases broadcast over columns. W1 is h×d, W2 is d×h.</summary>
public sealed record FeedForward(double[,] W1, double[] B1, double[,] W2, double[] B2)
{
    public int Hidden => B1.Length;
}

/// <summary>One layer: X ← X + Σ_h head_h(X), then the feed-forward step.</summary>
public sealed record LayerWeights(string Name, IReadOnlyList<AttentionHead> Heads, FeedForward FeedForward)
{
    /// <summary>The blocks the layer was planned from (<see cref="LayerPlan"/>); none for weights read back from a file.</summary>
    public IReadOnlyList<BlockSummary> Blocks { get; init; } = [];
}

/// <summary>
/// A block of a layer as its plan declared it (its name, heads and the fields it reads, writes and clears), and where its feed-forward part lies: the hidden
/// units <see cref="FirstUnit"/> … <see cref="FirstUnit"/> + <see cref="Units"/> − 1 of the layer and its
/// output biases (b2 entries, summed with other blocks'). <see cref="CorrectsErrors"/> marks an error
/// correction (a snap back to −1, 0, 1), which the noise study removes to see what it absorbs.
/// </summary>
public sealed record BlockSummary(string Name, int Heads, IReadOnlyList<RowField> Reads, IReadOnlyList<RowField> Writes, IReadOnlyList<RowField> Clears)
{
    public int FirstUnit { get; init; }
    public int Units { get; init; }
    public IReadOnlyList<(int Row, double Value)> OutputBiases { get; init; } = [];
    public bool CorrectsErrors { get; init; }
}

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
