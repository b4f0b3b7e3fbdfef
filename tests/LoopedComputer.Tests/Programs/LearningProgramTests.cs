namespace LoopedComputer.Tests.Programs;

/// <summary>
/// programs/learn/*: in-context learning in Q16 fixed point. The learned weights equal a C# mirror of
/// the fixed-point arithmetic exactly, and a C# double implementation of the same training within
/// tolerance; the loss falls.
/// </summary>
public class LearningProgramTests
{
    static readonly double[] Xs = [-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2];

    /// <summary>SGD on y = w·x + b, one example at a time, lr = 1/8; in Q16 (floor) or in doubles.</summary>
    static (long W, long B, long[] Loss) RegressionQ16(long[] xs, long[] ys, int epochs)
    {
        long w = 0, b = 0;
        var loss = new long[8];
        for (int e = 0; e < epochs; e++)
            for (int i = 0; i < xs.Length; i++)
            {
                long err = Q16.Mul(w, xs[i]) + b - ys[i];
                loss[e] += Q16.Mul(err, err);
                w -= Q16.Mul(err, xs[i]) >> 3;
                b -= err >> 3;
            }
        return (w, b, loss);
    }

    static (double W, double B, double[] Loss) RegressionDouble(double[] xs, double[] ys, int epochs)
    {
        double w = 0, b = 0;
        var loss = new double[8];
        for (int e = 0; e < epochs; e++)
            for (int i = 0; i < xs.Length; i++)
            {
                double err = w * xs[i] + b - ys[i];
                loss[e] += err * err;
                w -= err * xs[i] / 8;
                b -= err / 8;
            }
        return (w, b, loss);
    }

    [Theory]
    [InlineData(1.5, -0.5, 4)]
    [InlineData(-0.75, 2.0, 6)]
    [InlineData(0.25, 0.0, 8)]
    [InlineData(2.0, 1.25, 1)]
    public void Linear_regression_learns_the_line_exactly_as_the_Q16_mirror_and_near_the_double_one(double slope, double intercept, int epochs)
    {
        var ysDouble = Xs.Select(x => slope * x + intercept).ToArray();
        long[] xs = Xs.Select(Q16.From).ToArray(), ys = ysDouble.Select(Q16.From).ToArray();
        var cells = AppRuns.Run(AppRuns.Load("learn/linear_regression.lasm"), $"xs={Q16.List(xs)}", $"ys={Q16.List(ys)}", $"epochs={epochs}");
        var (w, b, loss) = RegressionQ16(xs, ys, epochs);
        Assert.Equal(w, cells("w")[0]);
        Assert.Equal(b, cells("b")[0]);
        Assert.Equal(loss, cells("loss"));

        var exact = RegressionDouble(Xs, ysDouble, epochs);
        Assert.InRange(Q16.ToDouble(w), exact.W - 2e-3, exact.W + 2e-3);
        Assert.InRange(Q16.ToDouble(b), exact.B - 2e-3, exact.B + 2e-3);
        for (int e = 0; e < epochs; e++) Assert.InRange(Q16.ToDouble(loss[e]), exact.Loss[e] * 0.99 - 1e-3, exact.Loss[e] * 1.01 + 1e-3);
        for (int e = 1; e < epochs; e++) Assert.True(loss[e] < loss[e - 1] || loss[e] == 0, $"loss rose at epoch {e}: {Q16.List(loss)}");
    }

