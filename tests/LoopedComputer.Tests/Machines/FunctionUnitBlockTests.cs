using System.Numerics;
using LoopedComputer.Assembly;
using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;

namespace LoopedComputer.Tests.Machines;

/// <summary>
/// Each function unit's blocks alone, over every input of its whole range (one-argument units in both
/// forms at N = 16), in float64 and (where the circuit claims float32 holds its sums exactly) float32,
/// all inputs at once (<see cref="RunEveryInput"/>):
/// the operand bits go in, the unit's layer-4 block and (piecewise-linear form) its layer-5 block run
/// as the machine builds them, and the output bits must be the value the test computes itself from
/// the definition (C# arithmetic written here, not the assembler's table).
/// </summary>
public class FunctionUnitBlockTests
{
    /// <summary>Assembles a program that defines and calls one unit; its layout holds the unit's rows.</summary>
    static (FleqLayout Layout, UnitFields Unit) Compile(int bits, string definition)
    {
        var result = Assembler.Assemble($".bits {bits}\n{definition}\nr: .word 0\n fleq {definition.Split(' ', '(')[1]}, r, r, r, r, 1\n halt\n");
        Assert.True(result.Succeeded, result.FormatDiagnostics());
        var program = result.Program!;
        var layout = FleqLayout.For(program);
        return (layout, layout.Units.Single());
    }

    /// <summary>A feed-forward step as its non-zero weights per hidden unit.</summary>
    sealed record Sparse((int Row, double Weight)[][] Inputs, (int Row, double Weight)[][] Outputs, double[] Bias)
    {
        public int Hidden => Bias.Length;

        public static Sparse Of(FeedForward ff)
        {
            int hidden = ff.Hidden, rows = ff.W1.GetLength(1);
            Assert.All(ff.B2, b => Assert.Equal(0.0, b));
            return new Sparse(
                Enumerable.Range(0, hidden).Select(h => Enumerable.Range(0, rows).Where(r => ff.W1[h, r] != 0).Select(r => (r, ff.W1[h, r])).ToArray()).ToArray(),
                Enumerable.Range(0, hidden).Select(h => Enumerable.Range(0, rows).Where(r => ff.W2[r, h] != 0).Select(r => (r, ff.W2[r, h])).ToArray()).ToArray(),
                ff.B1);
        }
    }

    static Sparse Layer(FleqLayout l, Block block) => Sparse.Of(new LayerPlan(1, "unit alone", [block]).Build(l.Space).FeedForward);

