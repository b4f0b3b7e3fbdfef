using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>Layers 9–12: read mem[flag] after the write, test it, PC + 1, and choose the next PC.</summary>
public static class Branch
{
    public static LayerWeights ReadFlag(FleqLayout l)
    {
        var buffer = l.Buffer.Slice("Buffer.Flag", 0, l.WordBits);
        var head = AddressedAttention.Head("read mem[flag]", l.Rows, l.Indicator, l.CurFlag, l.CellCode, (l.Memory, buffer), (l.FlagValue, buffer));
        var ff = new FeedForwardBuilder(l.Rows);
        GatedOverwrite.Add(ff, buffer, l.FlagValue, l.Indicator);
        return new LayerWeights("read flag", [head], ff.Build());
    }

    public static LayerWeights Test(FleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        FlagTest.Add(ff, l.FlagValue, l.Flag[0], l.Indicator);
        ff.Clear(l.FlagValue);
        return new LayerWeights("flag: mem[flag] <= 0", [], ff.Build());
    }

    public static LayerWeights Increment(FleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        BinaryAdder.Add(ff, [l.Pc], 1, l.Pc, l.Indicator);
        ff.Clear(l.Pc);
        return new LayerWeights("pc + 1", [], ff.Build());
    }

    public static LayerWeights Select(FleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        BranchSelect.Add(ff, l.Target, l.Pc, l.Flag[0], l.Indicator);
        ff.Clear(l.Target);
        return new LayerWeights("branch: select pc", [], ff.Build());
    }
}
