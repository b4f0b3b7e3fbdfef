using System.Globalization;
using LoopedComputer.Assembly.Calc;
using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Tests.Engine;
using LoopedComputer.Tests.Cli;

namespace LoopedComputer.Tests.Programs;

/// <summary>
/// `looped calc`: expressions compiled into programs, checked against C#'s own integer arithmetic, and
/// fixed-point results against Math.Sqrt in doubles and against a fixed-point evaluator written here on longs.
/// </summary>
public class CalculatorTests
{
    static readonly string Library = Path.Combine(BundledPrograms.Directory, "lib");
    static readonly int MaxBits = MachineCatalog.Default.MaxWordBits(NumberFormat.Float64); // the machine calc runs on

    /// <summary>The raw result the program leaves on the interpreter, which must be the compiler's exact value.</summary>
    static long OnInterpreter(string expression, int bits = 24, int frac = 0) => (long)OnInterpreterTyped(expression, bits, frac).Raw;

    static CalcValue OnInterpreterTyped(string expression, int bits, int frac)
    {
        var calc = CalcCompiler.Compile(expression, bits, MaxBits, Library, frac);
        var run = Interpreter.Run(calc.Program, null, 10_000_000);
        Assert.Equal(RunStatus.Halted, run.Status);
        long result = calc.Program.Read(run.Memory, "result").Values[0];
        Assert.Equal((long)calc.Value.Raw, result);
        return calc.Value;
    }

    /// <summary>The value a fixed-point result stands for, as a double (exact for these widths).</summary>
    static double Real(CalcValue value) => (double)value.Raw / Math.Pow(2, value.FractionBits);

    // The expected values are C# constant expressions: the compiler folds them with C#'s truncating
    // division and remainder (the sign of the dividend), which is what the calculator promises.
    [Theory]
    [InlineData("1 + 2 * 3", 1 + 2 * 3)]
    [InlineData("(1 + 2) * 3", (1 + 2) * 3)]
    [InlineData("-7 / 2", -7 / 2)]
    [InlineData("7 / -2", 7 / -2)]
    [InlineData("-7 mod 3", -7 % 3)]
    [InlineData("7 % -3", 7 % -3)]
    [InlineData("100 - 3 - 4", 100 - 3 - 4)]
    [InlineData("2 * -(3 - 10) * 5", 2 * -(3 - 10) * 5)]
    [InlineData("--5", 5)]
    [InlineData("1000000 / 7 mod 13", 1000000 / 7 % 13)]
    [InlineData("12 × 4 ÷ 5 − 1", 12 * 4 / 5 - 1)]
    [InlineData("sqrt(99)", 9)]
    [InlineData("sqrt(100) + sqrt(0) + sqrt(1)", 11)]
    [InlineData("sqrt(1_000_000)", 1000)]
    [InlineData("sqrt(8388607)", 2896)]
    [InlineData("8388607", 8388607)]
    [InlineData("-8388607 - 1", -8388608)]
    public void Expressions_compute_what_CSharp_computes(string expression, long expected)
    {
        Assert.Equal(expected, OnInterpreter(expression));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Random_expressions_agree_with_CSharp_longs(int frac)
    {
        var random = new Random(23);
        int checkedCount = 0, fixedCount = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var (text, value) = RandomExpression(random, 3, frac);
            if (value is not { } expected) continue;   // overflow, division by zero, mod of fixed point: tested below
            var result = OnInterpreterTyped(text, 32, frac);
            Assert.True(expected.Raw == result.Raw && expected.Fixed == result.IsFixed, $"{text} --frac {frac}: {result.Describe()}, expected raw {expected.Raw} (fixed: {expected.Fixed})");
            checkedCount++;
            if (expected.Fixed) fixedCount++;
        }
        Assert.True(checkedCount > 100, $"only {checkedCount} random expressions were valid");
        Assert.True(frac == 0 || fixedCount > 30, $"only {fixedCount} random expressions had fixed-point results");
    }

    /// <summary>A value by the calculator's rules, worked out here on longs: Raw, or Raw / 2^F where Fixed.</summary>
    readonly record struct Typed(long Raw, bool Fixed);

