using System.Runtime.CompilerServices;
using LoopedComputer.Isa;

namespace LoopedComputer.Machines.Fleq;

/// <summary>The two exact ReLU constructions of a function unit (docs/function-units.md).</summary>
public enum UnitForm
{
    /// <summary>
    /// Layer 4 computes the unit's value as an integer, piecewise-linear through every integer point
    /// of the input index; layer 5 turns it into bits with one step per distinct value. Small for
    /// functions with few distinct values or few changes of slope (sigmoid, tanh, clamps).
    /// </summary>
    PiecewiseLinear,

    /// <summary>One unit per input whose value differs from the most common one, firing only on that input's bits (layer 4).</summary>
    Lookup,
}

/// <summary>
/// How a <see cref="FunctionUnit"/>'s table becomes ReLU units, worked out from the table alone: both
/// forms' sizes, and the one the machine uses (the smaller, unless only the lookup runs in float32 and
/// fits the size limit). The lookup form's sums never exceed N, so
/// it is exact in every format; the piecewise-linear form's sums of integers are bounded here, and it
/// is exact in float32 only where that bound stays below 2^24 (in float64, below 2^53, always so here).
/// The input is the table index i (0 .. 2^(aN) − 1), linear in the operands' ±1 bits.
/// </summary>
public sealed class UnitCircuit
{
    /// <summary>The most hidden units one unit may add to the machine.</summary>
    public const int MaxHidden = 1 << 14;

    /// <summary>Sums of integers below this are exact in float64 (53-bit significand), the widest format.</summary>
    static readonly double ExactFloat64 = Math.Pow(2, 53);

    static readonly ConditionalWeakTable<FunctionUnit, UnitCircuit> Circuits = new();

    public FunctionUnit Unit { get; }
    public UnitForm Form { get; }

    /// <summary>Piecewise-linear form: the value at index 0 and the slope changes ReLU(i − t)·s, t ascending.</summary>
    public long Start { get; }
    public IReadOnlyList<(long Index, long Slope)> Kinks { get; }

    /// <summary>Piecewise-linear form: the distinct values, ascending; layer 5 steps between them.</summary>
    public IReadOnlyList<long> Levels { get; }

    /// <summary>Lookup form: the most common value (the baseline) and the inputs with another value.</summary>
    public long Baseline { get; }
    public IReadOnlyList<int> Exceptions { get; }

    /// <summary>The output bits (exponents) that are 1 in some value; the others stay 0.</summary>
    public IReadOnlyList<int> OutputBits { get; }

    /// <summary>Hidden units of each form.</summary>
    public int LookupHidden { get; }
    public int PiecewiseHidden { get; }

    /// <summary>A bound on the magnitude of every partial sum the chosen form forms (any order of summation).</summary>
    public double LargestSum { get; }

    /// <summary>Whether <paramref name="format"/> holds every sum of the chosen form exactly (integers below 2^significand bits).</summary>
    public bool ExactIn(NumberFormat format) => LargestSum < Math.Pow(2, format.SignificandBits());

    public bool ExactInFloat32 => ExactIn(NumberFormat.Float32);

    /// <summary>Hidden units of the chosen form in layer 4 (ALU 1) and layer 5 (ALU 2).</summary>
    public int ComputeHidden { get; }
    public int BitHidden { get; }
    public int Hidden => ComputeHidden + BitHidden;

    public static UnitCircuit For(FunctionUnit unit) => Circuits.GetValue(unit, u => new UnitCircuit(u));

    UnitCircuit(FunctionUnit unit)
    {
        Unit = unit;
        var g = unit.Table;
        Start = g[0];
        var kinks = new List<(long, long)>();
        double computeBound = Math.Abs((double)Start);
        long previousSlope = 0;
        for (int t = 0; t + 1 < g.Count; t++)
        {
            long slope = g[t + 1] - g[t];
            if (slope != previousSlope)
            {
                kinks.Add((t, slope - previousSlope));
                computeBound += Math.Abs((double)(slope - previousSlope)) * (g.Count - 1 - t);
            }
            previousSlope = slope;
        }
        Kinks = kinks;
        Levels = g.Distinct().Order().ToArray();
        OutputBits = Enumerable.Range(0, unit.Word.Bits).Where(e => Levels.Any(v => Bit(v, e) == 1)).ToArray();
        double range = Levels[^1] - Levels[0] + 1;
        double bitsBound = 2.0 * Levels.Count * range;
        int piecewiseCompute = (Start != 0 ? 1 : 0) + kinks.Count;
        int piecewiseBits = 1 + 2 * (Levels.Count - 1);
        PiecewiseHidden = piecewiseCompute + piecewiseBits;
        double piecewiseSum = Math.Max(computeBound, bitsBound);

        Baseline = g.GroupBy(v => v).OrderByDescending(v => v.Count()).ThenBy(v => v.Key).First().Key;
        Exceptions = Enumerable.Range(0, g.Count).Where(i => g[i] != Baseline).ToArray();
        LookupHidden = Exceptions.Count + (Baseline != 0 ? 1 : 0);

        // The smaller form; but a piecewise-linear form that float32 cannot hold only where the lookup is over the limit.
        bool piecewiseFits = piecewiseSum < ExactFloat64 && (piecewiseSum < Math.Pow(2, NumberFormat.Float32.SignificandBits()) || LookupHidden > MaxHidden);
        Form = PiecewiseHidden < LookupHidden && piecewiseFits ? UnitForm.PiecewiseLinear : UnitForm.Lookup;
        LargestSum = Form == UnitForm.PiecewiseLinear ? piecewiseSum : unit.Arity * unit.Word.Bits;
        (ComputeHidden, BitHidden) = Form == UnitForm.PiecewiseLinear ? (piecewiseCompute, piecewiseBits) : (LookupHidden, 0);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/>, with the figures, if the unit needs more than <see cref="MaxHidden"/>
    /// hidden units, or if <paramref name="format"/> does not hold its sums exactly.
    /// </summary>
    public void Check(NumberFormat format)
    {
        if (Hidden > MaxHidden)
            throw new ArgumentException(
                $"unit '{Unit.Name}' needs {Hidden:N0} hidden units on the fleq machine (lookup form {LookupHidden:N0}, piecewise-linear form {PiecewiseHidden:N0}); " +
                $"a unit may add at most {MaxHidden:N0}: use narrower words (.bits), a function with fewer distinct values or changes of slope, or compute it with instructions");
        if (!ExactIn(format))
            throw new ArgumentException(
                $"unit '{Unit.Name}' forms sums up to {LargestSum:G3} in its {(Form == UnitForm.Lookup ? "lookup" : "piecewise-linear")} form, " +
                $"beyond the 2^{format.SignificandBits()} that {format.Name()} holds exactly; use --dtype float64");
    }

    /// <summary>Bit e (0/1) of a value's N-bit two's complement.</summary>
    public static int Bit(long value, int e) => (int)((value >> e) & 1);
}
