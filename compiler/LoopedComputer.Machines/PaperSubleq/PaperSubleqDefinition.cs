using LoopedComputer.Isa;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>The paper's SUBLEQ machine's catalogue entry: its limits and λ bound; weights from <see cref="PaperSubleqMachine"/>, punchcard from <see cref="PaperSubleqLayout"/>.</summary>
public sealed class PaperSubleqDefinition : InstructionMachineDefinition<PaperSubleqLayout>
{
    public static readonly PaperSubleqDefinition Instance = new();

    PaperSubleqDefinition() { }

    public override string Name => PaperSubleqMachine.Name;
    public override string PcEncoding =>
        "the position code of the instruction's column (binary, MSB first, ±1); instruction = column - first instruction column";

    /// <summary>
    /// Word widths each format carries exactly: the adders' pre-activations reach 2^(N+1) in steps
    /// of ½, so N + 2 significand bits are needed (float32: N ≤ 22; float64: N ≤ 51). Measured: see
    /// docs/paper-subleq.md.
    /// </summary>
    public override int MaxWordBits(NumberFormat format) => format.SignificandBits() - 2;

    /// <summary>The bound of <see cref="Temperature.SafeBound"/>: its adders amplify a read's leak by up to 2^N twice before the next clean-up.</summary>
    public override double LambdaBound(int columns, int wordBits) => Temperature.SafeBound(columns, wordBits);

    /// <summary>Refuses programs this machine cannot run exactly, with the reason and the fix.</summary>
    public override void CheckRunnable(Program program, NumberFormat format)
    {
        CheckSemantics(program);
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
                (format != NumberFormat.Float64 ? "; use --dtype float64" : "; use narrower words (.bits)"));
    }

    public override PaperSubleqLayout LayoutFor(Program program) => PaperSubleqLayout.For(program);
    public override PaperSubleqLayout Layout(int wordBits, int memoryCells, int instructions) => new(wordBits, memoryCells, instructions);
    public override MachineWeights Build(PaperSubleqLayout layout) => PaperSubleqMachine.Build(layout);
    public override Program RandomProgram(Random random, int wordBits, int memoryCells, int instructions) =>
        RandomPrograms.Subleq(random, wordBits, memoryCells, instructions);
}
