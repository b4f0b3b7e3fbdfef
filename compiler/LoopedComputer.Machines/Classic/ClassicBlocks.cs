using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.Classic;

/// <summary>The classic machine's own blocks: words as addresses, range checks, the step's kind, and gated routing.</summary>
public static class ClassicBlocks
{
    /// <summary>A word used as an address: its low L bits (MSB first) against the L-bit address codes.</summary>
    public static AddressPointer Low(ClassicLayout l, RowField word) =>
        new(word, Enumerable.Range(word.Width - l.AddressBits, l.AddressBits).Select(i => (IReadOnlyList<(int, double)>)[(word[i], 1.0)]).ToList());

    /// <summary>A constant address, read off the indicator row (so it is zero outside column 0).</summary>
    public static AddressPointer Constant(ClassicLayout l, int cell) =>
        new(l.Scratchpad, Encoding.WordBits(cell, l.AddressBits).Select(bit => (IReadOnlyList<(int, double)>)[(l.Indicator, bit)]).ToList());

    /// <summary>
    /// flag ← [u ≤ limit] for u the word read as an unsigned N-bit number (so a negative word is never ≤ limit):
    /// ReLU(limit + 1 − u) − ReLU(limit − u), with u = Σ 2^(e−1)·β_e + (2^N − 1)/2 and the constants on the indicator.
    /// </summary>
    public static void AtMost(FeedForwardBuilder ff, ClassicLayout l, RowField word, long limit, int flagRow)
    {
        int n = word.Width;
        var minusU = Enumerable.Range(0, n).Select(i => (word[i], -Math.Pow(2, n - 1 - i) / 2)).ToList();
        double offset = (Math.Pow(2, n) - 1) / 2;
        ff.Unit([.. minusU, (l.Indicator, limit + 1 - offset)], 0, [(flagRow, 1)]);
        ff.Unit([.. minusU, (l.Indicator, limit - offset)], 0, [(flagRow, -1)]);
    }

    /// <summary>Adds gate·(±1 bits) to <paramref name="output"/>: ReLU(v + g − 1) − ReLU(−v + g − 1) per bit, for a 0/1 gate row.</summary>
    public static void Route(FeedForwardBuilder ff, ClassicLayout l, IReadOnlyList<IReadOnlyList<(int Row, double Weight)>> bits, int gateRow, RowField output)
    {
        for (int i = 0; i < output.Width; i++)
        {
            ff.Unit([.. bits[i], (gateRow, 1), (l.Indicator, -1)], 0, [(output[i], 1)]);
            ff.Unit([.. bits[i].Select(t => (t.Row, -t.Weight)), (gateRow, 1), (l.Indicator, -1)], 0, [(output[i], -1)]);
        }
    }

    static IReadOnlyList<IReadOnlyList<(int Row, double Weight)>> Bits(RowField word) =>
        word.Rows.Select(r => (IReadOnlyList<(int, double)>)[(r, 1.0)]).ToList();

    /// <summary>PcOk ← [0 ≤ pc ≤ M − 3]: the three words of an instruction lie in the image.</summary>
    public static Block PcInImage(ClassicLayout l) => new("pc ok ← [0 ≤ pc ≤ M − 3]")
    {
        Reads = [l.Pc],
        Writes = [l.PcOk],
        Units = ff => AtMost(ff, l, l.Pc, l.ImageWords - 3, l.PcOk[0]),
    };

    /// <summary>AOk, BOk ← a, b in the image; IsOut ← [b = −1]; CountOk ← [count &lt; K].</summary>
    public static Block Checks(ClassicLayout l) => new("a, b in the image; b = −1; count < K")
    {
        Reads = [l.A, l.B, l.Count],
        Writes = [l.AOk, l.BOk, l.IsOut, l.CountOk],
        Units = ff =>
        {
            AtMost(ff, l, l.A, l.ImageWords - 1, l.AOk[0]);
            AtMost(ff, l, l.B, l.ImageWords - 1, l.BOk[0]);
            AtMost(ff, l, l.Count, l.Semantics.OutputSlots - 1, l.CountOk[0]);
            ff.Unit([.. l.B.Rows.Select(r => (r, 1.0)), (l.Indicator, -(l.WordBits - 1))], 0, [(l.IsOut[0], 1)]);
        },
    };

