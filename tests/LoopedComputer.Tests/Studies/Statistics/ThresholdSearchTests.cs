using LoopedComputer.Studies.Statistics;

namespace LoopedComputer.Tests.Studies.Statistics;

/// <summary>The frontier's λ search on tests whose threshold is known, and the least-squares fit on data whose law is known.</summary>
public class ThresholdSearchTests
{
    /// <summary>The smallest point of the grid guess + k/4 at or above the threshold, worked out directly.</summary>
    static double GridPointAtOrAbove(double threshold, double guess) => guess + Math.Ceiling((threshold - guess) * 4) / 4;

    [Theory]
    [InlineData(7.3, 7.0)]   // guess just below the threshold
    [InlineData(7.3, 9.6)]   // guess above: brackets downward
    [InlineData(7.3, 2.1)]   // guess far below: brackets upward by 1, 2, 4
    [InlineData(12.05, 12.05)]
    public void The_search_finds_the_first_exact_point_of_its_grid(double threshold, double guess)
    {
        var found = ThresholdSearch.Find(lambda => lambda >= threshold, guess, 0.25, lowest: 0, highest: 40);
        double expected = GridPointAtOrAbove(threshold, guess);
        Assert.True(found.Found);
        Assert.Equal(expected, found.Exact, 9);
        Assert.Equal(expected - 0.25, found.Failing, 9);
        Assert.True(found.Failing < threshold && found.Exact >= threshold);
    }

    [Fact]
    public void A_search_that_costs_passes_passes_at_most_twice_from_a_guess_above_the_threshold()
    {
        var found = ThresholdSearch.Find(lambda => lambda >= 7.3, 7.6, 0.25, 0, 40);
        // 6.6 fails and 7.6 passes (the bracket), then 6.85 and 7.1 fail and 7.35 passes.
        Assert.Equal(2, found.Passes);
        Assert.Equal(5, found.Tries);
        Assert.Equal(7.35, found.Exact, 9);
    }

    [Fact]
    public void A_test_that_never_passes_or_always_passes_is_reported_as_such()
    {
        var never = ThresholdSearch.Find(_ => false, 5, 0.25, 0, 12);
        Assert.False(never.Found);
        Assert.Equal(12, never.Failing);
        var always = ThresholdSearch.Find(_ => true, 5, 0.25, 0, 12);
        Assert.Equal(0, always.Exact);
        Assert.True(double.IsNaN(always.Failing));
    }

    [Fact]
    public void A_plane_is_recovered_by_least_squares()
    {
        // λ = 2.5 + 0.5·ln n + 0.7·N exactly, on a grid of (n, N).
        var points = (from n in new[] { 16, 64, 256 } from bits in new[] { 4, 10, 22 } select (n, bits)).ToList();
        var model = LeastSquares.Fit(points.Select(p => new[] { 1, Math.Log(p.n), p.bits }).ToList(),
            points.Select(p => 2.5 + 0.5 * Math.Log(p.n) + 0.7 * p.bits).ToList());
        Assert.Equal(2.5, model.Coefficients[0], 9);
        Assert.Equal(0.5, model.Coefficients[1], 9);
        Assert.Equal(0.7, model.Coefficients[2], 9);
        Assert.True(model.MaxAbsResidual < 1e-9);
        Assert.Throws<ArgumentException>(() => LeastSquares.Fit([[1, 2.0], [1, 2.0]], [1, 1]));
    }
}
