using LoopedComputer.Machines.Blocks;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>
/// ScratchMemB ← mem[b] − mem[a] mod 2^N in three attention-free layers, as the released code does
/// it: flip the bits of mem[a], add 1 (two's complement negation), then add mem[b]. The flipped and
/// the negated word live in buffer rows carried from their layer to the last one, which clears them.
/// </summary>
public static class Subtract
{
    static RowField Flipped(PaperSubleqLayout l) => l.Buffer.Slice("Buffer.NotA", 0, l.WordBits, role: RowRole.Scratch);
    static RowField Negated(PaperSubleqLayout l) => l.Buffer.Slice("Buffer.NegA", l.WordBits, l.WordBits, role: RowRole.Scratch);

    /// <summary>Buffer.NotA ← ¬mem[a], using 2·ReLU(−β) − 1 = −β for β = ±1.</summary>
    public static Block Flip(PaperSubleqLayout l) => new("¬a")
    {
        Reads = [l.ScratchMemA],
        Writes = [Flipped(l)],
        Units = ff =>
        {
            var flipped = Flipped(l);
            for (int i = 0; i < l.WordBits; i++) ff.Unit((l.ScratchMemA[i], -1), 0, (flipped[i], 2));
            ColumnConstant.Add(ff, l.Indicator, flipped.Rows.Select(r => (r, -1.0)));
        },
    };

    /// <summary>Buffer.NegA ← ¬mem[a] + 1 = −mem[a].</summary>
    public static Block Negate(PaperSubleqLayout l) => BinaryAdder.Sum("¬a + 1", l.Space, [Flipped(l)], 1, Negated(l));

    /// <summary>ScratchMemB ← mem[b] + (−mem[a]), in place.</summary>
    public static Block Add(PaperSubleqLayout l) => new("b + (−a)")
    {
        Reads = [l.ScratchMemB, Negated(l)],
        Writes = [l.ScratchMemB],
        Units = ff =>
        {
            BinaryAdder.Add(ff, [l.ScratchMemB, Negated(l)], 0, l.ScratchMemB, l.Indicator);
            ff.Clear(l.ScratchMemB);
        },
    };

    /// <summary>Clears the buffer rows and mem[a] once the difference is in ScratchMemB.</summary>
    public static Block ClearScratch(PaperSubleqLayout l) => Block.Clear("clear ¬a, −a, mem[a]", Flipped(l), Negated(l), l.ScratchMemA);
}
