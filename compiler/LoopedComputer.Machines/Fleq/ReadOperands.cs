using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>Layer 2: three heads read X ← mem[a], Y ← mem[b], Z ← mem[c]. Layer 3 cleans them.</summary>
public static class ReadOperands
{
    public static LayerWeights Layer(FleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        var heads = new List<AttentionHead>();
        foreach (var (pointer, target, index) in new[] { (l.CurA, l.X, 0), (l.CurB, l.Y, 1), (l.CurC, l.Z, 2) })
        {
            var buffer = l.Buffer.Slice($"Buffer.{target.Name}", index * l.WordBits, l.WordBits);
            heads.Add(AddressedAttention.Head($"read {target.Name}", l.Rows, l.Indicator, pointer, l.CellCode, (l.Memory, buffer), (target, buffer)));
            GatedOverwrite.Add(ff, buffer, target, l.Indicator);
        }
        return new LayerWeights("read operands", heads, ff.Build());
    }

    /// <summary>
    /// Layer 3: snap the fetched instruction and the operands onto {−1, 0, 1}. Everything after this
    /// computes on exact values, so the adders and the multiplier never amplify attention leakage.
    /// </summary>
    public static LayerWeights Clean(FleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        ErrorCorrection.Add(ff, [l.Current, l.X, l.Y, l.Z]);
        return new LayerWeights("clean operands", [], ff.Build());
    }
}
