using LoopedComputer.Machines;

namespace LoopedComputer.Tests.Engine.Reliability;

/// <summary>
/// A machine with one corrupted weight: the MLP output bias b2 of one row in one layer, which the
/// layer adds to that row in every column. Faults are injected this way, through the weights an
/// engine loads, so that production code needs no hook for them.
/// </summary>
static class CorruptedWeights
{
    public static CompiledMachine WithBias(CompiledMachine machine, int layerIndex, int row, double value)
    {
        var layers = machine.Weights.Layers.ToArray();
        var feedForward = layers[layerIndex].FeedForward;
        var bias = feedForward.B2.ToArray();
        bias[row] = value;
        layers[layerIndex] = layers[layerIndex] with { FeedForward = feedForward with { B2 = bias } };
        return machine with { Weights = machine.Weights with { Layers = layers } };
    }
}
