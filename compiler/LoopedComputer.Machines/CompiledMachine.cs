using LoopedComputer.Machines.Classic;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Isa;

namespace LoopedComputer.Machines;

/// <summary>
/// A machine built for one program shape: its punchcard layout, its weights, the mixer in its
/// attention slots and, for softmax, the λ to run it with (the linear mixer has no temperature).
/// </summary>
public sealed record CompiledMachine(IMachineDefinition Definition, IMachineLayout Layout, MachineWeights Weights, double Lambda, NumberFormat Format, double LambdaBound,
    MixerKind Mixer = MixerKind.Softmax, bool FormatChosenAutomatically = false)
{
    public string Name => Definition.Name;
    public int Layers => Weights.Layers.Count;
    public int MaxHeads => Weights.Layers.Max(l => l.Heads.Count);

    public string Describe() =>
        $"machine {Name}: n = {Layout.Columns} columns, d = {Layout.Rows} rows, {Layers} layers, " +
        $"up to {MaxHeads} heads, {Weights.ParameterCount:N0} parameters ({Weights.NonZeroCount:N0} non-zero), " +
        (Mixer == MixerKind.Softmax ? $"softmax λ = {(Lambda < 1e6 ? Lambda.ToString("F2") : Lambda.ToString("G3"))} (safe bound {LambdaBound:F2})" : "linear mixer (exact, no λ)") +
        $", {Format.Name()}{(FormatChosenAutomatically ? " (auto: the narrowest exact for N = " + Layout.WordBits + ")" : "")}";
}

/// <summary>The machines a program can be compiled for: one definition each, the default first; help and bench list them in this order.</summary>
public static class MachineCatalog
{
    public static IReadOnlyList<IMachineDefinition> Machines { get; } = [FleqDefinition.Instance, PaperSubleqDefinition.Instance, ClassicDefinition.Instance];

    /// <summary>The machine used when none is named.</summary>
    public static IMachineDefinition Default => FleqDefinition.Instance;

    public static IReadOnlyList<string> Names { get; } = [.. Machines.Select(m => m.Name)];

    /// <summary>The machine for a program when none is named: the first that runs programs of this meaning (the default comes first).</summary>
    public static IMachineDefinition For(Program program) => Machines.FirstOrDefault(m => m.Runs(program.Reference)) ?? Default;

    /// <summary>The machine named <paramref name="name"/>; an unknown name throws <see cref="ArgumentException"/> listing the machines.</summary>
    public static IMachineDefinition Find(string name) => Machines.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"unknown machine '{name}'; machines: {string.Join(", ", Names)}");

    static IReadOnlyList<NumberFormat> Formats => NumberFormats.Compiled;

    /// <summary>
    /// Why <paramref name="machine"/> cannot build <paramref name="unit"/> in <paramref name="format"/>, or,
    /// when it is null (the automatic format), in any format that carries the unit's words (the widest
    /// one's reason); null where it can, or where no format carries the words (the machine's build says why).
    /// </summary>
    public static string? UnitRefusal(IMachineDefinition machine, FunctionUnit unit, NumberFormat? format)
    {
        var formats = format is { } given ? [given] : Formats.Where(f => unit.Word.Bits <= machine.MaxWordBits(f)).ToList();
        var reasons = formats.Select(f => machine.UnitRefusal(unit, f)).ToList();
        return reasons.Any(r => r is null) ? null : reasons.LastOrDefault();
    }

    /// <inheritdoc cref="Compile(Program, IMachineDefinition, NumberFormat?, double?, MixerKind)"/>
    public static CompiledMachine Compile(Program program, string machine, NumberFormat? format, double? lambda = null, MixerKind mixer = MixerKind.Softmax) =>
        Compile(program, Find(machine), format, lambda, mixer);

    /// <summary>
    /// Builds the machine for the program's shape, in <paramref name="format"/> or, when it is null,
    /// in the narrowest format in which the machine is exact for the program. Throws
    /// <see cref="ArgumentException"/> with a user-facing message for an unknown machine, a program
    /// it cannot run, a word width the format cannot carry exactly, a λ below the safe bound or
    /// above the format's ceiling (or NaN), or a λ given to the linear mixer.
    /// </summary>
    public static CompiledMachine Compile(Program program, IMachineDefinition machine, NumberFormat? format, double? lambda = null, MixerKind mixer = MixerKind.Softmax)
    {
        if (mixer == MixerKind.Linear && lambda is not null)
            throw new ArgumentException("--lambda sets the softmax temperature; the linear mixer has none (leave --lambda out, or use --mixer softmax)");
        if (format is { } given) return Build(program, machine, given, lambda) with { Mixer = mixer };
        // The narrowest format that runs the program exactly; else the narrowest wide enough for the words; if none is, the widest, whose build says why not.
        var wideEnough = Formats.Where(f => program.Word.Bits <= machine.MaxWordBits(f)).ToList();
        var chosen = wideEnough.FirstOrDefault(f => Runs(machine, program, f), wideEnough.FirstOrDefault(Formats[^1]));
        return Build(program, machine, chosen, lambda) with { Mixer = mixer, FormatChosenAutomatically = true };
    }

    static bool Runs(IMachineDefinition machine, Program program, NumberFormat format)
    {
        try
        {
            machine.CheckRunnable(program, format);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static CompiledMachine Build(Program program, IMachineDefinition machine, NumberFormat format, double? lambda)
    {
        machine.CheckRunnable(program, format);
        var layout = machine.LayoutFor(program);
        double bound = machine.LambdaBound(layout.Columns, layout.WordBits);
        double chosen = Temperature.Choose(lambda, bound, layout.Columns, layout.WordBits, format);
        return new CompiledMachine(machine, layout, machine.Build(layout), chosen, format, bound);
    }
}
