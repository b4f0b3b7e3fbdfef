namespace LoopedComputer.Tests.Programs;

/// <summary>
/// The Q16 fixed-point arithmetic of programs/lib/fixed.lasm written out in C# longs (an independent
/// mirror: the tests compare the programs with it exactly), and conversions to and from doubles.
/// </summary>
static class Q16
{
    public const int Frac = 16;
    public const long One = 1L << Frac;

    /// <summary>The product floored to Q16, as `mul` then arithmetic `shr`.</summary>
    public static long Mul(long a, long b) => (a * b) >> Frac;

    /// <summary>(a · 2^16) / b truncated toward zero, as fdiv.</summary>
    public static long Div(long a, long b) => (a << Frac) / b;

    public static long From(double value) => (long)Math.Round(value * One);

    public static double ToDouble(long value) => value / (double)One;

    public static string List(IEnumerable<long> values) => $"[{string.Join(",", values)}]";
}
