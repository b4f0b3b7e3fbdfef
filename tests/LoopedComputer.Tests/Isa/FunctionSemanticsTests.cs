using CsCheck;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary>
/// <see cref="Semantics.Apply"/> for every value-computing function at N = 2, 8, 16, 63 and 64, on the
/// edge values −2^(N−1), −1, 0, 1, 2^(N−1) − 1 and across the wrap-around. Every expected value is
/// worked out by hand from the definition (x = mem[a], y = mem[b]).
/// </summary>
public class FunctionSemanticsTests
{
    const long Min16 = short.MinValue, Max16 = short.MaxValue;
    const long Min63 = -(1L << 62), Max63 = (1L << 62) - 1;
    const long Min64 = long.MinValue, Max64 = long.MaxValue;

    static void AssertApply(Function f, int bits, long x, long y, long expected) =>
        Assert.Equal(expected, Semantics.Apply(f, x, y, new WordFormat(bits)));

    [Theory]
    [InlineData(2, 1, 1, -2)]
    [InlineData(2, -2, -2, 0)]
    [InlineData(2, -2, -1, 1)]
    [InlineData(2, 1, -1, 0)]
    [InlineData(2, -2, 1, -1)]
    [InlineData(8, 100, 27, 127)]
    [InlineData(8, 127, 1, -128)]
    [InlineData(8, -128, -1, 127)]
    [InlineData(8, -128, -128, 0)]
    [InlineData(8, 127, 127, -2)]
    [InlineData(8, -1, 1, 0)]
    [InlineData(16, Max16, 1, Min16)]
    [InlineData(16, Min16, -1, Max16)]
    [InlineData(16, 20000, 20000, -25536)]
    [InlineData(16, -1, -1, -2)]
    [InlineData(63, Max63, 1, Min63)]
    [InlineData(63, Min63, -1, Max63)]
    [InlineData(63, Min63, Min63, 0)]
    [InlineData(63, Max63, Max63, -2)]
    [InlineData(64, Max64, 1, Min64)]
    [InlineData(64, Min64, -1, Max64)]
    [InlineData(64, Min64, Min64, 0)]
    [InlineData(64, Max64, Max64, -2)]
    [InlineData(64, 0, 0, 0)]
    public void Add_is_x_plus_y_wrapped(int bits, long x, long y, long expected) => AssertApply(Function.Add, bits, x, y, expected);

    [Theory]
    [InlineData(8, 3, 10, 7)]   // y − x, not x − y
    [InlineData(8, 10, 3, -7)]
    [InlineData(2, 1, -2, 1)]
    [InlineData(2, -2, 1, -1)]
    [InlineData(2, -2, 0, -2)]  // −(−2) has no 2-bit negation
    [InlineData(2, -1, -2, -1)]
    [InlineData(2, 1, 1, 0)]
    [InlineData(8, 1, -128, 127)]
    [InlineData(8, -1, 127, -128)]
    [InlineData(8, -128, 0, -128)]
    [InlineData(8, 127, -128, 1)]
    [InlineData(8, -128, 127, -1)]
    [InlineData(16, 1, Min16, Max16)]
    [InlineData(16, -1, Max16, Min16)]
    [InlineData(16, Min16, 0, Min16)]
    [InlineData(16, Max16, Min16, 1)]
    [InlineData(63, 1, Min63, Max63)]
    [InlineData(63, -1, Max63, Min63)]
    [InlineData(63, Min63, 0, Min63)]
    [InlineData(63, Max63, Min63, 1)]
    [InlineData(64, 1, Min64, Max64)]
    [InlineData(64, -1, Max64, Min64)]
    [InlineData(64, Min64, 0, Min64)]
    [InlineData(64, Max64, Min64, 1)]
    [InlineData(64, Min64, Max64, -1)]
    public void Sub_is_y_minus_x_wrapped(int bits, long x, long y, long expected) => AssertApply(Function.Sub, bits, x, y, expected);

