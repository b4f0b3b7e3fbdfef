using LoopedComputer.Compiler.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// The one layer type: X ← X + mixer(X), then X ← X + W2·ReLU(W1·X + b1) + b2. The feed-forward
/// step reads only the rows W1 uses and writes only the rows W2 (or b2) writes: the same sums
/// without the zeros.
/// </summary>
public sealed class TransformerLayer : IDisposable
{
    readonly IMixer? mixer;
    readonly RowSelection w1, w2;
    readonly Tensor b1, b2;

    public string Name { get; }

    public bool HasMixer => mixer is not null;

    public TransformerLayer(LayerWeights weights, Func<IReadOnlyList<AttentionHead>, IMixer> mixerFactory, NumberFormat format, Device device)
    {
        Name = weights.Name;
        mixer = weights.Heads.Count > 0 ? mixerFactory(weights.Heads) : null;
        var ff = weights.FeedForward;
        w1 = new RowSelection(ff.W1, format, device);
        b1 = ff.B1.ToColumn(format, device);
        w2 = new RowSelection(ff.W2, format, device, compactOutputs: true, alsoKeep: row => ff.B2[row] != 0);
        b2 = w2.OutputRows.Select(row => ff.B2[row]).ToArray().ToColumn(format, device);
    }

    /// <summary>One layer on X [batch, d, n], in place: only the rows the layer writes are touched.</summary>
    public void Apply(Tensor x)
    {
        Mix(x);
        FeedForward(x);
    }

    /// <summary>The attention slot: X ← X + mixer(X), in place (nothing in a layer without heads).</summary>
    public void Mix(Tensor x) => mixer?.AddTo(x);

    /// <summary>The ReLU MLP: X ← X + W2·ReLU(W1·X + b1) + b2, in place.</summary>
    public void FeedForward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var hidden = w1.Apply(x).add_(b1, Scalars.One).relu_();
        var update = w2.Apply(hidden).add_(b2, Scalars.One);
        x.index_add_(1, w2.Outputs!, update, Scalars.One);
    }

    public void Dispose()
    {
        mixer?.Dispose();
        w1.Dispose();
        w2.Dispose();
        b1.Dispose();
        b2.Dispose();
    }
}
