using LoopedComputer.Engine;

namespace LoopedComputer.Tests.Engine;

public class ScalingTests
{
    [Fact]
    public void A_power_law_is_recovered_exactly()
    {
        var points = new[] { 256.0, 1024, 4096 }.Select(n => (n, 3e-6 * Math.Pow(n, 1.5))).ToList();
        var (k, c) = Scaling.FitPowerLaw(points);
        Assert.Equal(1.5, k, 9);
        Assert.Equal(3e-6, c, 12);
    }

    [Fact]
    public void The_crossover_is_where_the_cost_ratio_passes_one()
    {
        // a/b = 1/2 at n = 100 and 2 at n = 10,000: the ratio crosses 1 halfway in log n, at 1,000.
        var crossover = Scaling.Crossover([(100, 1, 2), (10_000, 4, 2)]);
        Assert.NotNull(crossover);
        Assert.Equal(1000, crossover!.Value, 6);
        Assert.Null(Scaling.Crossover([(100, 1, 2), (10_000, 1, 2)]));
        Assert.Null(Scaling.Crossover([(100, 3, 2), (10_000, 4, 2)]));
    }

    [Fact]
    public void Fewer_than_two_sizes_cannot_be_fitted()
    {
        Assert.Throws<ArgumentException>(() => Scaling.FitPowerLaw([(100, 1)]));
        Assert.Throws<ArgumentException>(() => Scaling.FitPowerLaw([(100, 1), (100, 2)]));
    }
}
