using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Isa;

namespace LoopedComputer.Machines;

/// <summary>
/// A machine built for one program shape: its punchcard layout, its weights, the mixer in its
/// attention slots and, for softmax, the λ to run it with (the linear mixer has no temperature).
/// </summary>
public sealed record CompiledMachine(string Name, IMachineLayout Layout, MachineWeights Weights, double Lambda, NumberFormat Format, double LambdaBound,
    MixerKind Mixer = MixerKind.Softmax, bool FormatChosenAutomatically = false)
{
    public int Layers => Weights.Layers.Count;
    public int MaxHeads => Weights.Layers.Max(l => l.Heads.Count);

    public string Describe() =>
        $"machine {Name}: n = {Layout.Columns} columns, d = {Layout.Rows} rows, {Layers} layers, " +
        $"up to {MaxHeads} heads, {Weights.ParameterCount:N0} parameters ({Weights.NonZeroCount:N0} non-zero), " +
        (Mixer == MixerKind.Softmax ? $"softmax λ = {(Lambda < 1e6 ? Lambda.ToString("F2") : Lambda.ToString("G3"))} (safe bound {LambdaBound:F2})" : "linear mixer (exact, no λ)") +
        $", {Format.Name()}{(FormatChosenAutomatically ? " (auto: the narrowest exact for N = " + Layout.WordBits + ")" : "")}";

    /// <summary>One line per layer: its name, heads and feed-forward width.</summary>
    public IEnumerable<string> DescribeLayers() => Weights.Layers.Select((layer, i) =>
        $"{i + 1,4}  {layer.Name,-80} heads {layer.Heads.Count}  MLP {layer.FeedForward.Hidden,5}");
}

/// <summary>The machines a program can be compiled for, by name.</summary>
public static class MachineCatalog
{
    public static IReadOnlyList<string> Names { get; } = [FleqMachine.Name, PaperSubleqMachine.Name];

    public const string Default = FleqMachine.Name;

    /// <summary>The formats a machine may be built in, narrowest first.</summary>
    static readonly NumberFormat[] Formats = [NumberFormat.Float32, NumberFormat.Float64];

    /// <summary>
    /// Builds the machine for the program's shape, in <paramref name="format"/> or, when it is null,
    /// in the narrowest format in which the machine is exact for the program. Throws
    /// <see cref="ArgumentException"/> with a user-facing message for an unknown machine, a program
    /// it cannot run, a word width the format cannot carry exactly, a λ below the safe bound or
    /// above the format's ceiling (or NaN), or a λ given to the linear mixer.
    /// </summary>
    public static CompiledMachine Compile(Program program, string machine, NumberFormat? format, double? lambda = null, MixerKind mixer = MixerKind.Softmax)
    {
        if (mixer == MixerKind.Linear && lambda is not null)
            throw new ArgumentException("--lambda sets the softmax temperature; the linear mixer has none (leave --lambda out, or use --mixer softmax)");
        if (format is { } given) return Build(program, machine, given, lambda) with { Mixer = mixer };
        // The narrowest format wide enough for the words; if none is, the widest, whose build says why not.
        var chosen = Formats.FirstOrDefault(f => program.Word.Bits <= MaxWordBits(machine, f), Formats[^1]);
        return Build(program, machine, chosen, lambda) with { Mixer = mixer, FormatChosenAutomatically = true };
    }

    static int MaxWordBits(string machine, NumberFormat format) => machine switch
    {
        PaperSubleqMachine.Name => PaperSubleqMachine.MaxWordBits(format),
        FleqMachine.Name => FleqMachine.MaxWordBits(format),
        _ => throw new ArgumentException($"unknown machine '{machine}'; machines: {string.Join(", ", Names)}"),
    };

    static CompiledMachine Build(Program program, string machine, NumberFormat format, double? lambda)
    {
        switch (machine)
        {
            case PaperSubleqMachine.Name:
            {
                PaperSubleqMachine.CheckRunnable(program, format);
                var layout = PaperSubleqLayout.For(program);
                double bound = Temperature.SafeBound(layout.Columns, layout.WordBits);
                double chosen = Temperature.Choose(lambda, bound, layout.Columns, layout.WordBits, format);
                return new CompiledMachine(machine, layout, PaperSubleqMachine.Build(layout), chosen, format, bound);
            }
            case FleqMachine.Name:
            {
                FleqMachine.CheckRunnable(program, format);
                var layout = FleqLayout.For(program);
                double bound = FleqMachine.LambdaBound(layout.Columns, layout.WordBits);
                double chosen = Temperature.Choose(lambda, bound, layout.Columns, layout.WordBits, format);
                return new CompiledMachine(machine, layout, FleqMachine.Build(layout), chosen, format, bound);
            }
            default:
                throw new ArgumentException($"unknown machine '{machine}'; machines: {string.Join(", ", Names)}");
        }
    }
}
