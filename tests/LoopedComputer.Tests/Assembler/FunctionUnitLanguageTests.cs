using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.AssemblerTests;

/// <summary>
/// .func: the expression language tabulated for every input, the table form, the two ways to call a
/// unit, the width limits and the diagnostics. Expected values are worked out in the test (by hand
/// or by C# arithmetic written here), never read from the assembler's table.
/// </summary>
public sealed class FunctionUnitLanguageTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("looped-units-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static FunctionUnit Unit(string definition, int bits = 8, string extra = "") =>
        Lasm.Build($".bits {bits}\n{extra}\n{definition}\nr: .word 0\n halt\n").Units.Single();

    static long Wrap(long v, int bits) => new WordFormat(bits).Wrap(v);

    /// <summary>Every input of an 8-bit one-argument unit against a C# function.</summary>
    static void AssertEveryInput(string definition, Func<long, long> expected, int bits = 8)
    {
        var unit = Unit(definition, bits);
        var word = new WordFormat(bits);
        for (long x = word.Min; x <= word.Max; x++)
            Assert.True(Wrap(expected(x), bits) == unit.Apply(x, 0), $"{definition} at x = {x}: {unit.Apply(x, 0)}, expected {Wrap(expected(x), bits)}");
    }

    [Fact]
    public void Integer_operators_follow_C_and_the_result_wraps_to_N_bits()
    {
        AssertEveryInput(".func f(x) = x * x - 3", x => x * x - 3);
        AssertEveryInput(".func f(x) = x == 0 ? 0 : 100 / x", x => x == 0 ? 0 : 100 / x);            // C# / truncates like C
        AssertEveryInput(".func f(x) = x == 0 ? 7 : -100 % x", x => x == 0 ? 7 : -100 % x);
        AssertEveryInput(".func f(x) = (x << 3) ^ (x >> 2) | ~x & 5", x => (x << 3) ^ (x >> 2) | ~x & 5);
        AssertEveryInput(".func f(x) = x < 0 && x >= -5 || x == 100", x => x < 0 && x >= -5 || x == 100 ? 1 : 0);
        AssertEveryInput(".func f(x) = !x + (x != 3) + (x <= 2) + (x > 9)", x => (x == 0 ? 1 : 0) + (x != 3 ? 1 : 0) + (x <= 2 ? 1 : 0) + (x > 9 ? 1 : 0));
        AssertEveryInput(".func f(x) = min(x, 5) + max(x, -3) * abs(x) - clamp(x, -10, 10)",
            x => Math.Min(x, 5) + Math.Max(x, -3) * Math.Abs(x) - Math.Clamp(x, -10, 10));
        AssertEveryInput(".func f(x) = x > 0 ? x : x < 0 ? -x : 99", x => x > 0 ? x : x < 0 ? -x : 99);
    }

    [Fact]
    public void Exact_arithmetic_does_not_overflow_before_the_wrap()
    {
        // x^8 overflows 64 bits for |x| ≥ 256; the exact value's low 16 bits are what the unit holds.
        var unit = Unit(".func f(x) = x * x * x * x * x * x * x * x + (x << 70)", bits: 16);
        foreach (long x in new long[] { -32768, -300, 255, 1000, 32767 })
        {
            var exact = System.Numerics.BigInteger.Pow(x, 8) + (new System.Numerics.BigInteger(x) << 70);
            long low = (long)(ulong)(exact & 0xFFFF);
            Assert.Equal(Wrap(low, 16), unit.Apply(x, 0));
        }
    }

    [Fact]
    public void Fixed_point_helpers_round_to_nearest_ties_away_from_zero()
    {
        const double F = 16; // 2^4
        AssertEveryInput(".func f(x) = sigmoid(x, 4)", x => (long)Math.Round(F / (1 + Math.Exp(-x / F)), MidpointRounding.AwayFromZero));
        AssertEveryInput(".func f(x) = tanh(x, 4)", x => (long)Math.Round(F * Math.Tanh(x / F), MidpointRounding.AwayFromZero));
        AssertEveryInput(".func f(x) = x > 40 ? 0 : exp(x, 4)", x => x > 40 ? 0 : (long)Math.Round(F * Math.Exp(x / F), MidpointRounding.AwayFromZero));
        AssertEveryInput(".func f(x) = x <= 0 ? 0 : log(x, 4)", x => x <= 0 ? 0 : (long)Math.Round(F * Math.Log(x / F), MidpointRounding.AwayFromZero));
        // sqrt(x / 16)·16 = sqrt(16·x): 5 → sqrt(80) = 8.94 → 9; 2 → sqrt(32) = 5.66 → 6.
        var sqrt = Unit(".func f(x) = x < 0 ? -1 : sqrt(x, 4)");
        Assert.Equal(9, sqrt.Apply(5, 0));
        Assert.Equal(6, sqrt.Apply(2, 0));
        Assert.Equal(-1, sqrt.Apply(-1, 0));
        AssertEveryInput(".func f(x) = x < 0 ? -1 : sqrt(x, 4)", x => x < 0 ? -1 : (long)Math.Round(Math.Sqrt(16.0 * x), MidpointRounding.AwayFromZero));
        // recip(x, 1) = 4 / x: a tie at x = ±8 (0.5) goes away from zero.
        var recip = Unit(".func f(x) = x == 0 ? 0 : recip(x, 1)");
        Assert.Equal(1, recip.Apply(8, 0));
        Assert.Equal(-1, recip.Apply(-8, 0));
        Assert.Equal(0, recip.Apply(9, 0));
        Assert.Equal(1, recip.Apply(3, 0));  // 4/3 = 1.33
        Assert.Equal(-2, recip.Apply(-2, 0)); // exactly −2
    }

    [Fact]
    public void A_table_gives_values_from_its_start_and_the_default_elsewhere()
    {
        var unit = Unit(".const BASE = -2\n.func t(x) = table BASE: 10, 20, 30, 0xFF default -7".Split('\n')[1], extra: ".const BASE = -2");
        Assert.Equal(10, unit.Apply(-2, 0));
        Assert.Equal(30, unit.Apply(0, 0));
        Assert.Equal(-1, unit.Apply(1, 0)); // 0xFF in 8 bits
        Assert.Equal(-7, unit.Apply(2, 0));
        Assert.Equal(-7, unit.Apply(-128, 0));
    }

    [Fact]
    public void Units_are_called_as_pseudo_instructions_and_by_fleq_with_its_flag_and_branch()
    {
        var run = Lasm.Execute("""
            .bits 6
            .func sq(x) = x * x
            .func diff(a, b) = a - 2 * b
            x: .word 5
            y: .word 3
            r1: .word 0
            r2: .word 0
            r3: .word 9
            r4: .word 0
              sq r1, x                    ; 25
              diff r2, x, y               ; 5 − 6 = −1
              diff r3, x                  ; r3 ← diff(r3, x) = 9 − 10 = −1
              fleq diff, y, x, r4, r4, done  ; r4 = 3 − 10 = −7 ≤ 0: branch
              mov r1, #0
            done: halt
            """);
        Assert.Equal(25, run["r1"]);
        Assert.Equal(-1, run["r2"]);
        Assert.Equal(-1, run["r3"]);
        Assert.Equal(-7, run["r4"]);
    }

    [Fact]
    public void A_library_file_can_define_units()
    {
        File.WriteAllText(Path.Combine(folder, "lib.lasm"), ".func twice(x) = 2 * x\n");
        string main = Path.Combine(folder, "main.lasm");
        File.WriteAllText(main, ".bits 8\n.include \"lib.lasm\"\nx: .word 21\n twice x, x\n halt\n");
        var result = Assembler.AssembleFile(main);
        Assert.True(result.Succeeded, result.FormatDiagnostics());
        var run = Interpreter.Run(result.Program!, null, 100);
        Assert.Equal(42, result.Program!.Read(run.Memory, "x").Values[0]);
    }

    [Theory]
    [InlineData(".bits 8\n.func f(x) = 100 ¦/ x\nr: .word 0\n f r, r\n", "'f' is undefined at x = 0: division by zero")]
    [InlineData(".bits 8\n.func f(x) = ¦log(x, 2)\nr: .word 0\n f r, r\n", "'f' is undefined at x = -128: log of -128, not above 0")]
    [InlineData(".bits 4\n.func f(x, y) = x ¦% y\nr: .word 0\n f r, r\n", "'f' is undefined at x = -8, y = 0: remainder of a division by zero")]
    [InlineData(".bits 8\n.func f(x) = ¦table 0: 1, 2\nr: .word 0\n f r, r\n", "'f' has no value for x = -128: the table covers 0..1; add 'default V'")]
    [InlineData(".bits 8\n.func f(x) = table 0: 1, ¦300\nr: .word 0\n f r, r\n", "table value 300 does not fit 8-bit words")]
    [InlineData(".bits 8\n.func f(x) = ¦foo(x)\n", "unknown function 'foo' in a unit")]
    [InlineData(".bits 8\n.func f(x) = ¦min(x)\n", "'min' takes 2 argument(s); got 1")]
    [InlineData(".bits 8\n.func f(x) = x + ¦z\n", "unknown name 'z' in 'f'")]
    [InlineData(".bits 9\n.func ¦f(x, y) = x\n", "'f' takes 2 argument(s); such units are tabulated for words of at most 8 bits")]
    [InlineData(".bits 21\n.func ¦f(x) = x\n", "such units are tabulated for words of at most 20 bits")]
    [InlineData(".bits 8\n.func ¦f(x, y, z) = x\n", "a unit takes one or two arguments")]
    [InlineData(".bits 8\n.func ¦add(x) = x\n", "'add' is an instruction or function name")]
    [InlineData(".bits 8\n.func f(x) = x ¦+\n", "cannot read this function definition at '+'")]
    [InlineData(".bits 8\n.func f(x) = x\nr: .word 0\n ¦f r\n", "the unit 'f' takes 1 argument(s): f d, a; got 1 operand(s)")]
    [InlineData(".bits 8\n.func f(x) = x\n f ¦#1, #2\n", "'f' writes its operand d, which cannot be a #literal")]
    [InlineData(".subleq\n.bits 8\n.func f(x) = x\nr: .word 0\n ¦f r, r\n", "the unit 'f' needs the FLEQ machine")]
    [InlineData(".bits 8\nr: .word 0\n fleq ¦sqq, r, r, r, r, 0\n.func sq(x) = x * x\n", "expected a function (sub, add,")]
    public void Errors_name_the_input_and_point_at_the_cause(string marked, string message)
    {
        var (source, line, column) = Lasm.Unmark(marked);
        var result = Lasm.Try(source);
        Assert.False(result.Succeeded);
        var diagnostic = result.Diagnostics.First();
        Assert.Contains(message, diagnostic.Message);
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Contains("^", diagnostic.Format());
    }

    [Fact]
    public void A_guard_makes_an_undefined_input_fine()
    {
        var unit = Unit(".func f(x) = x != 0 && 100 / x > 10 ? 1 : 0");
        Assert.Equal(0, unit.Apply(0, 0));
        Assert.Equal(1, unit.Apply(9, 0));
        Assert.Equal(0, unit.Apply(10, 0));
    }

    [Fact]
    public void Units_keep_their_definition_order_as_opcodes_and_the_listing_names_them()
    {
        var program = Lasm.Build(".bits 4\n.func a1(x) = x\n.func b2(x, y) = x + y\nr: .word 0\n b2 r, r, r\n a1 r, r\n halt\n");
        Assert.Equal(["a1", "b2"], program.Units.Select(u => u.Name));
        Assert.Equal(FunctionNames.Unit(1), program.Instructions[0].F);
        Assert.Equal(FunctionNames.Unit(0), program.Instructions[1].F);
        string listing = Listing.Format(program);
        Assert.Contains("fleq b2, 0, 0, 0, 0, 1", listing);
        Assert.Contains("r = b2(r, r)", listing);
        Assert.Contains("r = a1(r)", listing);
    }
}
