using CsCheck;
using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary><see cref="WordFormat"/>: the range of every width, Wrap, Fits, Unsigned and BitsNeeded.</summary>
public class WordFormatSpecTests
{
    const long Min63 = -(1L << 62), Max63 = (1L << 62) - 1;

    public static TheoryData<int> AllWidths => new(Enumerable.Range(WordFormat.MinBits, WordFormat.MaxBits - WordFormat.MinBits + 1));

    [Fact]
    public void Widths_run_from_2_to_64_bits() => Assert.Equal((2, 64), (WordFormat.MinBits, WordFormat.MaxBits));

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65)]
    [InlineData(int.MaxValue)]
    public void Other_widths_are_refused(int bits)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WordFormat(bits));
        Assert.Equal("bits", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void The_range_is_minus_2_to_the_N_minus_1_up_to_2_to_the_N_minus_1_less_1(int bits)
    {
        var w = new WordFormat(bits);
        Assert.Equal(bits, w.Bits);
        Assert.Equal((long)WordModel.Min(bits), w.Min);
        Assert.Equal((long)WordModel.Max(bits), w.Max);
        Assert.True(w.Fits(w.Min) && w.Fits(w.Max) && w.Fits(0) && w.Fits(-1) && w.Fits(1));
        if (bits < 64) Assert.False(w.Fits(w.Min - 1) || w.Fits(w.Max + 1) || w.Fits(long.MinValue) || w.Fits(long.MaxValue));
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Wrap_is_the_identity_inside_the_range_and_wraps_around_at_its_ends(int bits)
    {
        var w = new WordFormat(bits);
        foreach (long v in new[] { w.Min, w.Min + 1, -1, 0, 1, w.Max - 1, w.Max })
            Assert.Equal(v, w.Wrap(v));
        Assert.Equal(w.Min, w.Wrap(unchecked(w.Max + 1)));
        Assert.Equal(w.Max, w.Wrap(unchecked(w.Min - 1)));
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Unsigned_reads_the_N_bits_as_a_number_from_0_to_2_to_the_N_less_1(int bits)
    {
        var w = new WordFormat(bits);
        Assert.Equal((ulong)(WordModel.Modulus(bits) - 1), w.Unsigned(-1));
        Assert.Equal((ulong)(-WordModel.Min(bits)), w.Unsigned(w.Min));
        Assert.Equal((ulong)w.Max, w.Unsigned(w.Max));
        Assert.Equal(0UL, w.Unsigned(0));
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void BitsNeeded_is_N_at_both_ends_of_an_N_bit_range(int bits)
    {
        var w = new WordFormat(bits);
        Assert.Equal(bits, WordFormat.BitsNeeded(w.Min));
        Assert.Equal(bits, WordFormat.BitsNeeded(w.Max));
        if (bits < 64)
        {
            Assert.Equal(bits + 1, WordFormat.BitsNeeded(w.Max + 1));
            Assert.Equal(bits + 1, WordFormat.BitsNeeded(w.Min - 1));
        }
    }

    [Theory]
    [InlineData(2, 2, -2)]
    [InlineData(2, 3, -1)]
    [InlineData(2, 4, 0)]
    [InlineData(2, -3, 1)]
    [InlineData(8, 128, -128)]
    [InlineData(8, 255, -1)]
    [InlineData(8, 256, 0)]
    [InlineData(8, -129, 127)]
    [InlineData(8, 1000, -24)]          // 1000 − 1024
    [InlineData(8, -1000, 24)]
    [InlineData(16, 65535, -1)]
    [InlineData(16, 40000, -25536)]
    [InlineData(32, 0x80000000L, int.MinValue)]
    [InlineData(32, 0xFFFFFFFFL, -1)]
    [InlineData(32, 1L << 32, 0)]
    [InlineData(63, 1L << 62, Min63)]
    [InlineData(63, long.MaxValue, -1)]
    [InlineData(63, long.MinValue, 0)]
    [InlineData(64, long.MinValue, long.MinValue)]
    [InlineData(64, long.MaxValue, long.MaxValue)]
    public void Wrap_reduces_mod_2_to_the_N(int bits, long value, long expected) =>
        Assert.Equal(expected, new WordFormat(bits).Wrap(value));

    [Theory]
    [InlineData(2, -2, 2UL)]
    [InlineData(2, -1, 3UL)]
    [InlineData(2, 1, 1UL)]
    [InlineData(8, -128, 128UL)]
    [InlineData(8, -1, 255UL)]
    [InlineData(8, 127, 127UL)]
    [InlineData(16, -1, 65535UL)]
    [InlineData(16, short.MinValue, 32768UL)]
    [InlineData(63, -1, (1UL << 63) - 1)]
    [InlineData(63, Min63, 1UL << 62)]
    [InlineData(63, Max63, (1UL << 62) - 1)]
    [InlineData(64, -1, ulong.MaxValue)]
    [InlineData(64, long.MinValue, 1UL << 63)]
    [InlineData(64, long.MaxValue, (1UL << 63) - 1)]
    public void Unsigned_examples(int bits, long value, ulong expected) =>
        Assert.Equal(expected, new WordFormat(bits).Unsigned(value));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(1, 2)]
    [InlineData(-2, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(-3, 3)]
    [InlineData(-4, 3)]
    [InlineData(4, 4)]
    [InlineData(-5, 4)]
    [InlineData(127, 8)]
    [InlineData(-128, 8)]
    [InlineData(128, 9)]
    [InlineData(-129, 9)]
    [InlineData(Max63, 63)]
    [InlineData(Min63, 63)]
    [InlineData(1L << 62, 64)]
    [InlineData(long.MaxValue, 64)]
    [InlineData(long.MinValue, 64)]
    public void BitsNeeded_examples(long value, int bits) => Assert.Equal(bits, WordFormat.BitsNeeded(value));

    [Fact]
    public void Formats_print_their_width_and_range_and_compare_by_width()
    {
        Assert.Equal("8-bit [-128, 127]", new WordFormat(8).ToString());
        Assert.Equal("2-bit [-2, 1]", new WordFormat(2).ToString());
        Assert.Equal("64-bit [-9223372036854775808, 9223372036854775807]", new WordFormat(64).ToString());
        Assert.Equal(new WordFormat(8), new WordFormat(8));
        Assert.NotEqual(new WordFormat(8), new WordFormat(9));
    }

    static readonly Gen<(int Bits, long Value)> AnyWidthAnyLong =
        from bits in Gen.Int[WordFormat.MinBits, WordFormat.MaxBits]
        from value in Gen.Frequency((1, Gen.Long), (1, Gen.Long[-300, 300]), (1, FunctionSemanticsTests.Word(bits)))
        select (bits, value);

    [Fact]
    public void Wrap_Fits_and_Unsigned_agree_with_exact_integers()
    {
        AnyWidthAnyLong.Sample(t =>
        {
            var w = new WordFormat(t.Bits);
            bool fits = t.Value >= WordModel.Min(t.Bits) && t.Value <= WordModel.Max(t.Bits);
            Assert.Equal(fits, w.Fits(t.Value));
            Assert.Equal(WordModel.Reduce(t.Value, t.Bits), w.Wrap(t.Value));
            Assert.Equal((ulong)WordModel.Unsigned(t.Value, t.Bits), w.Unsigned(t.Value));
        }, iter: 20_000);
    }

    [Fact]
    public void BitsNeeded_is_the_narrowest_twos_complement_width()
    {
        static int Narrowest(long v)
        {
            int b = 1;
            while (!(v >= WordModel.Min(b) && v <= WordModel.Max(b))) b++;
            return b;
        }
        AnyWidthAnyLong.Sample(t => Assert.Equal(Narrowest(t.Value), WordFormat.BitsNeeded(t.Value)), iter: 20_000);
    }
}
