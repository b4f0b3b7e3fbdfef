using LoopedComputer.Machines.Blocks;
using LoopedComputer.Isa;

namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// The 13-layer FLEQ machine: one loop executes <c>FLEQ f, a, b, c, flag, p</c> for every function of
/// the menu. All function blocks run in parallel on the operands and the opcode selects the result
/// (docs/machine.md has the table of layers):
/// <code>
///  1 fetch            6 select result, finish routing     11 pc + 1
///  2 read operands    7 clean result, clear ALU scratch   12 branch: select pc
///  3 clean operands   8 write                              13 error correction, clear scratch
///  4 load, ALU 1      9 read flag (after the write)
///  5 ALU 2           10 flag test
/// </code>
/// </summary>
public static class FleqMachine
{
    public const string Name = "fleq";

    /// <summary>
    /// Word widths each format carries exactly. The multiplier's staircase reads sums below N·2^N,
    /// which must be exact integers: float32 N ≤ 19 (19·2^19 &lt; 2^24), float64 N ≤ 47.
    /// </summary>
    public static int MaxWordBits(NumberFormat format) => format == NumberFormat.Float32 ? 19 : 47;

    /// <summary>
    /// The safe λ: operands are cleaned (layer 3) before any arithmetic, so attention leakage is never
    /// amplified by 2^N. The largest remaining amplification is the flag test, which sums N leaked bits;
    /// the leak (n − 2)·e^(−2λ)/2 times 2N must stay below the clean-up's tolerance ε = ¼ with a factor
    /// 4 to spare: λ_min = ½·ln(32·N·n).
    /// </summary>
    public static double LambdaBound(int columns, int wordBits) => 0.5 * Math.Log(32.0 * wordBits * Math.Max(columns, 2));

    public static MachineWeights Build(FleqLayout l)
    {
        var ff4 = new FeedForwardBuilder(l.Rows);
        var load = Load.Head(l, ff4);
        AddSubtract.Add(ff4, l);
        Bitwise.Add(ff4, l);
        Multiply.PartialProducts(ff4, l);
        Shift.Decode(ff4, l);
        RangeCheck.Add(ff4, l);

        var ff5 = new FeedForwardBuilder(l.Rows);
        Multiply.Bits(ff5, l);
        Shift.Route(ff5, l);
        Load.Gate(ff5, l);
        Routing.Prepare(ff5, l);

        var ff6 = new FeedForwardBuilder(l.Rows);
        SelectResult.Add(ff6, l);
        Routing.Complete(ff6, l);

        var ff7 = new FeedForwardBuilder(l.Rows);
        ErrorCorrection.Add(ff7, [l.Result, l.WriteAddress, l.Target]);
        foreach (var field in l.AluScratch) ff7.Clear(field);

        var ff13 = new FeedForwardBuilder(l.Rows);
        ErrorCorrection.Add(ff13, [l.Memory, l.Pc]);
        foreach (var field in new[] { l.Current, l.X, l.Y, l.Z, l.Result, l.WriteAddress }) ff13.Clear(field);

        return new MachineWeights(Name, l.Rows,
        [
            Fetch.Layer(l),
            ReadOperands.Layer(l),
            ReadOperands.Clean(l),
            new LayerWeights("load, ALU 1: add, sub, and, or, xor, partial products, shift decode, range checks", [load], ff4.Build()),
            new LayerWeights("ALU 2: product bits, shifts, load gate, routing", [], ff5.Build()),
            new LayerWeights("select result, finish routing", [], ff6.Build()),
            new LayerWeights("clean result, clear ALU scratch", [], ff7.Build()),
            WriteBack.Layer(l),
            Branch.ReadFlag(l),
            Branch.Test(l),
            Branch.Increment(l),
            Branch.Select(l),
            new LayerWeights("error correction, clear scratch", [], ff13.Build()),
        ]);
    }

    /// <summary>Refuses word widths the format cannot carry exactly, with the fix.</summary>
    public static void CheckRunnable(Program program, NumberFormat format)
    {
        int max = MaxWordBits(format);
        if (program.Word.Bits > max)
            throw new ArgumentException(
                $"{program.Name} uses {program.Word.Bits}-bit words; {format.Name()} carries at most {max} bits exactly on the {Name} machine " +
                "(its multiplier sums up to N·2^N)" + (format == NumberFormat.Float32 ? "; use --dtype float64" : "; use narrower words (.bits)"));
    }
}
