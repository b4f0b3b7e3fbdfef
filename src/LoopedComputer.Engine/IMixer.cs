using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// What sits in a layer's attention slot: X [d, batch, n] ← X + Σ_h head_h(X), in place. Every head
/// reads X before any head's output is added; each adds only into the rows its value map writes.
/// Softmax attention is the faithful mixer; the linear-time one plugs in here too.
/// </summary>
public interface IMixer : IDisposable
{
    void AddTo(Tensor x);
}
