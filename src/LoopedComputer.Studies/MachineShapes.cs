using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;

namespace LoopedComputer.Studies;

/// <summary>
/// Machines of a given shape without a program, and with any λ: the studies build below the
/// compiler's safety checks (a λ under the bound, a word width the format cannot carry) on purpose,
/// to see where those checks stand against what actually runs exact.
/// </summary>
static class MachineShapes
{
    public static readonly string[] Machines = [PaperSubleqMachine.Name, FleqMachine.Name];

    /// <summary>A layout of n columns: half memory cells, half instructions (as the benchmarks' random programs).</summary>
    public static IMachineLayout Layout(string machine, int wordBits, int columns)
    {
        int cells = Math.Max(2, (columns - 1) / 2), instructions = Math.Max(2, columns - 1 - cells);
        return machine == PaperSubleqMachine.Name
            ? new PaperSubleqLayout(wordBits, cells, instructions)
            : new FleqLayout(wordBits, cells, instructions);
    }

    public static MachineWeights Build(IMachineLayout layout) => layout switch
    {
        PaperSubleqLayout paper => PaperSubleqMachine.Build(paper),
        FleqLayout fleq => FleqMachine.Build(fleq),
        _ => throw new ArgumentException($"no builder for {layout.GetType().Name}"),
    };

    /// <summary>The compiler's safe λ for this machine and shape.</summary>
    public static double LambdaBound(string machine, int columns, int wordBits) =>
        machine == PaperSubleqMachine.Name ? Temperature.SafeBound(columns, wordBits) : FleqMachine.LambdaBound(columns, wordBits);

    /// <summary>The widest word the compiler accepts for this machine in this format.</summary>
    public static int MaxWordBits(string machine, NumberFormat format) =>
        machine == PaperSubleqMachine.Name ? PaperSubleqMachine.MaxWordBits(format) : FleqMachine.MaxWordBits(format);

    /// <summary>A compiled machine with exactly this λ and mixer, unchecked.</summary>
    public static CompiledMachine Unchecked(string machine, IMachineLayout layout, MachineWeights weights, NumberFormat format, double lambda, MixerKind mixer) =>
        new(MachineCatalog.Find(machine), layout, weights, lambda, format, LambdaBound(machine, layout.Columns, layout.WordBits), mixer);
}