    /// <summary>A random expression and its value (null where it divides by zero, takes mod of fixed point, or any raw intermediate leaves ±2^30).</summary>
    static (string Text, Typed? Value) RandomExpression(Random random, int depth, int frac)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            long n = random.Next(0, 2000);
            return ($"{n}", new Typed(n, false));
        }
        var (l, x) = RandomExpression(random, depth - 1, frac);
        var (r, y) = RandomExpression(random, depth - 1, frac);
        int choice = random.Next(8);
        string text = choice switch
        {
            0 => $"({l} + {r})", 1 => $"({l} - {r})", 2 => $"({l} * {r})", 3 => $"({l} / {r})", 4 => $"({l} mod {r})", 5 => $"-{l}",
            6 => $"sqrt({l} * {l})",
            _ => $"sqrt({l})",
        };
        if (x is not { } a || y is not { } b) return (text, null);
        try
        {
            return (text, choice switch
            {
                6 => Apply(7, Apply(2, a, a, frac)!.Value, a, frac),
                _ => Apply(choice, a, b, frac),
            });
        }
        catch (OverflowException)
        {
            return (text, null);
        }
    }

    /// <summary>The operation numbered as in <see cref="RandomExpression"/>: fixed point promotes integers by &lt;&lt; F, floors products, truncates quotients.</summary>
    static Typed? Apply(int operation, Typed x, Typed y, int frac)
    {
        long Keep(long v) => Math.Abs(v) < 1L << 30 ? v : throw new OverflowException();
        long Promoted(Typed t) => t.Fixed ? t.Raw : Keep(t.Raw << frac);
        bool isFixed = x.Fixed || y.Fixed;
        return operation switch
        {
            0 => new Typed(Keep(isFixed ? Promoted(x) + Promoted(y) : x.Raw + y.Raw), isFixed),
            1 => new Typed(Keep(isFixed ? Promoted(x) - Promoted(y) : x.Raw - y.Raw), isFixed),
            2 => x.Fixed && y.Fixed ? new Typed(Keep(x.Raw * y.Raw) >> frac, true) : new Typed(Keep(x.Raw * y.Raw), isFixed),
            3 when y.Raw == 0 => null,
            3 => y.Fixed ? new Typed(Keep(Promoted(x) << frac) / y.Raw, true) : new Typed(x.Raw / y.Raw, isFixed),
            4 => y.Raw == 0 || isFixed ? null : new Typed(x.Raw % y.Raw, false),
            5 => new Typed(Keep(-x.Raw), x.Fixed),
            // sqrt: ⌊√(value) · 2^F⌋ = ⌊√(raw · 2^F)⌋ for fixed point, ⌊√(n · 4^F)⌋ for an integer
            _ => x.Raw < 0 ? null : new Typed(Isqrt(x.Fixed ? x.Raw << frac : x.Raw << 2 * frac), frac > 0),
        };
    }

    static long Isqrt(long n)
    {
        long r = (long)Math.Sqrt(n);
        while (r * r > n) r--;
        while ((r + 1) * (r + 1) <= n) r++;
        return r;
    }

    // sqrt(x) with F fraction bits is ⌊√x · 2^F⌋ / 2^F: at most √x, less than 2^−F below it.
    [Theory]
    [InlineData(2, 19, 8)]
    [InlineData(2, 16, 4)]
    [InlineData(2, 12, 8)]
    [InlineData(0, 19, 8)]
    [InlineData(1, 19, 8)]
    [InlineData(3, 24, 12)]
    [InlineData(65535, 19, 8)]
    [InlineData(1_000_000, 32, 8)]
    [InlineData(12345, 47, 20)]
    [InlineData(99, 24, 5)]
    public void Sqrt_is_fixed_point_within_one_unit_below_MathSqrt(int x, int bits, int frac)
    {
        var value = OnInterpreterTyped($"sqrt({x})", bits, frac);
        Assert.True(value.IsFixed);
        Assert.Equal(frac, value.FractionBits);
        double exact = Math.Sqrt(x), unit = Math.Pow(2, -frac);
        Assert.InRange(exact - Real(value), 0, unit * (1 - 1e-9));
    }

    // Fixed-point operands: sqrt of a fixed value (an odd F doubles the raw), and mixed arithmetic, against doubles.
    public static TheoryData<string, double> FixedPointExpressions => new()
    {
        { "sqrt(sqrt(16))", 2 },
        { "sqrt(sqrt(2))", Math.Sqrt(Math.Sqrt(2)) },
        { "sqrt(2) * sqrt(2)", 2 },
        { "sqrt(2) + 1", Math.Sqrt(2) + 1 },
        { "1 - sqrt(2)", 1 - Math.Sqrt(2) },
        { "-sqrt(3) * 2", -Math.Sqrt(3) * 2 },
        { "3 * sqrt(5) - 2", 3 * Math.Sqrt(5) - 2 },
        { "sqrt(10) / 3", Math.Sqrt(10) / 3 },
        { "1 / sqrt(2)", 1 / Math.Sqrt(2) },
        { "sqrt(8) / sqrt(2)", 2 },
        { "(sqrt(2) + sqrt(3)) * (sqrt(3) - sqrt(2)) + 7 / 2", 1 + 7 / 2 },
    };

    // Each floor or truncation loses less than 2^−F, scaled by the size of the other operand (below 4 here).
    [Theory]
    [MemberData(nameof(FixedPointExpressions))]
    public void Fixed_point_arithmetic_stays_within_a_few_units_of_doubles(string expression, double expected)
    {
        foreach (int frac in new[] { 5, 8, 12 })
        {
            var value = OnInterpreterTyped(expression, 32, frac);
            Assert.True(value.IsFixed);
            Assert.True(Math.Abs(Real(value) - expected) < 8 * Math.Pow(2, -frac), $"{expression} --frac {frac}: {value.Describe()}, expected about {expected}");
        }
    }

    [Fact]
    public void Frac_0_keeps_sqrt_an_integer()
    {
        var value = OnInterpreterTyped("sqrt(2) * 10 + sqrt(99) mod 4", 24, 0);
        Assert.False(value.IsFixed);
        Assert.Equal(1 * 10 + 9 % 4, value.Raw);
    }

    // The decimal is exact: C#'s decimal holds raw / 2^F exactly for F ≤ 20 and these raws.
    [Theory]
    [InlineData(362, 8)]
    [InlineData(-1, 1)]
    [InlineData(256, 8)]
    [InlineData(-3, 4)]
    [InlineData(1, 20)]
    [InlineData(123456789, 12)]
    public void Fixed_point_prints_its_exact_decimal(long raw, int frac)
    {
        var value = new CalcValue(raw, frac);
        string text = value.ToDecimal();
        Assert.Equal((decimal)raw / (1L << frac), decimal.Parse(text, CultureInfo.InvariantCulture));
        Assert.Matches(@"^-?\d+\.\d+$", text);
        Assert.True(text.EndsWith(".0") || !text.EndsWith('0'), text);   // trailing zeros trimmed, one digit kept
        Assert.EndsWith($"fixed point, {frac} fraction bits: {raw} / 2^{frac})", value.Describe());
    }

    [Theory]
    [InlineData("2 +", 4, "unexpected end")]
    [InlineData("(1 + 2", 7, "expected ')' to close the '(' at column 1")]
    [InlineData("1 + 2)", 6, "unexpected ')'")]
    [InlineData("3 $ 4", 3, "unexpected '$'")]
    [InlineData("1.5 * 2", 2, "only integers")]
    [InlineData("cos(1)", 1, "the only function is sqrt")]
    [InlineData("", 1, "the expression is empty")]
    [InlineData("sqrt 4", 6, "expected '(' after sqrt")]
    public void Parse_errors_point_at_the_offending_character(string expression, int column, string message)
    {
        var error = Assert.Throws<CalcException>(() => CalcCompiler.Compile(expression, 24, MaxBits, Library));
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
        Assert.EndsWith(new string(' ', column - 1) + "^", error.Format(expression));
    }

    [Theory]
    [InlineData("4096 * 4096", 6, "overflow: 4096 * 4096 = 16777216 does not fit 24-bit words (-8388608..8388607); use --bits 26 or more")]
    [InlineData("1 + 8388607", 3, "overflow: 1 + 8388607 = 8388608")]
    [InlineData("99999999", 1, "overflow: the number 99999999")]
    [InlineData("-(-8388607 - 1)", 1, "overflow: -(-8388608) = 8388608")]
    [InlineData("5 / (3 - 3)", 3, "division by zero in 5 / 0")]
    [InlineData("5 mod 0", 3, "division by zero")]
    [InlineData("sqrt(0 - 4)", 1, "sqrt of a negative number (-4)")]
    [InlineData("sqrt(8388607)", 1, "sqrt(8388607) · 2^10 = 2965820: the library's isqrt gives results below 2^21", 10)]
    [InlineData("sqrt(2) mod 2", 9, "mod needs integers", 8)]
    [InlineData("7 % sqrt(2)", 3, "mod needs integers", 8)]
    [InlineData("sqrt(2) + 40000", 9, "overflow: 40000 as fixed point: 40000 << 8 = 10240000 does not fit 24-bit words", 8)]
    [InlineData("sqrt(2) + 40000", 9, "use --bits 25 or more, or fewer fraction bits than --frac 8", 8)]
    [InlineData("sqrt(3000) * sqrt(3000)", 12, "the raw product 14021 * 14021 = 196588441 does not fit", 8)]
    [InlineData("1000 / sqrt(2)", 6, "the dividend 1000 << 16 = 65536000 does not fit", 8)]
    [InlineData("sqrt(0 - 4) + sqrt(2)", 1, "sqrt of a negative number (-4)", 8)]
    public void Overflow_and_undefined_operations_are_reported_with_their_values(string expression, int column, string message, int frac = 0)
    {
        var error = Assert.Throws<CalcException>(() => CalcCompiler.Compile(expression, 24, MaxBits, Library, frac));
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Word_widths_change_what_overflows()
    {
        Assert.Throws<CalcException>(() => CalcCompiler.Compile("300 * 300", 16, MaxBits, Library));
        Assert.Equal(300 * 300, OnInterpreter("300 * 300", 18));
        Assert.Equal(123456789L * 1000, OnInterpreter("123456789 * 1000", 47));
    }

    [Fact]
    public void Only_division_and_sqrt_bring_in_the_library()
    {
        Assert.DoesNotContain(".include", CalcCompiler.Compile("1 + 2 * 3", 24, MaxBits, Library).Source);
        Assert.Contains(".include", CalcCompiler.Compile("7 / 2", 24, MaxBits, Library).Source);
    }

    /// <summary>The FLEQ machine's verdict on a unit in <paramref name="format"/> (null: the automatic format), as `looped calc` wires it.</summary>
    static Func<FunctionUnit, string?> MachineBuilds(NumberFormat? format) =>
        unit => MachineCatalog.UnitRefusal(MachineCatalog.Default, unit, format);

    /// <summary>Runs the program in lockstep with the interpreter on the FLEQ machine (linear mixer); returns the steps and the result.</summary>
    static (long Steps, long Result) OnTransformer(CalcProgram calc, NumberFormat format)
    {
        var verified = TransformerHarness.Verify(calc.Program, format: format, mixer: MixerKind.Linear);
        Assert.True(verified.Passed, TransformerHarness.Explain(verified));
        var run = Interpreter.Run(calc.Program, null, 1_000_000);
        Assert.Equal(RunStatus.Halted, run.Status);
        return (verified.Steps, calc.Program.Read(run.Memory, "result").Values[0]);
    }

    // sqrt(2) with F = 4 is ⌊√(2 · 4^4)⌋ = ⌊√512⌋ = 22 (22² = 484 ≤ 512 < 529 = 23²), times 3 is 66; the
    // program runs the unit, the mul and the mov into result: 3 steps, where isqrt's subroutine took 106.
    [Fact]
    public void Sqrt_is_one_function_unit_instruction_where_the_machine_builds_it()
    {
        var calc = CalcCompiler.Compile("sqrt(2) * 3", 12, MaxBits, Library, 4, MachineBuilds(NumberFormat.Float32));
        Assert.Contains(".func calc_sqrt(x)", calc.Source);
        Assert.DoesNotContain(".include", calc.Source);
        Assert.Empty(calc.Notes);
        Assert.Single(calc.Program.Units);
        Assert.Equal((3, 66), OnTransformer(calc, NumberFormat.Float32));
    }

    // At the calculator's default 19-bit words an integer sqrt is a unit of 2^19 inputs; the machine
    // builds it (piecewise-linear) in float64, where its sums are exact. √99999 = 316.22..., so 316 · 3.
    [Fact]
    public void An_integer_sqrt_is_one_unit_on_19_bit_words()
    {
        long root = (long)BigIntegerFloorSqrt(99_999);
        Assert.Equal(316, root);
        var calc = CalcCompiler.Compile("sqrt(99999) * 3", 19, MaxBits, Library, 0, MachineBuilds(null));
        Assert.Contains(".func calc_sqrt(x)", calc.Source);
        Assert.DoesNotContain(".include", calc.Source);
        Assert.Empty(calc.Notes);
        Assert.Equal((3, root * 3), OnTransformer(calc, NumberFormat.Float64));
        Assert.Equal(NumberFormat.Float64, MachineCatalog.Compile(calc.Program, MachineCatalog.Default, null).Format);
    }

    // At the calculator's defaults (19-bit words, F = 8) sqrt(2) is the unit ⌊√(x · 4^8)⌋: a lookup form with
    // a hidden unit per input whose root is not 0 (x = 1 .. 65,535), which float32 holds exactly. The program
    // runs the unit and the mov into result.
    [Fact]
    public void Sqrt_at_the_default_width_and_fraction_bits_is_one_unit()
    {
        long raw = BigIntegerFloorSqrt(2L << 16);   // ⌊√2 · 2^8⌋ = ⌊√(2 · 4^8)⌋
        Assert.Equal(362, raw);
        Assert.Equal(Math.Floor(Math.Sqrt(2) * 256) / 256, raw / 256.0);
        var calc = CalcCompiler.Compile("sqrt(2)", 19, MaxBits, Library, 8, MachineBuilds(null));
        Assert.Contains(".func calc_sqrt(x)", calc.Source);
        Assert.DoesNotContain(".include", calc.Source);
        Assert.Empty(calc.Notes);
        Assert.Single(calc.Program.Units);
        Assert.Equal(UnitForm.Lookup, UnitCircuit.For(calc.Program.Units[0]).Form);
        Assert.Equal((2, raw), OnTransformer(calc, NumberFormat.Float32));
    }

    // The same unit is not exact in float32 (its piecewise-linear sums pass 2^24); on 20-bit words with
    // F = 8 the unit takes 4 times the inputs it does at 19 bits, too many for either form within the limit
    // on a unit's hidden units: both call isqrt and say why.
    [Fact]
    public void A_sqrt_unit_the_machine_cannot_build_calls_isqrt_and_says_why()
    {
        var float32 = CalcCompiler.Compile("sqrt(99999) * 3", 19, MaxBits, Library, 0, MachineBuilds(NumberFormat.Float32));
        Assert.DoesNotContain(".func", float32.Source);
        Assert.Contains("call isqrt", float32.Source);
        Assert.Contains("sqrt calls isqrt, not the unit calc_sqrt: unit 'calc_sqrt' forms sums up to", Assert.Single(float32.Notes));
        Assert.Contains("float32 holds exactly", float32.Notes[0]);
        Assert.Equal(BigIntegerFloorSqrt(99_999) * 3, OnInterpreter(float32));

        var fixedPoint = CalcCompiler.Compile("sqrt(99)", 20, MaxBits, Library, 8, MachineBuilds(null));
        Assert.DoesNotContain(".func", fixedPoint.Source);
        Assert.Contains("call isqrt", fixedPoint.Source);
        Assert.Contains("hidden units on the fleq machine", Assert.Single(fixedPoint.Notes));
        Assert.Contains("a unit may add at most 65,536", fixedPoint.Notes[0]);
        Assert.Contains("; note: sqrt calls isqrt", fixedPoint.Source);
        var (_, result) = OnTransformer(fixedPoint, NumberFormat.Float64);
        Assert.Equal(BigIntegerFloorSqrt(99 << 16), result);   // ⌊√99 · 2^8⌋ = ⌊√(99 · 4^8)⌋
    }

    [Fact]
    public void Words_wider_than_units_are_tabulated_for_call_the_subroutines_and_say_so()
    {
        var calc = CalcCompiler.Compile("sqrt(99) + 7 / 2", 21, MaxBits, Library, 0, MachineBuilds(null));
        Assert.DoesNotContain(".func", calc.Source);
        Assert.Equal(2, calc.Notes.Count);
        Assert.All(calc.Notes, note => Assert.Contains("tabulated for words of at most 20 bits, and these are 21", note));
        Assert.Equal(9 + 7 / 2, OnInterpreter(calc));
    }

    // ÷ and mod by a number written in the expression are units of the dividend; a divisor the program
    // computes stays an operand of idiv. The expected values are C#'s truncating / and %.
    [Fact]
    public void Division_and_mod_by_a_number_are_units_where_the_machine_builds_them()
    {
        var calc = CalcCompiler.Compile("-2000 / 7 + 2000 mod 7 * 3", 12, MaxBits, Library, 0, MachineBuilds(null));
        Assert.Contains(".func calc_div_7(x) = x / 7", calc.Source);
        Assert.Contains(".func calc_mod_7(x) = x % 7", calc.Source);
        Assert.DoesNotContain(".include", calc.Source);
        Assert.Empty(calc.Notes);
        var format = MachineCatalog.Compile(calc.Program, MachineCatalog.Default, null).Format;
        Assert.Equal((6, -2000 / 7 + 2000 % 7 * 3), OnTransformer(calc, format));   // neg, div, mod, mul, add, mov

        var computed = CalcCompiler.Compile("100 / (3 + 4)", 12, MaxBits, Library, 0, MachineBuilds(null));
        Assert.DoesNotContain(".func", computed.Source);
        Assert.Contains("call idiv", computed.Source);
        Assert.Equal(100 / (3 + 4), OnInterpreter(computed));

        // At 19 bits x / 7 has about 75,000 distinct quotients: idiv, with the figures.
        var wide = CalcCompiler.Compile("1000 / 7", 19, MaxBits, Library, 0, MachineBuilds(null));
        Assert.Contains("call idiv", wide.Source);
        Assert.Contains("/ 7 calls idiv, not the unit calc_div_7: unit 'calc_div_7' needs", Assert.Single(wide.Notes));
        Assert.Equal(1000 / 7, OnInterpreter(wide));
    }

    static long OnInterpreter(CalcProgram calc)
    {
        var run = Interpreter.Run(calc.Program, null, 10_000_000);
        Assert.Equal(RunStatus.Halted, run.Status);
        return calc.Program.Read(run.Memory, "result").Values[0];
    }

    static long BigIntegerFloorSqrt(long n)
    {
        // Newton's iteration on BigInteger, independent of the floating-point estimate the compiler starts from.
        var v = new System.Numerics.BigInteger(n);
        if (v < 2) return n;
        var x = v;
        var y = (x + 1) / 2;
        while (y < x) (x, y) = (y, (y + v / y) / 2);
        return (long)x;
    }

    // The units floor like isqrt: every input the compiler accepts, against a floor square root on longs here.
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    public void Sqrt_units_floor_every_accepted_input(int frac)
    {
        for (int x = 0; x < 2048; x += 7)
        {
            CalcValue value;
            try { value = OnInterpreterTyped($"sqrt({x})", 12, frac); }
            catch (CalcException) { Assert.True(FloorSqrt((long)x << (2 * frac)) >= 1 << 9, $"sqrt({x}) refused"); continue; }
            Assert.Equal(FloorSqrt((long)x << (2 * frac)), (long)value.Raw);
        }
        // sqrt of a fixed raw r is ⌊√(r · 2^F)⌋; sqrt(sqrt(x)) brings raws of every size into that unit.
        for (int x = 0; x < 2048; x += 13)
        {
            long inner = FloorSqrt((long)x << (2 * frac));
            if (inner >= 1 << 9 || frac == 0) continue;
            long outer = FloorSqrt(inner << frac);
            if (outer >= 1 << 9) continue;
            Assert.Equal(outer, (long)OnInterpreterTyped($"sqrt(sqrt({x}))", 12, frac).Raw);
        }
    }

    static long FloorSqrt(long n)
    {
        long r = (long)Math.Sqrt(n);
        while (r * r > n) r--;
        while ((r + 1) * (r + 1) <= n) r++;
        return r;
    }

    [Theory]
    [InlineData("(7 + 5) * -3", 19, 0)]
    [InlineData("100 / 7 + 100 mod 7", 12, 0)]
    [InlineData("sqrt(2)", 16, 4)]
    [InlineData("sqrt(sqrt(5)) * 3 - 1 / sqrt(2)", 16, 5)]
    [InlineData("sqrt(2) * 3", 12, 4)]
    [InlineData("sqrt(99) - sqrt(sqrt(7)) * 2", 12, 3)]
    public void Calculations_verify_in_lockstep_on_the_transformer(string expression, int bits, int frac)
    {
        var calc = CalcCompiler.Compile(expression, bits, MaxBits, Library, frac, MachineBuilds(NumberFormat.Float32));
        var result = TransformerHarness.Verify(calc.Program, format: NumberFormat.Float32,
            machine: LoopedComputer.Machines.Fleq.FleqMachine.Name, mixer: MixerKind.Linear);
        Assert.True(result.Passed, TransformerHarness.Explain(result));
    }

    [Fact]
    public void Looped_calc_prints_the_result_and_the_loop_count()
    {
        var run = LoopedProcess.Run("calc", "(2 + 3) * 4 - 6", "--bits", "12");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n');
        Assert.Equal("14", lines[0]);
        Assert.Matches(@"^\(\d+ loops on the transformer \(12-bit words, float32\)\)$", lines[1]);
    }

    [Fact]
    public void Looped_calc_prints_fixed_point_with_its_raw_form()
    {
        var run = LoopedProcess.Run("calc", "sqrt(2)", "--interp");
        Assert.True(run.ExitCode == 0, run.Error);
        long raw = (long)Math.Floor(Math.Sqrt(2) * 256);   // the default: 8 fraction bits
        string exact = ((decimal)raw / 256).ToString(CultureInfo.InvariantCulture);
        var lines = run.Out.Split('\n');
        Assert.Equal($"{exact}  (fixed point, 8 fraction bits: {raw} / 2^8)", lines[0]);
        Assert.Matches(@"^\(\d+ steps on the interpreter\)$", lines[1]);
        Assert.DoesNotContain("note:", run.Error);   // the defaults' sqrt is a unit
        Assert.StartsWith("1\n", LoopedProcess.Run("calc", "sqrt(2)", "--interp", "--frac", "0").Out);
        Assert.Equal(2, LoopedProcess.Run("calc", "sqrt(2)", "--frac", "16").ExitCode);   // 19-bit words take 0..15
    }

    [Fact]
    public void Looped_calc_reports_errors_with_a_caret_and_exit_code_1()
    {
        var run = LoopedProcess.Run("calc", "2 * (3 +");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: unexpected end", run.Error);
        Assert.Contains("\n  2 * (3 +\n          ^", run.Error);
        var overflow = LoopedProcess.Run("calc", "70000 * 70000", "--interp");
        Assert.Equal(1, overflow.ExitCode);
        Assert.Contains("overflow: 70000 * 70000 = 4900000000", overflow.Error);
        Assert.Equal(2, LoopedProcess.Run("calc", "1", "--bits", "60").ExitCode);
    }
}
