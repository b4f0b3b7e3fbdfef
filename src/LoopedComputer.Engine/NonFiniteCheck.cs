using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// Finds where a non-finite value entered the state: replays loops layer by layer and names the
/// first layer whose output holds a NaN or an infinity.
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
    /// Runs up to <paramref name="loops"/> loops on <paramref name="engine"/> from its current state,
    /// the first of them being loop <paramref name="firstLoop"/>, and throws for the first layer output
    /// that is not finite. Returns normally, <paramref name="loops"/> loops on, only if none is.
    /// </summary>
    public static void Locate(ILoopEngine engine, IReadOnlyList<string> layerNames, IMachineLayout layout, long firstLoop, int loops)
    {
        for (int loop = 0; loop < loops; loop++)
        {
            var outputs = engine.LoopWithLayerOutputs();
            for (int layer = 0; layer < outputs.Count; layer++)
                if (FirstNonFinite(outputs[layer]) is var (row, batchRow, column))
                    throw new NonFiniteStateException(firstLoop + loop, layer + 1, layerNames[layer], $"{layout.NameRow(row)}, column {column}", batchRow);
            engine.Loop();
        }
    }

    /// <summary>The first non-finite entry of a layer's output in (row, batch row, column) order, or null.</summary>
    static (int Row, int BatchRow, int Column)? FirstNonFinite(double[][,] rows)
    {
        int d = rows[0].GetLength(0), n = rows[0].GetLength(1);
        for (int r = 0; r < d; r++)
            for (int b = 0; b < rows.Length; b++)
                for (int c = 0; c < n; c++)
                    if (!double.IsFinite(rows[b][r, c])) return (r, b, c);
        return null;
    }
}
