using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>load: LoadValue ← mem[x] by a head whose pointer is X's low bits (layer 4); Loaded ← LoadOk ? LoadValue : 0 (layer 5).</summary>
public static class Load
{
    public static AttentionHead Head(FleqLayout l, FeedForwardBuilder ff)
    {
        var buffer = l.Buffer.Slice("Buffer.Load", 0, l.WordBits);
        GatedOverwrite.Add(ff, buffer, l.LoadValue, l.Indicator);
        return AddressedAttention.Head("load mem[x]", l.Rows, l.Indicator, Pointer.From(l, l.X, l.CellBits), l.CellCode, (l.Memory, buffer), (l.LoadValue, buffer));
    }

    /// <summary>Loaded (0/1 bits) = ReLU(u(value) + ok − 1), u(β) = (β + 1)/2.</summary>
    public static void Gate(FeedForwardBuilder ff, FleqLayout l)
    {
        for (int i = 0; i < l.WordBits; i++)
            ff.Unit([(l.LoadValue[i], 0.5), (l.LoadOk[0], 1)], -0.5, [(l.Loaded[i], 1)]);
    }
}
