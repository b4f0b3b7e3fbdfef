using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// The one layer type: X ← X + mixer(X), then X ← X + W2·ReLU(W1·X + b1) + b2 (FeedForwardStep:
/// the same sums without the zeros), both in place.
/// </summary>
public sealed class TransformerLayer : IDisposable
{
    readonly IMixer? mixer;
    readonly FeedForwardStep feedForward;

    public string Name { get; }

    public bool HasMixer => mixer is not null;

    public TransformerLayer(LayerWeights weights, Func<IReadOnlyList<AttentionHead>, IMixer> mixerFactory, NumberFormat format, Device device)
    {
        Name = weights.Name;
        mixer = weights.Heads.Count > 0 ? mixerFactory(weights.Heads) : null;
        feedForward = new FeedForwardStep(weights.FeedForward, format, device);
    }

    /// <summary>One layer on X [d, batch, n], in place: only the rows the layer writes are touched.</summary>
    public void Apply(Tensor x)
    {
        Mix(x);
        FeedForward(x);
    }

    /// <summary>The attention slot: X ← X + mixer(X), in place (nothing in a layer without heads).</summary>
    public void Mix(Tensor x) => mixer?.AddTo(x);

    /// <summary>The ReLU MLP: X ← X + W2·ReLU(W1·X + b1) + b2, in place.</summary>
    public void FeedForward(Tensor x) => feedForward.AddTo(x);

    public void Dispose()
    {
        mixer?.Dispose();
        feedForward.Dispose();
    }
}
