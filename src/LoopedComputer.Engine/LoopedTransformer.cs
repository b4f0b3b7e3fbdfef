using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>The fixed stack of layers; one application is one loop, which executes one instruction.</summary>
public sealed class LoopedTransformer : IDisposable
{
    public IReadOnlyList<TransformerLayer> Layers { get; }
    public Device Device { get; }
    public NumberFormat Format { get; }

    public LoopedTransformer(CompiledMachine machine, Device device)
    {
        Device = device;
        Format = machine.Format;
        // Exact integer arithmetic: never let CUDA matmuls drop to TF32.
        torch.backends.cuda.matmul.allow_tf32 = false;
        torch.backends.cudnn.allow_tf32 = false;
        Layers = machine.Weights.Layers.Select(layer => new TransformerLayer(layer, heads => machine.Mixer switch
        {
            MixerKind.Softmax => new SoftmaxAttention(heads, machine.Lambda, machine.Format, device),
            MixerKind.Linear => new LinearMixer(heads, machine.Format, device),
            _ => throw new ArgumentException($"unknown mixer {machine.Mixer}"),
        }, machine.Format, device)).ToList();
    }

    /// <summary>One loop on X [d, batch, n], in place: each layer adds into the rows it writes.</summary>
    public void LoopInPlace(Tensor x)
    {
        using var inference = torch.inference_mode();
        foreach (var layer in Layers) layer.Apply(x);
    }

    /// <summary>One loop keeping every layer's output (for diagnosis): element i is the state after layer i.</summary>
    public List<Tensor> LoopWithLayerOutputs(Tensor x)
    {
        var outputs = new List<Tensor>();
        using var current = x.clone();
        foreach (var layer in Layers)
        {
            layer.Apply(current);
            outputs.Add(current.clone());
        }
        return outputs;
    }

    public void Dispose()
    {
        foreach (var layer in Layers) layer.Dispose();
    }
}
