using LoopedComputer.Machines;
using LoopedComputer.Isa;

namespace LoopedComputer.Studies;

/// <summary>
/// Machines of a given shape without a program, and with any λ: the studies build below the
/// compiler's safety checks (a λ under the bound, a word width the format cannot carry) on purpose,
/// to see where those checks stand against what actually runs exact. Machines are named as users
/// name them; everything about one comes from its catalogue definition.
/// </summary>
static class MachineShapes
{
    /// <summary>The catalogue's machines, smallest punchcard first: the studies' tables, figures and program seeds follow this order.</summary>
    public static string[] Machines { get; } = [.. MachineCatalog.Machines.OrderBy(m => m.Layout(8, 9).Rows).Select(m => m.Name)];

    /// <summary>A layout of n columns, divided between code and data as the machine's definition does (and the benchmarks' random programs).</summary>
    public static IMachineLayout Layout(string machine, int wordBits, int columns) => MachineCatalog.Find(machine).Layout(wordBits, columns);

    /// <summary>The most columns a punchcard of N-bit words can have: a machine whose words address its cells (classic SUBLEQ) has a limit.</summary>
    public static int MaxColumns(string machine, int wordBits) => MachineCatalog.Find(machine).MaxColumns(wordBits);

    /// <summary>The columns of a layout for n: 32-bit words address every n on every machine, and no machine's column count depends on the word otherwise.</summary>
    public static int ColumnsFor(string machine, int columns) => Layout(machine, 32, columns).Columns;

    public static MachineWeights Build(string machine, IMachineLayout layout) => MachineCatalog.Find(machine).Build(layout);

    /// <summary>The compiler's safe λ for this machine and shape.</summary>
    public static double LambdaBound(string machine, int columns, int wordBits) => MachineCatalog.Find(machine).LambdaBound(columns, wordBits);

    /// <summary>The widest word the compiler accepts for this machine in this format.</summary>
    public static int MaxWordBits(string machine, NumberFormat format) => MachineCatalog.Find(machine).MaxWordBits(format);

    /// <summary>A compiled machine with exactly this λ and mixer, unchecked.</summary>
    public static CompiledMachine Unchecked(string machine, IMachineLayout layout, MachineWeights weights, NumberFormat format, double lambda, MixerKind mixer) =>
        new(MachineCatalog.Find(machine), layout, weights, lambda, format, LambdaBound(machine, layout.Columns, layout.WordBits), mixer);

    /// <summary>Random programs this machine runs, of the layout's shape.</summary>
    public static Program RandomProgram(string machine, Random random, IMachineLayout layout) =>
        MachineCatalog.Find(machine).RandomProgram(random, layout);
}
