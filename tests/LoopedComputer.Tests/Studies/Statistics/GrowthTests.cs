using LoopedComputer.Studies.Statistics;

namespace LoopedComputer.Tests.Studies.Statistics;

/// <summary>The one least-squares fit of the studies and the benchmark, on data whose law is known.</summary>
public class GrowthTests
{
    [Fact]
    public void A_power_law_is_recovered_exactly()
    {
        var points = new[] { 256.0, 1024, 4096 }.Select(n => (n, 3e-6 * Math.Pow(n, 1.5))).ToList();
        var (k, c) = Growth.PowerLaw(points);
        Assert.Equal(1.5, k, 9);
        Assert.Equal(3e-6, c, 12);
    }

    [Fact]
    public void The_crossover_is_where_the_cost_ratio_passes_one()
    {
        // a/b = 1/2 at n = 100 and 2 at n = 10,000: the ratio crosses 1 halfway in log n, at 1,000.
        var crossover = Growth.Crossover([(100, 1, 2), (10_000, 4, 2)]);
        Assert.NotNull(crossover);
        Assert.Equal(1000, crossover!.Value, 6);
        Assert.Null(Growth.Crossover([(100, 1, 2), (10_000, 1, 2)]));
        Assert.Null(Growth.Crossover([(100, 3, 2), (10_000, 4, 2)]));
    }

    [Fact]
    public void Fewer_than_two_sizes_cannot_be_fitted()
    {
        Assert.Throws<ArgumentException>(() => Growth.PowerLaw([(100, 1)]));
        Assert.Throws<ArgumentException>(() => Growth.PowerLaw([(100, 1), (100, 2)]));
    }

    [Fact]
    public void Growth_fit_tells_a_power_law_from_an_exponential()
    {
        var sizes = Enumerable.Range(1, 10).Select(s => (double)s).ToList();
        var power = Growth.Fit(sizes.Select(s => (s, 3 * s * s)).ToList());
        Assert.Equal("power", power.Law);
        Assert.Equal(2, power.Parameter, 6);
        var exponential = Growth.Fit(sizes.Select(s => (s, 5 * Math.Pow(2, s))).ToList());
        Assert.Equal("exponential", exponential.Law);
        Assert.Equal(2, exponential.Parameter, 6);
        Assert.Equal("constant", Growth.Fit(sizes.Select(s => (s, 7.0)).ToList()).Law);
    }
}
