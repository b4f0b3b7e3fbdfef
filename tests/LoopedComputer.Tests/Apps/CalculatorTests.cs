using LoopedComputer.Compiler.Calc;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Cli;
using LoopedComputer.Tests.Programs;

namespace LoopedComputer.Tests.Apps;

/// <summary>`looped calc`: expressions compiled into programs, checked against C#'s own integer arithmetic.</summary>
public class CalculatorTests
{
    static readonly string Library = Path.Combine(BundledPrograms.Directory, "lib");

    static long OnInterpreter(string expression, int bits = 24)
    {
        var calc = CalcCompiler.Compile(expression, bits, Library);
        var run = Interpreter.Run(calc.Program, null, 10_000_000);
        Assert.Equal(RunStatus.Halted, run.Status);
        long result = calc.Program.Read(run.Memory, "result").Values[0];
        Assert.Equal(calc.Value, result);
        return result;
    }

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
    [InlineData("8388607", 8388607)]
    [InlineData("-8388607 - 1", -8388608)]
    public void Expressions_compute_what_CSharp_computes(string expression, long expected)
    {
        Assert.Equal(expected, OnInterpreter(expression));
    }

    [Fact]
    public void Random_expressions_agree_with_CSharp_longs()
    {
        var random = new Random(23);
        int checkedCount = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var (text, value) = RandomExpression(random, 3);
            if (value is null || Math.Abs(value.Value) >= 1L << 30) continue;   // overflow or division by zero: tested below
            Assert.Equal(value.Value, OnInterpreter(text, 32));
            checkedCount++;
        }
        Assert.True(checkedCount > 100, $"only {checkedCount} random expressions were valid");
    }

    /// <summary>A random expression and its value by C# long arithmetic (null where it divides by zero or leaves ±2^30).</summary>
    static (string Text, long? Value) RandomExpression(Random random, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            long n = random.Next(0, 2000);
            return ($"{n}", n);
        }
        var (l, x) = RandomExpression(random, depth - 1);
        var (r, y) = RandomExpression(random, depth - 1);
        long? Safe(Func<long> f, long? a, long? b) => a is null || b is null ? null : f() is var v && Math.Abs(v) < 1L << 30 ? v : null;
        return random.Next(7) switch
        {
            0 => ($"({l} + {r})", Safe(() => x!.Value + y!.Value, x, y)),
            1 => ($"({l} - {r})", Safe(() => x!.Value - y!.Value, x, y)),
            2 => ($"({l} * {r})", Safe(() => x!.Value * y!.Value, x, y)),
            3 => ($"({l} / {r})", y == 0 ? null : Safe(() => x!.Value / y!.Value, x, y)),
            4 => ($"({l} mod {r})", y == 0 ? null : Safe(() => x!.Value % y!.Value, x, y)),
            5 => ($"-{l}", Safe(() => -x!.Value, x, x)),
            // sqrt(x * x) = |x|; |x| < 2^14 keeps x * x inside what isqrt takes on 32-bit words (below 2^29)
            _ => ($"sqrt({l} * {l})", x is long s && Math.Abs(s) < 1L << 14 ? Math.Abs(s) : null),
        };
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
        var error = Assert.Throws<CalcException>(() => CalcCompiler.Compile(expression, 24, Library));
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
    [InlineData("sqrt(2097152)", 1, "below 2^21")]
    public void Overflow_and_undefined_operations_are_reported_with_their_values(string expression, int column, string message)
    {
        var error = Assert.Throws<CalcException>(() => CalcCompiler.Compile(expression, 24, Library));
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Word_widths_change_what_overflows()
    {
        Assert.Throws<CalcException>(() => CalcCompiler.Compile("300 * 300", 16, Library));
        Assert.Equal(300 * 300, OnInterpreter("300 * 300", 18));
        Assert.Equal(123456789L * 1000, OnInterpreter("123456789 * 1000", 47));
    }

    [Fact]
    public void Only_division_and_sqrt_bring_in_the_library()
    {
        Assert.DoesNotContain(".include", CalcCompiler.Compile("1 + 2 * 3", 24, Library).Source);
        Assert.Contains(".include", CalcCompiler.Compile("7 / 2", 24, Library).Source);
    }

    [Theory]
    [InlineData("(7 + 5) * -3", 19)]
    [InlineData("100 / 7 + 100 mod 7", 12)]
    public void Calculations_verify_in_lockstep_on_the_transformer(string expression, int bits)
    {
        var calc = CalcCompiler.Compile(expression, bits, Library);
        var result = Machines.TransformerHarness.Verify(calc.Program, format: Compiler.Machines.NumberFormat.Float32,
            machine: Compiler.Machines.Fleq.FleqMachine.Name, mixer: Compiler.Machines.MixerKind.Linear);
        Assert.True(result.Passed, Machines.TransformerHarness.Explain(result));
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
