using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary><see cref="CellAssignment.Parse"/> and <see cref="CellAssignment.TryParseInteger"/>: the text a user types.</summary>
public class CellAssignmentParseTests
{
    static void AssertParses(string text, string name, int? index, params long[] values)
    {
        var assignment = CellAssignment.Parse(text);
        Assert.Equal((name, index), (assignment.Name, assignment.Index));
        Assert.Equal(values, assignment.Values);
    }

    [Theory]
    [InlineData("n=5", "n", null, new long[] { 5 })]
    [InlineData("n=-5", "n", null, new long[] { -5 })]
    [InlineData("n=+5", "n", null, new long[] { 5 })]
    [InlineData("  n  =  7  ", "n", null, new long[] { 7 })]
    [InlineData("_tmp2=0", "_tmp2", null, new long[] { 0 })]
    [InlineData("list=[1,2,3]", "list", null, new long[] { 1, 2, 3 })]
    [InlineData("list=[ 1 , -2 , 3 ]", "list", null, new long[] { 1, -2, 3 })]
    [InlineData("list=1,2,3", "list", null, new long[] { 1, 2, 3 })]
    [InlineData("list=[7]", "list", null, new long[] { 7 })]
    [InlineData("list[0]=4", "list", 0, new long[] { 4 })]
    [InlineData("list[12]=-4", "list", 12, new long[] { -4 })]
    [InlineData("list [ 2 ] = 4", "list", 2, new long[] { 4 })]
    [InlineData("list[-1]=4", "list", -1, new long[] { 4 })]    // parsed; MemoryWith refuses it
    [InlineData("list[1]=[5,6]", "list", 1, new long[] { 5, 6 })]
    [InlineData("mask=0xFF", "mask", null, new long[] { 255 })]
    [InlineData("mask=0Xff", "mask", null, new long[] { 255 })]
    [InlineData("mask=-0x10", "mask", null, new long[] { -16 })]
    [InlineData("bits=0b1010", "bits", null, new long[] { 10 })]
    [InlineData("bits=0B11", "bits", null, new long[] { 3 })]
    [InlineData("bits=-0b1", "bits", null, new long[] { -1 })]
    [InlineData("big=1_000_000", "big", null, new long[] { 1_000_000 })]
    [InlineData("mixed=[0x10, 0b10, -10]", "mixed", null, new long[] { 16, 2, -10 })]
    [InlineData("m=-9223372036854775808", "m", null, new long[] { long.MinValue })]
    [InlineData("m=9223372036854775807", "m", null, new long[] { long.MaxValue })]
    public void Parses_names_indices_and_values(string text, string name, int? index, long[] values) =>
        AssertParses(text, name, index, values);

    [Theory]
    [InlineData("n", "'n': expected name=value, name=[v1,v2,...] or name[i]=value")]
    [InlineData("", "expected name=value")]
    [InlineData("=5", "expected name=value")]
    [InlineData(" =5", "the cell name is missing")]
    [InlineData("9=1", "the cell name is missing")]
    [InlineData("-n=1", "the cell name is missing")]
    [InlineData("[1]=1", "the cell name is missing")]
    [InlineData("list[x]=1", "'list[x]': expected name[index] with a whole-number index")]
    [InlineData("list[]=1", "whole-number index")]
    [InlineData("list[1.5]=1", "whole-number index")]
    [InlineData("list[1=1", "whole-number index")]
    [InlineData("list[99999999999]=1", "whole-number index")]
    [InlineData("n=", "n: '' is not an integer")]
    [InlineData("n=abc", "n: 'abc' is not an integer")]
    [InlineData("n=1.5", "'1.5' is not an integer")]
    [InlineData("n=1e3", "'1e3' is not an integer")]
    [InlineData("n=5=6", "'5=6' is not an integer")]
    [InlineData("list=[1,,2]", "'' is not an integer")]
    [InlineData("list=[1,2,]", "'' is not an integer")]
    [InlineData("list=[]", "'' is not an integer")]
    [InlineData("list=[1,2", "'[1' is not an integer")]
    [InlineData("list=[[1]]", "'[1]' is not an integer")]
    [InlineData("n=9223372036854775808", "'9223372036854775808' is not an integer")]
    [InlineData("n=-9223372036854775809", "is not an integer")]
    public void Refuses_malformed_text_with_a_message(string text, string message)
    {
        var error = Assert.Throws<InputException>(() => CellAssignment.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("n=5", "n=5")]
    [InlineData(" list = [1, -2, 3] ", "list=[1,-2,3]")]
    [InlineData("list[2]=0x10", "list[2]=16")]
    [InlineData("list[1]=5,6", "list[1]=[5,6]")]
    public void Prints_in_canonical_form(string text, string printed) =>
        Assert.Equal(printed, CellAssignment.Parse(text).ToString());

    [Theory]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("+0", 0)]
    [InlineData("42", 42)]
    [InlineData("007", 7)]
    [InlineData(" 12 ", 12)]
    [InlineData("-12", -12)]
    [InlineData("+12", 12)]
    [InlineData("1_024", 1024)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775807", -long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0x0", 0)]
    [InlineData("0x7f", 127)]
    [InlineData("0XABCDEF", 0xABCDEF)]
    [InlineData("0x7FFFFFFFFFFFFFFF", long.MaxValue)]
    [InlineData("-0x8000000000000000", long.MinValue)]
    [InlineData("-0x1", -1)]
    [InlineData("0x_FF", 255)]
    [InlineData("0b0", 0)]
    [InlineData("0b101", 5)]
    [InlineData("-0b101", -5)]
    [InlineData("0b0111111111111111111111111111111111111111111111111111111111111111", long.MaxValue)]
    [InlineData("-0b1000000000000000000000000000000000000000000000000000000000000000", long.MinValue)]
    public void Integers_in_decimal_hex_and_binary(string text, long expected)
    {
        Assert.True(CellAssignment.TryParseInteger(text, out long value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Leading_zeros_do_not_limit_the_length_of_any_base()
    {
        string zeros = new('0', 70);
        foreach (var text in new[] { zeros + "1", "0x" + zeros + "1", "0b" + zeros + "1" })
        {
            Assert.True(CellAssignment.TryParseInteger(text, out long value), text);
            Assert.Equal(1, value);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("_")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("--1")]
    [InlineData("+-1")]
    [InlineData("-+1")]
    [InlineData("- 1")]
    [InlineData("1 2")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("12a")]
    [InlineData("0x")]
    [InlineData("0xg")]
    [InlineData("0x-1")]
    [InlineData("0b")]
    [InlineData("0b2")]
    [InlineData("0b-1")]
    [InlineData("٣")]                      // an Arabic-Indic digit
    [InlineData("9223372036854775808")]    // long.MaxValue + 1
    [InlineData("-9223372036854775809")]   // long.MinValue − 1
    [InlineData("18446744073709551615")]   // ulong.MaxValue
    [InlineData("18446744073709551616")]   // beyond ulong
    [InlineData("0x8000000000000000")]     // 2^63 is not a long (no two's complement reading of hex)
    [InlineData("0xFFFFFFFFFFFFFFFF")]
    [InlineData("-0x8000000000000001")]
    [InlineData("0x10000000000000000")]    // 2^64
    [InlineData("0b1000000000000000000000000000000000000000000000000000000000000000")]   // 2^63
    [InlineData("0b11111111111111111111111111111111111111111111111111111111111111111")]  // 65 digits
    public void Not_integers_or_out_of_range(string text)
    {
        Assert.False(CellAssignment.TryParseInteger(text, out long value));
        Assert.Equal(0, value);
    }
}
