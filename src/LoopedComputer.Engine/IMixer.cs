using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// What sits in a layer's attention slot: X [batch, d, n] → Σ_h head_h(X), the same shape. The
/// layer adds it to X. Softmax attention is the faithful mixer; a linear-time one plugs in here.
/// </summary>
public interface IMixer : IDisposable
{
    Tensor Mix(Tensor x);
}
