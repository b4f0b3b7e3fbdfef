using LoopedComputer.Isa;

namespace LoopedComputer.Machines.Fleq;

/// <summary>The FLEQ machine's catalogue entry: its limits and λ bound; its weights come from <see cref="FleqMachine"/>, its punchcard from <see cref="FleqLayout"/>.</summary>
public sealed class FleqDefinition : InstructionMachineDefinition<FleqLayout>
{
    public static readonly FleqDefinition Instance = new();

    FleqDefinition() { }

    public override string Name => FleqMachine.Name;
    public override string PcEncoding => "the instruction index in binary, MSB first, +1 for 1 and -1 for 0";

    /// <summary>
    /// Word widths each format carries exactly. The multiplier's staircase reads sums below N·2^N,
    /// which must be exact integers: the widest N with N·2^N below 2^(significand bits), so float32
    /// N ≤ 19 (19·2^19 &lt; 2^24), float64 N ≤ 47, float16 N ≤ 7, bfloat16 N ≤ 5.
    /// </summary>
    public override int MaxWordBits(NumberFormat format) =>
        Enumerable.Range(1, 62).Last(bits => bits * Math.Pow(2, bits) < Math.Pow(2, format.SignificandBits()));

    /// <summary>
    /// The safe λ: operands are cleaned (layer 3) before any arithmetic, so attention leakage is never
    /// amplified by 2^N. The largest remaining amplification is the flag test, which sums N leaked bits;
    /// the leak (n − 2)·e^(−2λ)/2 times 2N must stay below the clean-up's tolerance ε = ¼ with a factor
    /// 4 to spare: λ_min = ½·ln(32·N·n).
    /// </summary>
    public override double LambdaBound(int columns, int wordBits) => 0.5 * Math.Log(32.0 * wordBits * Math.Max(columns, 2));

    /// <summary>Refuses a function unit above the size limit, and word widths the format cannot carry exactly, with the fix.</summary>
    public override void CheckRunnable(Program program, NumberFormat format)
    {
        CheckSemantics(program);
        foreach (var unit in program.Units) UnitCircuit.For(unit).Check(format);
        int max = MaxWordBits(format);
        if (program.Word.Bits > max)
            throw new ArgumentException(
                $"{program.Name} uses {program.Word.Bits}-bit words; {format.Name()} carries at most {max} bits exactly on the {Name} machine " +
                "(its multiplier sums up to N·2^N)" + (format != NumberFormat.Float64 ? "; use --dtype float64" : "; use narrower words (.bits)"));
    }

    public override string? UnitRefusal(FunctionUnit unit, NumberFormat format) => UnitCircuit.For(unit).Refusal(format);

    public override FleqLayout LayoutFor(Program program) => FleqLayout.For(program);
    public override FleqLayout Layout(int wordBits, int memoryCells, int instructions) => new(wordBits, memoryCells, instructions);
    public override MachineWeights Build(FleqLayout layout) => FleqMachine.Build(layout);
    /// <summary>Each unit's growth of the machine: the machine for the program minus the machine for the same shape without that unit.</summary>
    public override IReadOnlyList<FunctionUnitCost> UnitCosts(Program program)
    {
        if (program.Units.Count == 0) return [];
        var layout = LayoutFor(program);
        var full = Build(layout);
        return program.Units.Select((unit, i) =>
        {
            var without = Build(new FleqLayout(program.Word.Bits, program.MemorySize, program.Instructions.Count, program.Units.Where((_, j) => j != i).ToArray()));
            var circuit = UnitCircuit.For(unit);
            string hidden = circuit.Form == UnitForm.PiecewiseLinear
                ? $"layer 4: {circuit.ComputeHidden:N0}, layer 5: {circuit.BitHidden:N0}"
                : $"layer 4: {circuit.ComputeHidden:N0}";
            return new FunctionUnitCost(unit.Name, unit.Arity, unit.InputCount, circuit.Form == UnitForm.PiecewiseLinear ? "piecewise-linear" : "lookup", hidden,
                full.Rows - without.Rows, Hidden(full) - Hidden(without), full.ParameterCount - without.ParameterCount, full.NonZeroCount - without.NonZeroCount);
        }).ToArray();
    }

    static long Hidden(MachineWeights weights) => weights.Layers.Sum(l => (long)l.FeedForward.Hidden);

    public override Program RandomProgram(Random random, int wordBits, int memoryCells, int instructions) =>
        RandomPrograms.Fleq(random, wordBits, memoryCells, instructions);
}
