using LoopedComputer.Isa;

namespace LoopedComputer.Machines;

/// <summary>
/// A machine whose punchcard holds instructions apart from memory (FLEQ, the paper's SUBLEQ): shapes
/// are word width, memory cells and instructions; words do not address cells, so any number of
/// columns fits any word.
/// </summary>
public abstract class InstructionMachineDefinition<TLayout> : MachineDefinition<TLayout> where TLayout : IMachineLayout
{
    /// <summary>A punchcard of exactly this shape.</summary>
    public abstract TLayout Layout(int wordBits, int memoryCells, int instructions);

    /// <summary>A random program of exactly this shape, ending in a halt.</summary>
    public abstract Program RandomProgram(Random random, int wordBits, int memoryCells, int instructions);

    public override int MaxColumns(int wordBits) => int.MaxValue;

    /// <summary>Assembled programs: instructions apart from memory.</summary>
    public override bool Runs(IReferenceSemantics semantics) => semantics is FleqReference;

    /// <summary>Refuses a program of another meaning (a classic image), naming the way it runs here.</summary>
    protected void CheckSemantics(Program program)
    {
        if (!Runs(program.Reference))
            throw new ArgumentException($"{program.Name} is not an assembled program; the {Name} machine runs assembled programs " +
                "(a classic SUBLEQ image runs on it through the SUBLEQ emulator program: add --emulator)");
    }

    /// <summary>Half memory cells, half instructions (at least 2 of each).</summary>
    public override TLayout Layout(int wordBits, int columns)
    {
        int cells = Math.Max(2, (columns - 1) / 2), instructions = Math.Max(2, columns - 1 - cells);
        return Layout(wordBits, cells, instructions);
    }

    /// <summary>Endless: a random SUBLEQ program (<see cref="RandomPrograms.Subleq"/>) that loops back to 0 before its halt, which both machines run.</summary>
    public override Program RandomProgram(Random random, TLayout layout, bool endless = false) => endless
        ? RandomPrograms.Subleq(random, layout.WordBits, layout.MemoryCells, layout.InstructionCount, endless: true)
        : RandomProgram(random, layout.WordBits, layout.MemoryCells, layout.InstructionCount);

    /// <summary>Shapes drawn by <see cref="RandomPrograms.FromSeed"/>; the arithmetic wraps, so <paramref name="saturate"/> is refused.</summary>
    public override Program FuzzProgram(int seed, int maxWordBits, bool saturate) => saturate
        ? throw new ArgumentException($"--saturate: the {Name} machine's arithmetic wraps; saturating arithmetic belongs to classic SUBLEQ images (--machine classic)")
        : RandomPrograms.FromSeed(seed, maxWordBits, RandomProgram);
}
