using LoopedComputer.Isa;

namespace LoopedComputer.Machines;

/// <summary>
/// Everything the rest of the system knows of one machine. The catalogue (<see cref="MachineCatalog"/>)
/// is a list of these; nothing outside a machine's own folder branches on its name, so adding a
/// machine is adding a folder with its definition and one catalogue line.
/// </summary>
public interface IMachineDefinition
{
    /// <summary>The name users type after <c>--machine</c>.</summary>
    string Name { get; }

    /// <summary>The widest word the machine carries exactly in <paramref name="format"/>.</summary>
    int MaxWordBits(NumberFormat format);

    /// <summary>The smallest λ at which its softmax reads stay exact, for a punchcard of this shape.</summary>
    double LambdaBound(int columns, int wordBits);

    /// <summary>Whether the machine runs programs of this meaning at all (assembled programs, or classic SUBLEQ images); <see cref="CheckRunnable"/> says more.</summary>
    bool Runs(IReferenceSemantics semantics);

    /// <summary>Throws <see cref="ArgumentException"/> with the reason and the fix if the machine cannot run <paramref name="program"/> exactly in <paramref name="format"/>.</summary>
    void CheckRunnable(Program program, NumberFormat format);

    /// <summary>The punchcard layout for <paramref name="program"/>'s shape; the layout also encodes and decodes the state.</summary>
    IMachineLayout LayoutFor(Program program);

    /// <summary>The most columns a punchcard of <paramref name="wordBits"/>-bit words can have (<see cref="int.MaxValue"/> where words do not address cells).</summary>
    int MaxColumns(int wordBits);

    /// <summary>
    /// A punchcard of about <paramref name="columns"/> columns (at most <see cref="MaxColumns"/>), for
    /// studies and benchmarks that build machines without a program; the machine decides how the
    /// columns divide between code and data.
    /// </summary>
    IMachineLayout Layout(int wordBits, int columns);

    /// <summary>The weights for a layout this definition made.</summary>
    MachineWeights Build(IMachineLayout layout);

    /// <summary>
    /// A random program of exactly <paramref name="layout"/>'s shape (a layout this definition made)
    /// that the machine runs, ending in a halt; <paramref name="endless"/>: one that never halts, for
    /// benchmarks that run a loop count.
    /// </summary>
    Program RandomProgram(Random random, IMachineLayout layout, bool endless = false);

    /// <summary>
    /// The random program of seed <paramref name="seed"/> for lockstep fuzzing, wholly determined by it
    /// (a failure replays from its seed); seeds of one <see cref="RandomPrograms.ShapeBlockOf">block</see>
    /// share a shape, so a block runs as one batch. Words at most <paramref name="maxWordBits"/>;
    /// <paramref name="saturate"/>: arithmetic clamps instead of wrapping (a machine without it throws
    /// <see cref="ArgumentException"/> saying so).
    /// </summary>
    Program FuzzProgram(int seed, int maxWordBits, bool saturate);

    /// <summary>How the PC rows encode the instruction index, in words (for exported descriptions).</summary>
    string PcEncoding { get; }

    /// <summary>How far from −1, 0 or 1 an entry of the state may lie and still be clean (its error correction snaps it back).</summary>
    double CleanTolerance { get; }

    /// <summary>What each of the program's function units costs this machine (none for a machine without units).</summary>
    IReadOnlyList<FunctionUnitCost> UnitCosts(Program program);

    /// <summary>Why the machine cannot build <paramref name="unit"/> exactly in <paramref name="format"/>, with the figures; null where it can.</summary>
    string? UnitRefusal(FunctionUnit unit, NumberFormat format);
}

/// <summary>
/// One function unit on a machine: its inputs, the form of its block, its hidden units in each layer
/// it uses, and how much the machine grows for it: rows (d), hidden units, parameters and non-zeros,
/// measured as the machine built with the unit minus the machine built without it.
/// </summary>
public sealed record FunctionUnitCost(string Name, int Arity, long Inputs, string Form, string HiddenByLayer, int Rows, long Hidden, long Parameters, long NonZeros);

/// <summary>A definition over its own layout type: the cast from <see cref="IMachineLayout"/> is done once, here.</summary>
public abstract class MachineDefinition<TLayout> : IMachineDefinition where TLayout : IMachineLayout
{
    public abstract string Name { get; }
    public abstract string PcEncoding { get; }
    public virtual double CleanTolerance => Blocks.ErrorCorrection.Epsilon;
    public abstract int MaxWordBits(NumberFormat format);
    public abstract double LambdaBound(int columns, int wordBits);
    public abstract bool Runs(IReferenceSemantics semantics);
    public abstract void CheckRunnable(Program program, NumberFormat format);
    public abstract TLayout LayoutFor(Program program);
    public abstract int MaxColumns(int wordBits);
    public abstract TLayout Layout(int wordBits, int columns);
    public abstract MachineWeights Build(TLayout layout);
    public abstract Program RandomProgram(Random random, TLayout layout, bool endless = false);
    public abstract Program FuzzProgram(int seed, int maxWordBits, bool saturate);
    public virtual IReadOnlyList<FunctionUnitCost> UnitCosts(Program program) => [];
    public virtual string? UnitRefusal(FunctionUnit unit, NumberFormat format) => $"the {Name} machine has no function units";

    IMachineLayout IMachineDefinition.LayoutFor(Program program) => LayoutFor(program);
    IMachineLayout IMachineDefinition.Layout(int wordBits, int columns) => Layout(wordBits, columns);
    MachineWeights IMachineDefinition.Build(IMachineLayout layout) => Build(Own(layout));
    Program IMachineDefinition.RandomProgram(Random random, IMachineLayout layout, bool endless) => RandomProgram(random, Own(layout), endless);

    TLayout Own(IMachineLayout layout) => layout is TLayout own ? own
        : throw new ArgumentException($"the {Name} machine cannot be built from a {layout.GetType().Name}");

    public override string ToString() => Name;
}