    [Theory]
    [InlineData(2, -2, -2, 0)]
    [InlineData(2, -2, -1, -2)]
    [InlineData(2, 1, -1, -1)]
    [InlineData(2, -1, -1, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(8, -128, -1, -128)]
    [InlineData(8, 127, 127, 1)]     // 16129 = 63·256 + 1
    [InlineData(8, -128, -128, 0)]
    [InlineData(8, 127, -1, -127)]
    [InlineData(8, 16, 8, -128)]
    [InlineData(8, 11, 12, -124)]    // 132 − 256
    [InlineData(8, -3, 5, -15)]
    [InlineData(8, 0, -128, 0)]
    [InlineData(16, 256, 256, 0)]
    [InlineData(16, 255, 257, -1)]   // 65535
    [InlineData(16, 181, 181, 32761)]
    [InlineData(16, 182, 182, -32412)] // 33124 − 65536
    [InlineData(16, 300, 300, 24464)]  // 90000 − 65536
    [InlineData(16, Min16, -1, Min16)]
    [InlineData(63, Min63, -1, Min63)]
    [InlineData(63, Max63, Max63, 1)]  // (2^62 − 1)² = 2^124 − 2^63 + 1
    [InlineData(63, 1L << 31, 1L << 31, Min63)]
    [InlineData(63, 1L << 32, 1L << 31, 0)]
    [InlineData(63, Max63, 2, -2)]
    [InlineData(64, Min64, -1, Min64)]
    [InlineData(64, Max64, Max64, 1)]
    [InlineData(64, 1L << 32, 1L << 32, 0)]
    [InlineData(64, 1L << 32, 1L << 31, Min64)]
    [InlineData(64, Max64, 2, -2)]
    [InlineData(64, -1, -1, 1)]
    public void Mul_is_the_low_N_bits_of_the_product(int bits, long x, long y, long expected) => AssertApply(Function.Mul, bits, x, y, expected);

    [Theory]
    [InlineData(2, -2, 1)]
    [InlineData(8, -128, 127)]
    [InlineData(16, Max16, 0)]
    [InlineData(63, Min63, -1)]
    [InlineData(64, Min64, Max64)]
    [InlineData(64, 0, -1)]
    public void Mov_is_x_and_ignores_y(int bits, long x, long y) => AssertApply(Function.Mov, bits, x, y, x);

    [Theory]
    [InlineData(Function.And, 2, -2, 1, 0)]
    [InlineData(Function.And, 2, -1, -2, -2)]
    [InlineData(Function.And, 8, -128, 127, 0)]
    [InlineData(Function.And, 8, -1, -128, -128)]
    [InlineData(Function.And, 8, 0x55, -1, 0x55)]
    [InlineData(Function.And, 16, Min16, Max16, 0)]
    [InlineData(Function.And, 16, 0x0FF0, 0x00FF, 0x00F0)]
    [InlineData(Function.And, 63, Min63, Max63, 0)]
    [InlineData(Function.And, 63, -1, Min63, Min63)]
    [InlineData(Function.And, 64, Min64, Max64, 0)]
    [InlineData(Function.And, 64, -1, 0x1234, 0x1234)]
    [InlineData(Function.Or, 2, -2, 1, -1)]
    [InlineData(Function.Or, 2, 0, 0, 0)]
    [InlineData(Function.Or, 8, -128, 127, -1)]
    [InlineData(Function.Or, 8, 0x0F, 0x30, 0x3F)]
    [InlineData(Function.Or, 16, 0x0F00, 0x00F0, 0x0FF0)]
    [InlineData(Function.Or, 16, Min16, 1, Min16 + 1)]
    [InlineData(Function.Or, 63, Min63, Max63, -1)]
    [InlineData(Function.Or, 64, Min64, Max64, -1)]
    [InlineData(Function.Or, 64, Min64, 1, Min64 + 1)]
    [InlineData(Function.Xor, 2, -1, 1, -2)]
    [InlineData(Function.Xor, 2, -2, -2, 0)]
    [InlineData(Function.Xor, 8, -1, 127, -128)]
    [InlineData(Function.Xor, 8, 85, -86, -1)]   // 0101_0101 ^ 1010_1010
    [InlineData(Function.Xor, 8, -1, -1, 0)]
    [InlineData(Function.Xor, 16, -1, 0x00FF, -256)]
    [InlineData(Function.Xor, 16, 0x1234, 0x1234, 0)]
    [InlineData(Function.Xor, 63, -1, Max63, Min63)]
    [InlineData(Function.Xor, 64, -1, Max64, Min64)]
    [InlineData(Function.Xor, 64, Min64, -1, Max64)]
    public void Bitwise_functions_work_on_the_twos_complement_bits(Function f, int bits, long x, long y, long expected) =>
        AssertApply(f, bits, x, y, expected);

    [Theory]
    [InlineData(2, 1, 1, -2)]
    [InlineData(2, -1, 1, -2)]
    [InlineData(2, -2, 1, 0)]
    [InlineData(2, 1, 0, 1)]
    [InlineData(2, 1, -2, 0)]     // u = 2 = N
    [InlineData(2, -1, -1, 0)]    // u = 3
    [InlineData(8, 5, 0, 5)]
    [InlineData(8, 1, 7, -128)]   // into the sign bit
    [InlineData(8, -1, 7, -128)]
    [InlineData(8, 127, 1, -2)]
    [InlineData(8, -128, 1, 0)]
    [InlineData(8, 65, 2, 4)]     // 260 mod 256
    [InlineData(8, 1, 8, 0)]      // u = N
    [InlineData(8, 3, -1, 0)]     // u = 255
    [InlineData(8, 3, -128, 0)]   // u = 128
    [InlineData(16, 1, 15, Min16)]
    [InlineData(16, 1, 16, 0)]
    [InlineData(16, 1, 17, 0)]
    [InlineData(16, 1, 65, 0)]    // 65 mod 64 would be 1: the whole amount counts
    [InlineData(16, 0xFF, 8, -256)]
    [InlineData(16, 3, 14, -16384)]
    [InlineData(16, 1, -1, 0)]
    [InlineData(63, 1, 62, Min63)]
    [InlineData(63, -1, 62, Min63)]
    [InlineData(63, Max63, 1, -2)]
    [InlineData(63, 1, 63, 0)]
    [InlineData(63, 1, 64, 0)]
    [InlineData(63, 1, 65, 0)]
    [InlineData(63, 1, -1, 0)]
    [InlineData(64, 3, 1, 6)]
    [InlineData(64, 1, 63, Min64)]
    [InlineData(64, -1, 63, Min64)]
    [InlineData(64, Max64, 1, -2)]
    [InlineData(64, 1, 64, 0)]    // C#'s << would shift by 64 mod 64 = 0
    [InlineData(64, 1, 65, 0)]
    [InlineData(64, 1, -1, 0)]    // u = 2^64 − 1
    [InlineData(64, 1, Min64, 0)] // u = 2^63
    public void Shl_shifts_left_by_y_read_unsigned(int bits, long x, long y, long expected) => AssertApply(Function.Shl, bits, x, y, expected);

    [Theory]
    [InlineData(2, -2, 0, -2)]
    [InlineData(2, -2, 1, -1)]
    [InlineData(2, 1, 1, 0)]
    [InlineData(2, -1, 1, -1)]
    [InlineData(2, -2, -2, -1)]   // u = 2 = N, negative x
    [InlineData(2, 1, -1, 0)]     // u = 3, positive x
    [InlineData(8, -128, 0, -128)]
    [InlineData(8, -128, 1, -64)]
    [InlineData(8, -128, 7, -1)]
    [InlineData(8, 127, 6, 1)]
    [InlineData(8, 127, 7, 0)]
    [InlineData(8, -1, 7, -1)]
    [InlineData(8, -7, 1, -4)]    // ⌊−3.5⌋
    [InlineData(8, -5, 8, -1)]
    [InlineData(8, 5, 8, 0)]
    [InlineData(8, -128, -1, -1)] // u = 255
    [InlineData(8, 127, -128, 0)] // u = 128
    [InlineData(8, 100, 65, 0)]
    [InlineData(16, Min16, 15, -1)]
    [InlineData(16, Min16, 16, -1)]
    [InlineData(16, Max16, 14, 1)]
    [InlineData(16, Max16, 15, 0)]
    [InlineData(16, -256, 4, -16)]
    [InlineData(16, -1, 3, -1)]
    [InlineData(16, 100, -16, 0)] // u = 65520
    [InlineData(63, Min63, 1, -(1L << 61))]
    [InlineData(63, Min63, 62, -1)]
    [InlineData(63, Min63, 63, -1)]
    [InlineData(63, Min63, 64, -1)]
    [InlineData(63, Max63, 61, 1)]
    [InlineData(63, Max63, 62, 0)]
    [InlineData(63, Max63, 63, 0)]
    [InlineData(63, -1, -1, -1)]
    [InlineData(64, Min64, 1, -(1L << 62))]
    [InlineData(64, Min64, 63, -1)]
    [InlineData(64, Min64, 64, -1)]
    [InlineData(64, Min64, -1, -1)]
    [InlineData(64, Max64, 62, 1)]
    [InlineData(64, Max64, 63, 0)]
    [InlineData(64, Max64, 64, 0)]
    [InlineData(64, Max64, Min64, 0)]
    public void Shr_shifts_right_arithmetically_by_y_read_unsigned(int bits, long x, long y, long expected) =>
        AssertApply(Function.Shr, bits, x, y, expected);

    [Theory]
    [InlineData(Function.Load)]
    [InlineData(Function.Store)]
    [InlineData(Function.Jmp)]
    [InlineData((Function)99)]
    public void Functions_that_do_not_compute_a_value_are_refused(Function f) =>
        Assert.Throws<ArgumentException>(() => Semantics.Apply(f, 1, 2, new WordFormat(8)));

    static readonly Function[] ValueFunctions =
        [Function.Sub, Function.Add, Function.Mov, Function.And, Function.Or, Function.Xor, Function.Shl, Function.Shr, Function.Mul];

    /// <summary>Words of <paramref name="bits"/> bits, weighted towards the edges and small numbers (useful shift amounts).</summary>
    internal static Gen<long> Word(int bits)
    {
        long min = (long)WordModel.Min(bits), max = (long)WordModel.Max(bits);
        return Gen.Frequency(
            (3, Gen.Long[min, max]),
            (2, Gen.OneOf(min, min + 1, -1L, 0L, 1L, max - 1, max).Select(v => Math.Clamp(v, min, max))),
            (2, Gen.Long[Math.Max(min, -70), Math.Min(max, 70)]));
    }

    [Fact]
    public void Every_function_agrees_with_an_exact_integer_model()
    {
        var gen = from bits in Gen.Int[2, 64]
                  from f in Gen.OneOf(ValueFunctions)
                  from x in Word(bits)
                  from y in Word(bits)
                  select (bits, f, x, y);
        gen.Sample(t => Assert.Equal(WordModel.Apply(t.f, t.x, t.y, t.bits), Semantics.Apply(t.f, t.x, t.y, new WordFormat(t.bits))),
            iter: 20_000);
    }
}