    /// <summary>
    /// The unit's layers run on every input at once, in <typeparamref name="T"/> (double or float): each
    /// state row holds one value per table index i, the operands x = min + i (or x, y from i's high and
    /// low N bits). A hidden unit that reads only operand bits and the indicator sees each bit of i on
    /// one row, so its pre-activation is A[i's high half] + B[i's low half], 2·2^(aN/2) sums where one
    /// per input would be 2^(aN) (the circuit's sums are exact in any order, so any order is a test of
    /// it); where A[H] + max B ≤ 0 no input of that half fires (rounding is monotone). Other hidden
    /// units (layer 5's, which read the value) are summed input by input.
    /// </summary>
    static T[][] RunEveryInput<T>(FleqLayout l, UnitFields unit, IReadOnlyList<Sparse> layers) where T : struct, IFloatingPointIeee754<T>
    {
        int n = l.WordBits, arity = unit.Unit.Arity, indexBits = arity * n, low = indexBits / 2;
        int count = 1 << indexBits;
        var word = new WordFormat(n);
        var state = new T[l.Rows][];
        T[] Row(int r) => state[r] ??= new T[count];
        var indexBit = new Dictionary<int, int>();   // operand bit row → the bit of i it shows
        for (int e = 0; e < n; e++)
        {
            indexBit[l.BitRow(l.X, e)] = arity == 2 ? e + n : e;
            if (arity == 2) indexBit[l.BitRow(l.Y, e)] = e;
        }
        Array.Fill(Row(l.Indicator), T.One);
        for (int i = 0; i < count; i++)
        {
            var (x, y) = arity == 1 ? (word.Min + i, 0L) : (word.Min + (i >> n), word.Min + (i & ((1 << n) - 1)));
            var xBits = Encoding.WordBits(x, n);
            var yBits = Encoding.WordBits(y, n);
            for (int b = 0; b < n; b++)
            {
                Row(l.X[b])[i] = T.CreateChecked(xBits[b]);
                if (arity == 2) Row(l.Y[b])[i] = T.CreateChecked(yBits[b]);
            }
        }
        foreach (var layer in layers)
        {
            var delta = new T[l.Rows][];
            bool Separable(int h) => layer.Inputs[h].All(t => t.Row == l.Indicator || indexBit.ContainsKey(t.Row));
            // The other units read rows that hold few distinct values (layer 5 reads the value): inputs that
            // agree on those rows agree on those units, so each group of inputs is summed once.
            var read = Enumerable.Range(0, layer.Hidden).Where(h => !Separable(h))
                .SelectMany(h => layer.Inputs[h].Select(t => t.Row)).Where(r => r != l.Indicator).Distinct().ToArray();
            var groupOf = new int[count];
            var groups = new Dictionary<string, int>();
            var representative = new List<int>();
            for (int i = 0; i < count; i++)
            {
                string key = string.Join(",", read.Select(r => Row(r)[i]));
                if (!groups.TryGetValue(key, out int g)) (groups[key], g) = (representative.Count, representative.Count);
                if (g == representative.Count) representative.Add(i);
                groupOf[i] = g;
            }
            var groupDelta = new T[l.Rows][];
            for (int h = 0; h < layer.Hidden; h++)
            {
                var inputs = layer.Inputs[h].Select(t => (t.Row, Weight: T.CreateChecked(t.Weight))).ToArray();
                var outputs = layer.Outputs[h].Select(t => (t.Row, Weight: T.CreateChecked(t.Weight))).ToArray();
                T bias = T.CreateChecked(layer.Bias[h]);
                if (Separable(h))
                {
                    var highTerms = inputs.Where(t => t.Row == l.Indicator || indexBit[t.Row] >= low).Select(t => (Values: state[t.Row]!, t.Weight)).ToArray();
                    var lowTerms = inputs.Where(t => t.Row != l.Indicator && indexBit[t.Row] < low).Select(t => (Values: state[t.Row]!, t.Weight)).ToArray();
                    var targets = outputs.Select(t => (Values: delta[t.Row] ??= new T[count], t.Weight)).ToArray();
                    var high = new T[1 << (indexBits - low)];
                    var lowSums = new T[1 << low];
                    for (int hi = 0; hi < high.Length; hi++)
                    {
                        T sum = bias;
                        foreach (var (values, w) in highTerms) sum += w * values[hi << low];
                        high[hi] = sum;
                    }
                    for (int lo = 0; lo < lowSums.Length; lo++)
                    {
                        T sum = T.Zero;
                        foreach (var (values, w) in lowTerms) sum += w * values[lo];
                        lowSums[lo] = sum;
                    }
                    T most = lowSums.Max();
                    for (int hi = 0; hi < high.Length; hi++)
                    {
                        if (high[hi] + most <= T.Zero) continue;
                        for (int lo = 0; lo < lowSums.Length; lo++)
                            if (high[hi] + lowSums[lo] is var pre && pre > T.Zero)
                                foreach (var (values, w) in targets) values[hi << low | lo] += w * pre;
                    }
                }
                else
                {
                    for (int g = 0; g < representative.Count; g++)
                    {
                        T pre = bias;
                        foreach (var (row, w) in inputs) pre += w * state[row]![representative[g]];
                        if (pre > T.Zero)
                            foreach (var (row, w) in outputs) (groupDelta[row] ??= new T[representative.Count])[g] += w * pre;
                    }
                }
            }
            for (int r = 0; r < l.Rows; r++)
            {
                if (delta[r] is null && groupDelta[r] is null) continue;
                var row = Row(r);
                for (int i = 0; i < count; i++)
                {
                    // Each input's separable and grouped contributions, in that order: sums the circuit holds exactly in any order.
                    T change = (delta[r]?[i] ?? T.Zero) + (groupDelta[r]?[groupOf[i]] ?? T.Zero);
                    row[i] += change;
                }
            }
        }
        return state;
    }

