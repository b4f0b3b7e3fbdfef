using LoopedComputer.Isa;

namespace LoopedComputer.Machines.Fleq;

/// <summary>The FLEQ machine's catalogue entry: its weights come from <see cref="FleqMachine"/>, its punchcard from <see cref="FleqLayout"/>.</summary>
public sealed class FleqDefinition : MachineDefinition<FleqLayout>
{
    public static readonly FleqDefinition Instance = new();

    FleqDefinition() { }

    public override string Name => FleqMachine.Name;
    public override string PcEncoding => "the instruction index in binary, MSB first, +1 for 1 and -1 for 0";
    public override int MaxWordBits(NumberFormat format) => FleqMachine.MaxWordBits(format);
    public override double LambdaBound(int columns, int wordBits) => FleqMachine.LambdaBound(columns, wordBits);
    public override void CheckRunnable(Program program, NumberFormat format) => FleqMachine.CheckRunnable(program, format);
    public override FleqLayout LayoutFor(Program program) => FleqLayout.For(program);
    public override FleqLayout Layout(int wordBits, int memoryCells, int instructions) => new(wordBits, memoryCells, instructions);
    public override MachineWeights Build(FleqLayout layout) => FleqMachine.Build(layout);
    public override Program RandomProgram(Random random, int wordBits, int memoryCells, int instructions) =>
        RandomPrograms.Fleq(random, wordBits, memoryCells, instructions);
}
