using System.Numerics;
using CsCheck;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary>Every function of the menu on N-bit words, edge values first; expectations are worked out by hand.</summary>
public class FunctionMenuTests
{
    static readonly WordFormat W8 = new(8);

    [Theory]
    // sub is mem[b] − mem[a]: y − x
    [InlineData(Function.Sub, 3, 10, 7)]
    [InlineData(Function.Sub, 1, -128, 127)]      // wraps below the minimum
    [InlineData(Function.Sub, -1, 127, -128)]     // wraps above the maximum
    [InlineData(Function.Sub, -128, 0, -128)]     // −(−128) has no 8-bit negation
    [InlineData(Function.Add, 100, 27, 127)]
    [InlineData(Function.Add, 100, 28, -128)]
    [InlineData(Function.Add, -128, -1, 127)]
    [InlineData(Function.Mov, -77, 5, -77)]
    [InlineData(Function.And, -1, 0x55, 0x55)]
    [InlineData(Function.And, -128, 127, 0)]
    [InlineData(Function.Or, -128, 127, -1)]
    [InlineData(Function.Or, 0x0F, 0x30, 0x3F)]
    [InlineData(Function.Xor, -1, 0x0F, -16)]
    [InlineData(Function.Xor, 0x5A, 0x5A, 0)]
    [InlineData(Function.Shl, 1, 7, -128)]        // into the sign bit
    [InlineData(Function.Shl, 3, 1, 6)]
    [InlineData(Function.Shl, 0x41, 2, 4)]        // high bits fall off: 0x104 mod 256
    [InlineData(Function.Shl, 5, 0, 5)]
    [InlineData(Function.Shl, 5, 8, 0)]           // amount ≥ N
    [InlineData(Function.Shl, 5, -1, 0)]          // −1 is 255 unsigned
    [InlineData(Function.Shr, -128, 7, -1)]       // arithmetic
    [InlineData(Function.Shr, -7, 1, -4)]         // floor(−3.5)
    [InlineData(Function.Shr, 127, 6, 1)]
    [InlineData(Function.Shr, -5, 8, -1)]
    [InlineData(Function.Shr, 5, 200, 0)]
    [InlineData(Function.Mul, 16, 8, -128)]
    [InlineData(Function.Mul, 16, 16, 0)]         // 256 mod 256
    [InlineData(Function.Mul, -128, -1, -128)]
    [InlineData(Function.Mul, 11, 12, -124)]      // 132 − 256
    [InlineData(Function.Mul, -3, 5, -15)]
    public void Eight_bit_results(Function f, long x, long y, long expected)
    {
        Assert.Equal(expected, Semantics.Apply(f, x, y, W8));
    }

    [Fact]
    public void Sixty_four_bit_words_wrap_like_long()
    {
        var w = new WordFormat(64);
        Assert.Equal(long.MinValue, Semantics.Apply(Function.Add, long.MaxValue, 1, w));
        Assert.Equal(long.MaxValue, Semantics.Apply(Function.Sub, 1, long.MinValue, w));
        Assert.Equal(long.MinValue, Semantics.Apply(Function.Shl, 1, 63, w));
        Assert.Equal(0, Semantics.Apply(Function.Shl, 1, 64, w));
        Assert.Equal(-1, Semantics.Apply(Function.Shr, long.MinValue, 63, w));
    }

    [Fact]
    public void Two_bit_words()
    {
        var w = new WordFormat(2); // −2..1
        Assert.Equal(-2, Semantics.Apply(Function.Add, 1, 1, w));
        Assert.Equal(1, Semantics.Apply(Function.Sub, 1, -2, w));
        Assert.Equal(0, Semantics.Apply(Function.Mul, -2, -2, w));
        Assert.Equal(-2, Semantics.Apply(Function.Shl, 1, 1, w));
    }

    [Fact]
    public void Load_store_and_jmp_are_not_two_operand_functions()
    {
        foreach (var f in new[] { Function.Load, Function.Store, Function.Jmp })
            Assert.Throws<ArgumentException>(() => Semantics.Apply(f, 1, 2, W8));
    }

    /// <summary>An independent model: exact integers reduced mod 2^N into the signed range.</summary>
    static long Model(Function f, long x, long y, int bits)
    {
        BigInteger modulus = BigInteger.One << bits, half = modulus >> 1;
        long Reduce(BigInteger v)
        {
            var r = ((v % modulus) + modulus) % modulus;
            return (long)(r >= half ? r - modulus : r);
        }
        BigInteger u = y < 0 ? y + modulus : y;
        return f switch
        {
            Function.Sub => Reduce((BigInteger)y - x),
            Function.Add => Reduce((BigInteger)x + y),
            Function.Mul => Reduce((BigInteger)x * y),
            Function.Shl => u >= bits ? 0 : Reduce((BigInteger)x * (BigInteger.One << (int)u)),
            Function.Shr => u >= bits ? (x < 0 ? -1 : 0) : (long)BigInteger.Divide(x - (x < 0 ? (BigInteger.One << (int)u) - 1 : 0), BigInteger.One << (int)u),
            _ => throw new ArgumentException(),
        };
    }

    [Fact]
    public void Arithmetic_agrees_with_an_exact_integer_model_for_random_words()
    {
        var gen = from bits in Gen.Int[2, 64]
                  from f in Gen.Int[0, 4].Select(i => new[] { Function.Sub, Function.Add, Function.Mul, Function.Shl, Function.Shr }[i])
                  let w = new WordFormat(bits)
                  from x in Gen.Long[w.Min, w.Max]
                  from y in Gen.Long[w.Min, w.Max]
                  select (bits, f, x, y);
        gen.Sample(t => Semantics.Apply(t.f, t.x, t.y, new WordFormat(t.bits)) == Model(t.f, t.x, t.y, t.bits), iter: 5000);
    }
}
