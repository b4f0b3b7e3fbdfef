using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Fleq;

/// <summary>load: LoadValue ← mem[x] by a head whose pointer is X's low bits; then Loaded ← LoadOk ? LoadValue : 0.</summary>
public static class Load
{
    public static Block Read(FleqLayout l) =>
        AddressedCopy.Read("load mem[x]", l.Space, WordPointer.From(l, l.X, l.CellBits), l.CellCode, l.Memory, l.LoadValue, l.Buffer.Slice("Buffer.Load", 0, l.WordBits));

    /// <summary>Loaded (0/1 bits) = ReLU(u(value) + ok − 1), u(β) = (β + 1)/2.</summary>
    public static Block Gate(FleqLayout l) => new("load gate")
    {
        Reads = [l.LoadValue, l.LoadOk],
        Writes = [l.Loaded],
        Units = ff =>
        {
            for (int i = 0; i < l.WordBits; i++)
                ff.Unit([(l.LoadValue[i], 0.5), (l.LoadOk[0], 1)], -0.5, [(l.Loaded[i], 1)]);
        },
    };
}