    /// <summary>
    /// The step's kind from the checks, which it clears: Write (subtract into b), Out (output mem[a]),
    /// OutWrite (an output that has a slot), Go (either: the instruction runs). b = −1 is never in the image,
    /// so BOk and IsOut are never both 1.
    /// </summary>
    public static Block Kind(ClassicLayout l) => new("go, write, out ← the checks")
    {
        Reads = [l.PcOk, l.AOk, l.BOk, l.IsOut, l.CountOk],
        Writes = [l.Go, l.Write, l.Out, l.OutWrite],
        Clears = [l.PcOk, l.AOk, l.BOk, l.IsOut, l.CountOk],
        Units = ff =>
        {
            int pc = l.PcOk[0], a = l.AOk[0], b = l.BOk[0], isOut = l.IsOut[0], count = l.CountOk[0], one = l.Indicator;
            ff.Unit([(pc, 1), (a, 1), (b, 1), (isOut, 1), (one, -2)], 0, [(l.Go[0], 1)]);
            ff.Unit([(pc, 1), (a, 1), (b, 1), (one, -2)], 0, [(l.Write[0], 1)]);
            ff.Unit([(pc, 1), (a, 1), (isOut, 1), (one, -2)], 0, [(l.Out[0], 1)]);
            ff.Unit([(pc, 1), (a, 1), (isOut, 1), (count, 1), (one, -3)], 0, [(l.OutWrite[0], 1)]);
            foreach (var flag in new[] { l.PcOk, l.AOk, l.BOk, l.IsOut, l.CountOk }) ff.Clear(flag);
        },
    };

    /// <summary>Le ← [mem[b] − mem[a] ≤ 0] (the difference stays: the write value reads it in this layer).</summary>
    public static Block Flag(ClassicLayout l) => new("le ← [b − a ≤ 0]")
    {
        Reads = [l.Diff],
        Writes = [l.Le],
        Units = ff => FlagTest.Add(ff, l.Diff, l.Le[0], l.Indicator),
    };

    /// <summary>WritePtr ← Write·b + OutWrite·(M + count) as address codes (zero, nowhere, if neither); clears what it used.</summary>
    public static Block WritePointer(ClassicLayout l) => new("write pointer ← b, the out slot or nowhere")
    {
        Reads = [l.Write, l.OutWrite, l.B, l.OutPtr],
        Writes = [l.WritePtr],
        Clears = [l.OutWrite, l.B, l.OutPtr],
        Units = ff =>
        {
            Route(ff, l, Low(l, l.B).Bits, l.Write[0], l.WritePtr);
            Route(ff, l, Low(l, l.OutPtr).Bits, l.OutWrite[0], l.WritePtr);
            ff.Clear(l.OutWrite);
            ff.Clear(l.B);
            ff.Clear(l.OutPtr);
        },
    };

    /// <summary>WriteValue ← Write·(b − a) + Out·mem[a]; clears both.</summary>
    public static Block WriteValue(ClassicLayout l) => new("write value ← b − a or mem[a]")
    {
        Reads = [l.Write, l.Out, l.Diff, l.MemA],
        Writes = [l.WriteValue],
        Clears = [l.Diff, l.MemA],
        Units = ff =>
        {
            Route(ff, l, Bits(l.Diff), l.Write[0], l.WriteValue);
            Route(ff, l, Bits(l.MemA), l.Out[0], l.WriteValue);
            ff.Clear(l.Diff);
            ff.Clear(l.MemA);
        },
    };

    /// <summary>CountPtr ← Out·(the count's address); clears Out.</summary>
    public static Block CountPointer(ClassicLayout l) => new("count pointer ← out ? count's address : nowhere")
    {
        Reads = [l.Out],
        Writes = [l.CountPtr],
        Clears = [l.Out],
        Units = ff =>
        {
            var code = Encoding.WordBits(l.Semantics.CountCell, l.AddressBits);
            ff.Unit([(l.Out[0], 1)], 0, l.CountPtr.Rows.Select((r, i) => (r, code[i])));
            ff.Clear(l.Out);
        },
    };

    /// <summary>Branch ← Write ∧ Le; clears both.</summary>
    public static Block BranchFlag(ClassicLayout l) => new("branch ← write ∧ le")
    {
        Reads = [l.Write, l.Le],
        Writes = [l.Branch],
        Clears = [l.Write, l.Le],
        Units = ff =>
        {
            ff.Unit([(l.Write[0], 1), (l.Le[0], 1), (l.Indicator, -1)], 0, [(l.Branch[0], 1)]);
            ff.Clear(l.Write);
            ff.Clear(l.Le);
        },
    };
}