    /// <summary>The 2-2-1 network's parameters: w11 w12 w21 w22 c1 c2 v1 v2 c0.</summary>
    static readonly double[] StartWeights = [2, 1, 1.5, 2, -2, -1, -1, 2, 0];
    static readonly (double X1, double X2, double T)[] Xor = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)];

    /// <summary>
    /// One epoch after another of the program's training, written with <paramref name="ops"/>: the
    /// fixed-point and double versions share the algorithm, not the arithmetic.
    /// </summary>
    static (T[] Weights, T[] Loss) TrainXor<T>(Func<T, T, T> mul, Func<T, int, T> shiftRight, Func<T, T, T> add, Func<double, T> from,
        Func<T, bool> inSlope, Func<T, T> hardSigmoid, int epochs)
    {
        var p = StartWeights.Select(from).ToArray();
        var loss = new T[24];
        Array.Fill(loss, from(0));
        T Neg(T v) => mul(v, from(-1));
        for (int e = 0; e < epochs; e++)
            foreach (var (x1d, x2d, td) in Xor)
            {
                T x1 = from(x1d), x2 = from(x2d), t = from(td);
                T z1 = add(add(mul(p[0], x1), mul(p[1], x2)), p[4]), z2 = add(add(mul(p[2], x1), mul(p[3], x2)), p[5]);
                T h1 = hardSigmoid(z1), h2 = hardSigmoid(z2);
                T err = add(add(add(mul(p[6], h1), mul(p[7], h2)), p[8]), Neg(t));
                loss[e] = add(loss[e], mul(err, err));
                T dz1 = inSlope(z1) ? shiftRight(mul(err, p[6]), 2) : from(0);
                T dz2 = inSlope(z2) ? shiftRight(mul(err, p[7]), 2) : from(0);
                T Step(T g) => Neg(shiftRight(g, 1));
                p[6] = add(p[6], Step(mul(err, h1)));
                p[7] = add(p[7], Step(mul(err, h2)));
                p[8] = add(p[8], Step(err));
                p[0] = add(p[0], Step(mul(dz1, x1)));
                p[1] = add(p[1], Step(mul(dz1, x2)));
                p[4] = add(p[4], Step(dz1));
                p[2] = add(p[2], Step(mul(dz2, x1)));
                p[3] = add(p[3], Step(mul(dz2, x2)));
                p[5] = add(p[5], Step(dz2));
            }
        return (p, loss);
    }

    static (long[] Weights, long[] Loss) XorQ16(int epochs) => TrainXor<long>(Q16.Mul, (v, s) => v >> s, (a, b) => a + b, Q16.From,
        z => z > -2 * Q16.One && z < 2 * Q16.One, z => Math.Clamp((z >> 2) + Q16.One / 2, 0, Q16.One), epochs);

    static (double[] Weights, double[] Loss) XorDouble(int epochs) => TrainXor<double>((a, b) => a * b, (v, s) => v / (1 << s), (a, b) => a + b, v => v,
        z => z > -2 && z < 2, z => Math.Clamp(z / 4 + 0.5, 0, 1), epochs);

    static readonly string[] WeightCells = ["w11", "w12", "w21", "w22", "c1", "c2", "v1", "v2", "c0"];

    [Theory]
    [InlineData(24)]
    [InlineData(7)]
    public void XOR_network_weights_equal_the_Q16_mirror_and_lie_near_the_double_training(int epochs)
    {
        var cells = AppRuns.Run(AppRuns.Load("learn/xor_network.lasm"), $"epochs={epochs}");
        var (weights, loss) = XorQ16(epochs);
        Assert.Equal(weights, WeightCells.Select(c => cells(c)[0]));
        Assert.Equal(loss, cells("loss"));
        var exact = XorDouble(epochs);
        foreach (var (q, d) in weights.Zip(exact.Weights)) Assert.InRange(Q16.ToDouble(q), d - 0.02, d + 0.02);
        foreach (var (q, d) in loss.Zip(exact.Loss)) Assert.InRange(Q16.ToDouble(q), d - 0.02, d + 0.02);
    }

    [Fact]
    public void XOR_network_learns_XOR()
    {
        var cells = AppRuns.Run(AppRuns.Load("learn/xor_network.lasm"));
        var loss = cells("loss");
        Assert.True(loss[^1] * 100 < loss[0], $"loss {Q16.List(loss)}");
        // The trained network, evaluated in doubles on its learned weights, separates the four cases.
        var p = WeightCells.Select(c => Q16.ToDouble(cells(c)[0])).ToArray();
        double Sigmoid(double z) => Math.Clamp(z / 4 + 0.5, 0, 1);
        foreach (var (x1, x2, t) in Xor)
        {
            double y = p[6] * Sigmoid(p[0] * x1 + p[1] * x2 + p[4]) + p[7] * Sigmoid(p[2] * x1 + p[3] * x2 + p[5]) + p[8];
            Assert.InRange(y, t - 0.1, t + 0.1);
        }
    }

    [Fact]
    public void XOR_network_with_a_sigmoid_unit_learns_XOR()
    {
        var cells = AppRuns.Run(AppRuns.Load("learn/xor_network_units.lasm"));
        var loss = cells("loss");
        Assert.True(loss[^1] * 50 < loss[0], $"loss {string.Join(", ", loss)}");
        // The trained network, evaluated in doubles on its learned Q8 weights with the true sigmoid, separates the four cases.
        var p = WeightCells.Select(c => cells(c)[0] / 256.0).ToArray();
        double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        foreach (var (x1, x2, t) in Xor)
        {
            double y = p[6] * Sigmoid(p[0] * x1 + p[1] * x2 + p[4]) + p[7] * Sigmoid(p[2] * x1 + p[3] * x2 + p[5]) + p[8];
            Assert.InRange(y, t - 0.15, t + 0.15);
        }
    }

    [Theory]
    [InlineData("learn/linear_regression.lasm", "epochs=1")]
    [InlineData("learn/xor_network.lasm", "epochs=1")]
    [InlineData("learn/xor_network_units.lasm", "epochs=1")]
    [InlineData("learn/tanh_network.lasm", "x1s=[0, 0, 256, 256]")]
    public void Learning_programs_verify_in_lockstep_on_the_transformer(string name, string set)
    {
        AppRuns.VerifyOnTransformer(AppRuns.Load(name), prefixSteps: null, set);
    }
}
