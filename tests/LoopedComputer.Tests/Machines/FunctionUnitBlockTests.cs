using LoopedComputer.Assembly;
using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;

namespace LoopedComputer.Tests.Machines;

/// <summary>
/// Each function unit's blocks alone, over every input of its whole range, in float64 and (where the
/// circuit claims float32 holds its sums exactly) float32:
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

    /// <summary>A feed-forward step kept as its non-zero weights, evaluated one column at a time in double or float.</summary>
    sealed class Sparse
    {
        readonly (int Row, double Weight)[][] inputs;
        readonly (int Row, double Weight)[][] outputs;
        readonly double[] bias;

        public int Hidden => bias.Length;

        public Sparse(FeedForward ff)
        {
            int hidden = ff.Hidden, rows = ff.W1.GetLength(1);
            inputs = new (int, double)[hidden][];
            outputs = new (int, double)[hidden][];
            for (int h = 0; h < hidden; h++)
            {
                inputs[h] = Enumerable.Range(0, rows).Where(r => ff.W1[h, r] != 0).Select(r => (r, ff.W1[h, r])).ToArray();
                outputs[h] = Enumerable.Range(0, rows).Where(r => ff.W2[r, h] != 0).Select(r => (r, ff.W2[r, h])).ToArray();
            }
            bias = ff.B1;
            Assert.All(ff.B2, b => Assert.Equal(0.0, b));
        }

        public void Apply(double[] x)
        {
            var delta = new double[x.Length];
            for (int h = 0; h < bias.Length; h++)
            {
                double pre = bias[h];
                foreach (var (row, w) in inputs[h]) pre += w * x[row];
                if (pre <= 0) continue;
                foreach (var (row, w) in outputs[h]) delta[row] += w * pre;
            }
            for (int r = 0; r < x.Length; r++) x[r] += delta[r];
        }

        public void Apply(float[] x)
        {
            var delta = new float[x.Length];
            for (int h = 0; h < bias.Length; h++)
            {
                float pre = (float)bias[h];
                foreach (var (row, w) in inputs[h]) pre += (float)w * x[row];
                if (pre <= 0) continue;
                foreach (var (row, w) in outputs[h]) delta[row] += (float)w * pre;
            }
            for (int r = 0; r < x.Length; r++) x[r] += delta[r];
        }
    }

    static Sparse Layer(FleqLayout l, Block block) => new(new LayerPlan(1, "unit alone", [block]).Build(l.Space).FeedForward);

    /// <summary>Runs the unit's blocks on every input (x, or every pair x, y) and compares its bits with <paramref name="expected"/>.</summary>
    static UnitCircuit CheckEveryInput(int bits, string definition, Func<long, long, long> expected)
    {
        var (l, unit) = Compile(bits, definition);
        var word = new WordFormat(bits);
        var layers = new List<Sparse> { Layer(l, FunctionUnitBlocks.Compute(l, unit)) };
        if (unit.Value is not null) layers.Add(Layer(l, FunctionUnitBlocks.Bits(l, unit)));
        long count = unit.Unit.Arity == 1 ? 1L << bits : 1L << (2 * bits);
        for (long i = 0; i < count; i++)
        {
            long x = unit.Unit.Arity == 1 ? word.Min + i : word.Min + (i >> bits);
            long y = unit.Unit.Arity == 1 ? 0 : word.Min + (i & ((1L << bits) - 1));
            var state = new double[l.Rows];
            state[l.Indicator] = 1;
            var xBits = Encoding.WordBits(x, bits);
            var yBits = Encoding.WordBits(y, bits);
            for (int b = 0; b < bits; b++) (state[l.X[b]], state[l.Y[b]]) = (xBits[b], yBits[b]);
            var single = state.Select(v => (float)v).ToArray();
            foreach (var layer in layers)
            {
                layer.Apply(state);
                if (unit.Circuit.ExactInFloat32) layer.Apply(single);
            }
            long want = word.Wrap(expected(x, y));
            var wantBits = Encoding.WordBits(want, bits).Select(b => (b + 1) / 2).ToArray(); // 0/1, MSB first
            for (int b = 0; b < bits; b++)
            {
                double got = state[unit.Output[b]];
                float gotSingle = single[unit.Output[b]];
                if (got != wantBits[b] || unit.Circuit.ExactInFloat32 && gotSingle != wantBits[b])
                    Assert.Fail($"{definition} at x = {x}{(unit.Unit.Arity == 2 ? $", y = {y}" : "")}: output bit {bits - 1 - b} is {got} (float32 {gotSingle}), expected {wantBits[b]} (value {want}); form {unit.Circuit.Form}");
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
        var big = Assembler.Assemble(".bits 8\n.func h(x, y) = x * y + x\nr: .word 0\n h r, r, r\n halt\n").Program!.Units[0];
        Assert.Contains("a unit may add at most 16,384", MachineCatalog.UnitRefusal(MachineCatalog.Default, big, null));
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

    [Fact]
    public void A_unit_above_the_size_limit_is_refused_with_the_figures()
    {
        var program = Assembler.Assemble(".bits 8\n.func h(x, y) = x * y + x\nr: .word 0\n h r, r, r\n halt\n").Program!;
        var e = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(program, MachineCatalog.Default, NumberFormat.Float32));
        Assert.Contains("unit 'h' needs", e.Message);
        Assert.Contains("at most 16,384", e.Message);
    }
}