    /// <summary>Runs the unit's blocks on every input (x, or every pair x, y) and compares its bits with <paramref name="expected"/>.</summary>
    static UnitCircuit CheckEveryInput(int bits, string definition, Func<long, long, long> expected)
    {
        var (l, unit) = Compile(bits, definition);
        var word = new WordFormat(bits);
        var layers = new List<Sparse> { Layer(l, FunctionUnitBlocks.Compute(l, unit)) };
        if (unit.Value is not null) layers.Add(Layer(l, FunctionUnitBlocks.Bits(l, unit)));
        var inFloat64 = RunEveryInput<double>(l, unit, layers);
        var inFloat32 = unit.Circuit.ExactInFloat32 ? RunEveryInput<float>(l, unit, layers) : null;
        int arity = unit.Unit.Arity;
        for (int i = 0; i < 1 << (arity * bits); i++)
        {
            long x = arity == 1 ? word.Min + i : word.Min + (i >> bits);
            long y = arity == 1 ? 0 : word.Min + (i & ((1 << bits) - 1));
            long want = word.Wrap(expected(x, y));
            var wantBits = Encoding.WordBits(want, bits).Select(b => (b + 1) / 2).ToArray(); // 0/1, MSB first
            for (int b = 0; b < bits; b++)
            {
                double got = inFloat64[unit.Output[b]]?[i] ?? 0;
                float gotSingle = inFloat32?[unit.Output[b]]?[i] ?? (float)wantBits[b];
                if (got != wantBits[b] || gotSingle != wantBits[b])
                    Assert.Fail($"{definition} at x = {x}{(arity == 2 ? $", y = {y}" : "")}: output bit {bits - 1 - b} is {got} (float32 {gotSingle}), expected {wantBits[b]} (value {want}); form {unit.Circuit.Form}");
            }
        }
        return unit.Circuit;
    }

    static long Round(double v) => (long)Math.Round(v, MidpointRounding.AwayFromZero);

    [Fact]
    public void Sigmoid_in_16_bits_with_8_fraction_bits()
    {
        var circuit = CheckEveryInput(16, ".func sig(x) = sigmoid(x, 8)", (x, _) => Round(256 / (1 + Math.Exp(-x / 256.0))));
        Assert.Equal(UnitForm.PiecewiseLinear, circuit.Form);
        Assert.True(circuit.Hidden < 2000, $"{circuit.Hidden} hidden units");
    }

    [Fact]
    public void Tanh_in_16_bits_with_8_fraction_bits() =>
        CheckEveryInput(16, ".func th(x) = tanh(x, 8)", (x, _) => Round(256 * Math.Tanh(x / 256.0)));

    [Fact]
    public void Guarded_square_root_in_16_bits() =>
        CheckEveryInput(16, ".func root(x) = x < 0 ? -1 : sqrt(x, 0)", (x, _) => x < 0 ? -1 : Round(Math.Sqrt(x)));

    [Fact]
    public void A_clamped_scale_in_16_bits() =>
        CheckEveryInput(16, ".func relu6(x) = clamp(3 * x, 0, 6000)", (x, _) => Math.Clamp(3 * x, 0, 6000));

    // Lookup form at 16 bits: 16,000 scattered inputs (x · 40503 is a bijection mod 2^16) hold x ^ 709, the rest 7.
    [Fact]
    public void A_scattered_table_in_16_bits_in_lookup_form()
    {
        var circuit = CheckEveryInput(16, ".func spot(x) = (x * 40503 & 65535) < 16000 ? x ^ 709 : 7",
            (x, _) => ((x * 40503) & 65535) < 16000 ? x ^ 709 : 7);
        Assert.Equal(UnitForm.Lookup, circuit.Form);
        Assert.True(circuit.ExactInFloat32);
        Assert.InRange(circuit.Hidden, 15_000, UnitCircuit.MaxHidden);
    }

