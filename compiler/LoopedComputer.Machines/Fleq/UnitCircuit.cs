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
/// has at most <see cref="MaxLookupForFloat32"/> units). Every sum a form makes (pre-activations,
/// outputs) is of integers and half-integers, bounded here in any order of summation; a format holds
/// the form exactly where that bound stays below 2^(significand bits) (<see cref="Exact"/>). The lookup form's sums never exceed
/// 2aN; the piecewise-linear form's are the table index, the slope changes and the steps to bits.
/// The input is the table index i (0 .. 2^(aN) − 1), linear in the operands' ±1 bits (<see cref="IndexTerms"/>).
/// </summary>
public sealed class UnitCircuit
{
    /// <summary>
    /// The most hidden units one unit may add to the machine: enough for the lookup form of every
    /// one-argument unit on words of up to 16 bits, and for calc's sqrt on its default 19-bit words
    /// with 8 fraction bits. The lookup form stays exact at any size (its sums are bounded by 2aN).
    /// </summary>
    public const int MaxHidden = 1 << 16;

    /// <summary>
    /// The largest lookup form chosen over a smaller piecewise-linear form only because float32 cannot
    /// hold the latter: beyond it the small form in float64 makes the cheaper machine.
    /// </summary>
    public const int MaxLookupForFloat32 = 1 << 14;

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

    /// <summary>
    /// A bound on the magnitude of every partial sum the chosen form forms (any order of summation), as
    /// integers: the index's sums are multiples of ½, so they count twice their magnitude.
    /// </summary>
    public double LargestSum { get; }

    /// <summary>Whether <paramref name="format"/> holds every sum of the chosen form exactly.</summary>
    public bool ExactIn(NumberFormat format) => Exact(LargestSum, format);

    /// <summary>The exactness rule: integers of magnitude below 2^(significand bits) are exact.</summary>
    static bool Exact(double largestSum, NumberFormat format) => largestSum < Math.Pow(2, format.SignificandBits());

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
        var kinks = new List<(long Index, long Slope)>();
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
        // Layer 4's pre-activations i − t: the index terms' magnitudes plus the largest |constant − t|, multiples of ½, so doubled.
        double indexTerms = IndexTerms(unit.Arity, unit.Word.Bits).Sum(term => Math.Abs(term.Weight));
        double indexConstant = IndexConstant(unit.Arity, unit.Word.Bits);
        double indexBound = kinks.Count == 0 ? 0 : 2 * (indexTerms + kinks.Max(k => Math.Abs(indexConstant - k.Index)));
        Levels = g.Distinct().Order().ToArray();
        OutputBits = Enumerable.Range(0, unit.Word.Bits).Where(e => Levels.Any(v => Bit(v, e) == 1)).ToArray();
        double range = Levels[^1] - Levels[0] + 1;
        // Layer 5: pre-activations Value − u (+ 1), outputs up to 2·levels steps of ReLUs below the range.
        double largestLevel = Math.Max(Math.Abs((double)Levels[0]), Math.Abs((double)Levels[^1]));
        double bitsBound = Math.Max(2.0 * Levels.Count * range, 2 * largestLevel + 1);
        int piecewiseCompute = (Start != 0 ? 1 : 0) + kinks.Count;
        int piecewiseBits = 1 + 2 * (Levels.Count - 1);
        PiecewiseHidden = piecewiseCompute + piecewiseBits;
        double piecewiseSum = Math.Max(Math.Max(computeBound, indexBound), bitsBound);

        Baseline = g.GroupBy(v => v).OrderByDescending(v => v.Count()).ThenBy(v => v.Key).First().Key;
        Exceptions = Enumerable.Range(0, g.Count).Where(i => g[i] != Baseline).ToArray();
        LookupHidden = Exceptions.Count + (Baseline != 0 ? 1 : 0);

        // The smaller form; but a piecewise-linear form that float32 cannot hold only where the lookup is large.
        bool piecewiseFits = Exact(piecewiseSum, NumberFormat.Float64) && (Exact(piecewiseSum, NumberFormat.Float32) || LookupHidden > MaxLookupForFloat32);
        Form = PiecewiseHidden < LookupHidden && piecewiseFits ? UnitForm.PiecewiseLinear : UnitForm.Lookup;
        // The lookup's pre-activations: aN terms ±1 and the constant aN − 1; its outputs: one unit fires.
        LargestSum = Form == UnitForm.PiecewiseLinear ? piecewiseSum : 2 * unit.Arity * unit.Word.Bits - 1;
        (ComputeHidden, BitHidden) = Form == UnitForm.PiecewiseLinear ? (piecewiseCompute, piecewiseBits) : (LookupHidden, 0);
    }

    /// <summary>Why the machine cannot build the unit for <paramref name="format"/>, with the figures; null where it can.</summary>
    public string? Refusal(NumberFormat format) =>
        Hidden > MaxHidden ? SizeRefusal : !ExactIn(format) ? ExactnessRefusal(format) : null;

    /// <summary>
    /// Throws <see cref="ArgumentException"/>, with the figures and the fix, if the unit needs more than
    /// <see cref="MaxHidden"/> hidden units, or if <paramref name="format"/> does not hold its sums exactly.
    /// </summary>
    public void Check(NumberFormat format)
    {
        if (Hidden > MaxHidden)
            throw new ArgumentException($"{SizeRefusal}: use narrower words (.bits), a function with fewer distinct values or changes of slope, or compute it with instructions");
        if (!ExactIn(format)) throw new ArgumentException($"{ExactnessRefusal(format)}; use --dtype float64");
    }

    string SizeRefusal =>
        $"unit '{Unit.Name}' needs {Hidden:N0} hidden units on the fleq machine (lookup form {LookupHidden:N0}, piecewise-linear form {PiecewiseHidden:N0}); " +
        $"a unit may add at most {MaxHidden:N0}";

    string ExactnessRefusal(NumberFormat format) =>
        $"unit '{Unit.Name}' forms sums up to {LargestSum:G3} in its {(Form == UnitForm.Lookup ? "lookup" : "piecewise-linear")} form, " +
        $"beyond the 2^{format.SignificandBits()} that {format.Name()} holds exactly";

    /// <summary>
    /// The table index as weights on the operands' ±1 bits (operand 0 is x, 1 is y; bit e counts from the
    /// least significant) plus <see cref="IndexConstant"/>: a word is Σ_(e&lt;N−1) 2^(e−1)·β_e − 2^(N−2)·β_sign − ½,
    /// and the index is x + 2^(N−1), or (x + 2^(N−1))·2^N + y + 2^(N−1).
    /// </summary>
    public static IEnumerable<(int Operand, int Bit, double Weight)> IndexTerms(int arity, int bits)
    {
        for (int operand = 0; operand < arity; operand++)
        {
            double scale = arity == 2 && operand == 0 ? Math.Pow(2, bits) : 1;
            for (int e = 0; e < bits - 1; e++) yield return (operand, e, scale * Math.Pow(2, e - 1));
            yield return (operand, bits - 1, -scale * Math.Pow(2, bits - 2));
        }
    }

    /// <summary>The constant of the table index (<see cref="IndexTerms"/>).</summary>
    public static double IndexConstant(int arity, int bits)
    {
        double half = Math.Pow(2, bits - 1);
        return arity == 1 ? half - 0.5 : (half - 0.5) * Math.Pow(2, bits) + half - 0.5;
    }

    /// <summary>Bit e (0/1) of a value's N-bit two's complement.</summary>
    public static int Bit(long value, int e) => (int)((value >> e) & 1);
}
