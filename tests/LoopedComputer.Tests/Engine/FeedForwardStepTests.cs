using LoopedComputer.Machines;
using LoopedComputer.Engine;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

public class FeedForwardStepTests
{
    /// <summary>
    /// A feed-forward step with every case the factoring treats apart: units sharing a row exactly,
    /// up to ±2^k, and up to a scale that is not a power of two (3, which must not be shared),
    /// units that read nothing (constants), units that write nothing, and a b2 row no unit writes.
    /// </summary>
    static FeedForward Sample(Random random, int d, int hidden)
    {
        var w1 = new double[hidden, d];
        var w2 = new double[d, hidden];
        var b1 = new double[hidden];
        var b2 = new double[d];
        double Small() => random.Next(-4, 5) / 2.0;
        for (int u = 0; u < hidden; u++)
        {
            int kind = u % 6;
            if (kind == 0 || u < 6)
                for (int c = 0; c < d; c++) w1[u, c] = random.Next(3) == 0 ? Small() : 0;
            else if (kind != 5)
            {
                double scale = kind switch { 1 => 1, 2 => -4, 3 => 0.5, _ => 3 };
                for (int c = 0; c < d; c++) w1[u, c] = w1[u - kind, c] * scale;
            }
            b1[u] = Small();
            if (u % 7 != 3)
                for (int r = 0; r < d; r++) w2[r, u] = random.Next(4) == 0 ? Small() : 0;
        }
        b2[random.Next(d)] = 1.5;
        return new FeedForward(w1, b1, w2, b2);
    }

    static double[,] Expected(FeedForward ff, double[,] x)
    {
        int d = x.GetLength(0), n = x.GetLength(1);
        var result = (double[,])x.Clone();
        for (int j = 0; j < n; j++)
            for (int u = 0; u < ff.Hidden; u++)
            {
                double pre = ff.B1[u];
                for (int c = 0; c < d; c++) pre += ff.W1[u, c] * x[c, j];
                double h = Math.Max(pre, 0);
                for (int r = 0; r < d; r++) result[r, j] += ff.W2[r, u] * h;
            }
        for (int r = 0; r < d; r++)
            for (int j = 0; j < n; j++) result[r, j] += ff.B2[r];
        return result;
    }

    [Theory]
    [InlineData(NumberFormat.Float32, 1)]
    [InlineData(NumberFormat.Float64, 2)]
    [InlineData(NumberFormat.Float32, 3)]
    public void The_step_equals_the_dense_formula_exactly(NumberFormat format, int seed)
    {
        var random = new Random(seed);
        const int d = 12, n = 7, hidden = 40;
        var ff = Sample(random, d, hidden);
        var x = new double[d, n];
        for (int r = 0; r < d; r++)
            for (int j = 0; j < n; j++) x[r, j] = random.Next(-8, 9);
        using var step = new FeedForwardStep(ff, format, torch.CPU);
        using var state2d = x.ToTensor(format, torch.CPU);
        using var state = state2d.view(d, 1, n);
        step.AddTo(state);
        Assert.Equal(Expected(ff, x), state2d.ToMatrix());
    }

    [Fact]
    public void Rows_are_shared_only_up_to_a_power_of_two()
    {
        var w1 = new double[,] { { 1, 0, 2 }, { 1, 0, 2 }, { -4, 0, -8 }, { 3, 0, 6 }, { 0, 0, 0 }, { 0, 1, 2 } };
        var shared = SharedSums.Factor(w1, [0, 1, 2, 3, 4, 5]);
        Assert.Equal([0, 1, 2, 3, 5], shared.Units);
        Assert.Equal([4], shared.Constants);
        Assert.Equal([0, 0, 0, 1, 2], shared.SumOfUnit);
        Assert.Equal([1, 1, -4, 1, 1], shared.Scale);
        Assert.Equal(3, shared.Sums.GetLength(0));
        Assert.False(shared.IsIdentity);
    }

    [Fact]
    public void A_step_that_writes_nothing_leaves_the_state_alone()
    {
        var ff = new FeedForward(new double[2, 3] { { 1, 0, 0 }, { 0, 1, 0 } }, [0, 1], new double[3, 2], new double[3]);
        using var step = new FeedForwardStep(ff, NumberFormat.Float32, torch.CPU);
        var x = new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } };
        using var state2d = x.ToTensor(NumberFormat.Float32, torch.CPU);
        using var state = state2d.view(3, 1, 2);
        step.AddTo(state);
        Assert.Equal(x, state2d.ToMatrix());
    }

    [Fact]
    public void Only_constant_units_add_their_output_as_a_bias()
    {
        // Unit 0 reads nothing: ReLU(2) = 2, written into row 1 with weight 3, plus b2 = 1 on row 0.
        var ff = new FeedForward(new double[1, 2], [2], new double[,] { { 0 }, { 3 } }, [1, 0]);
        using var step = new FeedForwardStep(ff, NumberFormat.Float64, torch.CPU);
        using var state2d = new double[,] { { 0, 0 }, { 10, 20 } }.ToTensor(NumberFormat.Float64, torch.CPU);
        using var state = state2d.view(2, 1, 2);
        step.AddTo(state);
        Assert.Equal(new double[,] { { 1, 1 }, { 16, 26 } }, state2d.ToMatrix());
    }
}