    // calc's sqrt unit of an integer at 16 bits with F = 2 (⌊√(x · 4^2)⌋, 0 for x < 0): piecewise-linear, float64 only.
    [Fact]
    public void Calcs_sqrt_unit_in_16_bits()
    {
        var circuit = CheckEveryInput(16, ".func calc_sqrt(x) = x < 0 || x > 32767 ? 0 : sqrt(x, 4) * sqrt(x, 4) > x << 4 ? sqrt(x, 4) - 1 : sqrt(x, 4)",
            (x, _) => x < 0 ? 0 : (long)Math.Floor(Math.Sqrt(x * 16.0)));
        Assert.Equal(UnitForm.PiecewiseLinear, circuit.Form);
    }

    [Fact]
    public void Popcount_in_12_bits()
    {
        var circuit = CheckEveryInput(12, ".func pop(x) = (x & 1) + (x >> 1 & 1) + (x >> 2 & 1) + (x >> 3 & 1) + (x >> 4 & 1) + (x >> 5 & 1) + (x >> 6 & 1) + (x >> 7 & 1) + (x >> 8 & 1) + (x >> 9 & 1) + (x >> 10 & 1) + (x >> 11 & 1)",
            (x, _) => System.Numerics.BitOperations.PopCount((ulong)x & 0xFFF));
        Assert.Equal(UnitForm.Lookup, circuit.Form);
    }

    [Fact]
    public void Wrapping_square_in_10_bits() =>
        CheckEveryInput(10, ".func sq(x) = x * x", (x, _) => x * x);

    [Fact]
    public void A_table_with_a_default_in_8_bits()
    {
        long[] values = [17, -3, 99, 0, 5, -128, 127, 64];
        CheckEveryInput(8, ".func h(x) = table -4: 17, -3, 99, 0, 5, -128, 127, 64 default -1", (x, _) => x >= -4 && x < 4 ? values[x + 4] : -1);
    }

    [Fact]
    public void Two_argument_units_over_every_pair_of_6_bit_words()
    {
        CheckEveryInput(6, ".func mulhi(x, y) = x * y >> 3", (x, y) => (x * y) >> 3);
        CheckEveryInput(6, ".func quot(x, y) = y == 0 ? 0 : x / y", (x, y) => y == 0 ? 0 : x / y);
        CheckEveryInput(6, ".func big(x, y) = max(x, y)", (x, y) => Math.Max(x, y));
    }

