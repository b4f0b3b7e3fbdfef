using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>
/// L3–L5: ScratchMemB ← mem[b] − mem[a] mod 2^N, as the released code does it: flip the bits of
/// mem[a], add 1 (two's complement negation), then add mem[b]. Attention-free layers.
/// </summary>
public static class Subtract
{
    static RowField Flipped(PaperSubleqLayout l) => l.Buffer.Slice("Buffer.NotA", 0, l.WordBits);
    static RowField Negated(PaperSubleqLayout l) => l.Buffer.Slice("Buffer.NegA", l.WordBits, l.WordBits);

    /// <summary>L3: Buffer.NotA ← ¬mem[a], using 2·ReLU(−β) − 1 = −β for β = ±1.</summary>
    public static LayerWeights Flip(PaperSubleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        var flipped = Flipped(l);
        for (int i = 0; i < l.WordBits; i++) ff.Unit((l.ScratchMemA[i], -1), 0, (flipped[i], 2));
        ColumnConstant.Add(ff, l.Scratchpad[0], flipped.Rows.Select(r => (r, -1.0)));
        return new LayerWeights("subtract: flip", [], ff.Build());
    }

    /// <summary>L4: Buffer.NegA ← ¬mem[a] + 1 = −mem[a].</summary>
    public static LayerWeights Negate(PaperSubleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        BinaryAdder.Add(ff, [Flipped(l)], 1, Negated(l), l.Scratchpad[0]);
        return new LayerWeights("subtract: +1", [], ff.Build());
    }

    /// <summary>L5: ScratchMemB ← mem[b] + (−mem[a]); clears the buffer and ScratchMemA.</summary>
    public static LayerWeights Add(PaperSubleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        BinaryAdder.Add(ff, [l.ScratchMemB, Negated(l)], 0, l.ScratchMemB, l.Scratchpad[0]);
        ff.Clear(l.ScratchMemB);
        ff.Clear(Flipped(l));
        ff.Clear(Negated(l));
        ff.Clear(l.ScratchMemA);
        return new LayerWeights("subtract: add", [], ff.Build());
    }
}
