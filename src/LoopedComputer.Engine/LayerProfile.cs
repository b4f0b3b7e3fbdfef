using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>Where one loop's time goes: seconds per loop in each layer's mixer and feed-forward step.</summary>
public sealed record LayerTime(int Layer, string Name, double MixerSeconds, double FeedForwardSeconds)
{
    public double Seconds => MixerSeconds + FeedForwardSeconds;
}

public static class LayerProfile
{
    /// <summary>
    /// Runs <paramref name="loops"/> loops on a copy of <paramref name="x"/>, timing every layer's two
    /// parts apart (the device is synchronised around each, so the figures are per part, not overlapped).
    /// </summary>
    public static List<LayerTime> Measure(LoopedTransformer model, Tensor x, int loops)
    {
        var mixer = new double[model.Layers.Count];
        var feedForward = new double[model.Layers.Count];
        using var state = x.clone();
        var clock = new Stopwatch();
        double Time(Action part)
        {
            Synchronise(model.Device);
            clock.Restart();
            part();
            Synchronise(model.Device);
            return clock.Elapsed.TotalSeconds;
        }
        for (int loop = 0; loop < loops; loop++)
            for (int i = 0; i < model.Layers.Count; i++)
            {
                var layer = model.Layers[i];
                if (layer.HasMixer) mixer[i] += Time(() => layer.Mix(state));
                feedForward[i] += Time(() => layer.FeedForward(state));
            }
        return model.Layers.Select((layer, i) => new LayerTime(i + 1, layer.Name, mixer[i] / loops, feedForward[i] / loops)).ToList();
    }

    static void Synchronise(Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
    }
}
