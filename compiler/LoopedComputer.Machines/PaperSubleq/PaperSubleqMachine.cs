using LoopedComputer.Machines.Blocks;
using LoopedComputer.Isa;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>
/// The paper's SUBLEQ machine as released: 10 layers (the paper counts 9 after merging two
/// feed-forward steps; the released code, and this port, keep them apart), at most 2 heads.
/// One loop executes one SUBLEQ instruction. Built once per program shape.
/// </summary>
public static class PaperSubleqMachine
{
    public const string Name = "paper-subleq";

    /// <summary>
    /// Word widths each format carries exactly: the adders' pre-activations reach 2^(N+1) in steps
    /// of ½, so N + 2 significand bits are needed (float32: N ≤ 22; float64: N ≤ 51). Measured: see
    /// docs/paper-subleq.md.
    /// </summary>
    public static int MaxWordBits(NumberFormat format) => format.SignificandBits() - 2;

    public static MachineWeights Build(PaperSubleqLayout l) => new(Name, l.Rows,
    [
        ReadInstruction.Layer(l),
        ReadMemory.Layer(l),
        Subtract.Flip(l),
        Subtract.Negate(l),
        Subtract.Add(l),
        WriteMemory.Layer(l),
        Branch.Flag(l),
        PcIncrement.Layer(l),
        Branch.Select(l),
        CorrectionLayer(l),
    ]);

    static LayerWeights CorrectionLayer(PaperSubleqLayout l)
    {
        var ff = new FeedForwardBuilder(l.Rows);
        ErrorCorrection.Add(ff, [l.Memory, l.Pc, l.ScratchA, l.ScratchB, l.ScratchC]);
        return new LayerWeights("error correction", [], ff.Build());
    }

    /// <summary>Refuses programs this machine cannot run exactly, with the reason and the fix.</summary>
    public static void CheckRunnable(Program program, NumberFormat format)
    {
        if (!program.IsSubleqOnly)
        {
            int index = Enumerable.Range(0, program.Instructions.Count).First(i => !program.Instructions[i].IsSubleq);
            string where = program.SourceMap[index] is { } entry ? $" (line {entry.Location.Line}: {entry.Statement})" : "";
            throw new ArgumentException($"{program.Name} uses FLEQ instructions, e.g. instruction {index}{where}; the {Name} machine runs SUBLEQ only");
        }
        int max = MaxWordBits(format);
        if (program.Word.Bits > max)
            throw new ArgumentException(
                $"{program.Name} uses {program.Word.Bits}-bit words; {format.Name()} carries at most {max} bits exactly on the {Name} machine" +
                (format == NumberFormat.Float32 ? "; use --dtype float64" : "; use narrower words (.bits)"));
    }
}