    [Fact]
    public void Fixed_point_exp_log_and_recip_in_8_bits()
    {
        CheckEveryInput(8, ".func e(x) = x > 15 ? 127 : exp(x, 4)", (x, _) => x > 15 ? 127 : Round(16 * Math.Exp(x / 16.0)));
        CheckEveryInput(8, ".func ln(x) = x <= 0 ? -128 : log(x, 4)", (x, _) => x <= 0 ? -128 : Round(16 * Math.Log(x / 16.0)));
        CheckEveryInput(8, ".func inv(x) = x == 0 ? 0 : recip(x, 3)", (x, _) => x == 0 ? 0 : (long)Math.Round(64.0 / x, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void A_unit_that_is_zero_everywhere_adds_no_units()
    {
        var (l, unit) = Compile(6, ".func zero(x) = x - x");
        Assert.Equal(0, unit.Circuit.Hidden);
        Assert.Equal(0, Layer(l, FunctionUnitBlocks.Compute(l, unit)).Hidden);
    }

    [Fact]
    public void A_unit_whose_sums_float32_cannot_hold_runs_in_float64()
    {
        var program = Assembler.Assemble(".bits 16\n.func th(x) = tanh(x, 10)\nr: .word 0\n th r, r\n halt\n").Program!;
        var circuit = UnitCircuit.For(program.Units[0]);
        Assert.Equal(UnitForm.PiecewiseLinear, circuit.Form);
        Assert.False(circuit.ExactInFloat32);
        var e = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(program, MachineCatalog.Default, NumberFormat.Float32));
        Assert.Contains("use --dtype float64", e.Message);
        Assert.Equal(NumberFormat.Float64, MachineCatalog.Compile(program, MachineCatalog.Default, null).Format);
    }

    // tanh(x, 10) at 16 bits is exact in float64 only (the test above): refused in float32, built by the
    // automatic format; a machine without function units refuses every unit.
    [Fact]
    public void The_machine_says_why_it_cannot_build_a_unit()
    {
        var unit = Assembler.Assemble(".bits 16\n.func th(x) = tanh(x, 10)\nr: .word 0\n th r, r\n halt\n").Program!.Units[0];
        Assert.Contains("beyond the 2^24 that float32 holds exactly", MachineCatalog.UnitRefusal(MachineCatalog.Default, unit, NumberFormat.Float32));
        Assert.Null(MachineCatalog.UnitRefusal(MachineCatalog.Default, unit, NumberFormat.Float64));
        Assert.Null(MachineCatalog.UnitRefusal(MachineCatalog.Default, unit, null));
        var big = Assembler.Assemble(".bits 17\n.func h(x) = x * 40503\nr: .word 0\n h r, r\n halt\n").Program!.Units[0];
        Assert.Contains("a unit may add at most 65,536", MachineCatalog.UnitRefusal(MachineCatalog.Default, big, null));
        Assert.Contains("has no function units", MachineCatalog.UnitRefusal(MachineCatalog.Find(LoopedComputer.Machines.PaperSubleq.PaperSubleqMachine.Name), unit, null));
    }

    // A step in the last ten of 2^14 pairs: two slope changes and two levels, so the value's and the
    // bits' sums stay near 20, but layer 4 forms the index i − t, whose partial sums reach the index's
    // range: x's bits weigh up to 2^7 · 2^5 = 4096 each. float16 holds integers to 2^11 only.
    [Fact]
    public void The_index_sums_count_towards_exactness()
    {
        var program = Assembler.Assemble(".bits 7\n.func step(x, y) = x == 63 && y >= 54 ? 1 : 0\nr: .word 0\n step r, r, r\n halt\n").Program!;
        var circuit = UnitCircuit.For(program.Units[0]);
        Assert.Equal(UnitForm.PiecewiseLinear, circuit.Form);
        Assert.Equal(2, circuit.Kinks.Count);
        long lastIndex = (1L << 14) - 1;
        Assert.True(circuit.LargestSum >= lastIndex - 10, $"largest sum {circuit.LargestSum}");
        Assert.False(circuit.ExactIn(NumberFormat.Float16));
        Assert.True(circuit.ExactIn(NumberFormat.Float32));
    }

    // x · 40503 wraps to a different value for each of the 2^17 inputs (40503 is odd): the lookup form needs
    // one unit for each input but the most common value's, 2^17 − 1, and one for that value (not 0).
    [Fact]
    public void A_unit_above_the_size_limit_is_refused_with_the_figures()
    {
        var program = Assembler.Assemble(".bits 17\n.func h(x) = x * 40503\nr: .word 0\n h r, r\n halt\n").Program!;
        var e = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(program, MachineCatalog.Default, NumberFormat.Float32));
        Assert.Contains("unit 'h' needs", e.Message);
        Assert.Contains("lookup form 131,072", e.Message);
        Assert.Contains("at most 65,536", e.Message);
    }

    // The limit's reason: a one-argument unit on 16-bit words has 2^16 inputs, so its lookup form has at
    // most 2^16 − 1 exceptions and one baseline unit. x · 40503 (odd) takes every value once: the worst case,
    // exact in float32 (the lookup's sums stay below 2aN = 32).
    [Fact]
    public void Every_one_argument_unit_on_16_bit_words_fits_in_lookup_form()
    {
        var program = Assembler.Assemble(".bits 16\n.func h(x) = x * 40503\nr: .word 0\n h r, r\n halt\n").Program!;
        var circuit = UnitCircuit.For(program.Units[0]);
        Assert.Equal(UnitForm.Lookup, circuit.Form);
        Assert.Equal(1 << 16, circuit.LookupHidden);
        Assert.True(circuit.LargestSum < 32);
        Assert.Null(circuit.Refusal(NumberFormat.Float32));
    }
}
