using LoopedComputer.Isa;

namespace LoopedComputer.Machines.PaperSubleq;

/// <summary>The paper's SUBLEQ machine's catalogue entry: weights from <see cref="PaperSubleqMachine"/>, punchcard from <see cref="PaperSubleqLayout"/>.</summary>
public sealed class PaperSubleqDefinition : MachineDefinition<PaperSubleqLayout>
{
    public static readonly PaperSubleqDefinition Instance = new();

    PaperSubleqDefinition() { }

    public override string Name => PaperSubleqMachine.Name;
    public override string PcEncoding =>
        "the position code of the instruction's column (binary, MSB first, ±1); instruction = column - first instruction column";
    public override int MaxWordBits(NumberFormat format) => PaperSubleqMachine.MaxWordBits(format);
    public override double LambdaBound(int columns, int wordBits) => Temperature.SafeBound(columns, wordBits);
    public override void CheckRunnable(Program program, NumberFormat format) => PaperSubleqMachine.CheckRunnable(program, format);
    public override PaperSubleqLayout LayoutFor(Program program) => PaperSubleqLayout.For(program);
    public override PaperSubleqLayout Layout(int wordBits, int memoryCells, int instructions) => new(wordBits, memoryCells, instructions);
    public override MachineWeights Build(PaperSubleqLayout layout) => PaperSubleqMachine.Build(layout);
    public override Program RandomProgram(Random random, int wordBits, int memoryCells, int instructions) =>
        RandomPrograms.Subleq(random, wordBits, memoryCells, instructions);
}
