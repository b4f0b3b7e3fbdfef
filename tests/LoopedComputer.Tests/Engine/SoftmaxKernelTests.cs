using LoopedComputer.Engine;

namespace LoopedComputer.Tests.Engine;

/// <summary>The native softmax's exponential kernel: accuracy, exact zeros past underflow, and results independent of an entry's position.</summary>
public class SoftmaxKernelTests
{
    static readonly double[] Differences = [0, -0.5, -1, -3.25, -10, -40, -86, -87.5, -100, -103.5, -104.5, -110, -700, -744, -746, -1e6];

    [Fact]
    public void Float_exponentials_are_within_two_ulps_and_zero_below_underflow() => Check<float>(2 * float.Epsilon, float.Log(float.Epsilon) - 1);

    [Fact]
    public void Double_exponentials_are_within_two_ulps_and_zero_below_underflow() => Check<double>(2 * double.Epsilon, double.Log(double.Epsilon) - 1);

    static void Check<T>(T smallest, T underflow) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        // 19 entries: not a multiple of any vector width, so some go through the tail.
        int n = 19;
        var max = Enumerable.Range(0, n).Select(i => T.CreateChecked(i * 0.75)).ToArray();
        var y = Enumerable.Range(0, n).Select(i => max[i] + T.CreateChecked(Differences[i % Differences.Length])).ToArray();
        var sum = Enumerable.Repeat(T.One, n).ToArray();
        Kernels<T>.ExpFromMax(y, max, sum);
        for (int i = 0; i < n; i++)
        {
            double difference = double.CreateChecked(T.CreateChecked(Differences[i % Differences.Length]));
            double exact = Math.Exp(difference), actual = double.CreateChecked(y[i]);
            if (T.CreateChecked(difference) < underflow) Assert.Equal(0.0, actual);
            else
            {
                double ulp = double.CreateChecked(T.BitIncrement(T.CreateChecked(exact)) - T.CreateChecked(exact));
                Assert.True(Math.Abs(actual - exact) <= 2 * Math.Max(ulp, double.CreateChecked(smallest)), $"exp({difference}) = {actual:R}, expected {exact:R}");
            }
            Assert.Equal(double.CreateChecked(T.One + y[i]), double.CreateChecked(sum[i]));
        }
    }

    [Fact]
    public void An_entry_gets_the_same_bits_in_every_position()
    {
        // The same difference at each of 37 positions (vector lanes and the tail) gives one result.
        foreach (double difference in Differences)
        {
            int n = 37;
            var y = Enumerable.Repeat((float)difference, n).ToArray();
            var max = new float[n];
            var sum = new float[n];
            Kernels<float>.ExpFromMax(y, max, sum);
            Assert.All(y, e => Assert.Equal(BitConverter.SingleToInt32Bits(y[0]), BitConverter.SingleToInt32Bits(e)));
        }
    }
}
