using LoopedComputer.Compiler.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>The one layer type: X ← X + mixer(X), then X ← X + W2·ReLU(W1·X + b1) + b2.</summary>
public sealed class TransformerLayer : IDisposable
{
    readonly IMixer? mixer;
    readonly Tensor w1, b1, w2, b2;

    public string Name { get; }

    public TransformerLayer(LayerWeights weights, Func<IReadOnlyList<AttentionHead>, IMixer> mixerFactory, NumberFormat format, Device device)
    {
        Name = weights.Name;
        mixer = weights.Heads.Count > 0 ? mixerFactory(weights.Heads) : null;
        var ff = weights.FeedForward;
        w1 = ff.W1.ToTensor(format, device);
        b1 = ff.B1.ToColumn(format, device);
        w2 = ff.W2.ToTensor(format, device);
        b2 = ff.B2.ToColumn(format, device);
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        if (mixer is not null) x = x.add(mixer.Mix(x), Scalars.One);
        var hidden = w1.matmul(x).add_(b1, Scalars.One).relu_();
        return x.add(w2.matmul(hidden).add_(b2, Scalars.One), Scalars.One).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        mixer?.Dispose();
        w1.Dispose();
        b1.Dispose();
        w2.Dispose();
        b2.Dispose();
    }
}
