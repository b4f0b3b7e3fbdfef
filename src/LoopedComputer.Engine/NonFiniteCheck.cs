using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// Finds where a non-finite value entered the state: replays loops from a saved state, layer by
/// layer, and names the first layer whose output holds a NaN or an infinity.
/// </summary>
static class NonFiniteCheck
{
    /// <summary>Whether every entry of <paramref name="x"/> is finite (one device sync).</summary>
    public static bool AllFinite(Tensor x)
    {
        using var each = torch.isfinite(x);
        using var finite = each.all();
        return finite.item<bool>();
    }

    /// <summary>
    /// Replays up to <paramref name="loops"/> loops from <paramref name="start"/> (not modified), the
    /// first of them being loop <paramref name="firstLoop"/>, and throws for the first layer output
    /// that is not finite. Returns normally only if none is (the caller's state then came from elsewhere).
    /// </summary>
    public static void Locate(LoopedTransformer model, IMachineLayout layout, Tensor start, long firstLoop, int loops)
    {
        using var current = start.clone();
        for (int loop = 0; loop < loops; loop++)
        {
            var outputs = model.LoopWithLayerOutputs(current);
            try
            {
                for (int layer = 0; layer < outputs.Count; layer++)
                {
                    if (AllFinite(outputs[layer])) continue;
                    var (row, batchRow, column) = FirstNonFinite(outputs[layer]);
                    throw new NonFiniteStateException(firstLoop + loop, layer + 1, model.Layers[layer].Name,
                        $"{layout.NameRow(row)}, column {column}", batchRow);
                }
                current.copy_(outputs[^1]);
            }
            finally
            {
                foreach (var output in outputs) output.Dispose();
            }
        }
    }

    static (int Row, int BatchRow, int Column) FirstNonFinite(Tensor x)
    {
        using var finite = torch.isfinite(x);
        using var bad = finite.logical_not();
        using var where = bad.nonzero();
        using var first = where[0].to(torch.CPU);
        var index = first.data<long>().ToArray();
        return ((int)index[0], (int)index[1], (int)index[2]);
    }
}
