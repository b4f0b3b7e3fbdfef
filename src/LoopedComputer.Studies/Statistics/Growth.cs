using System.Globalization;
using LoopedComputer.Engine;

namespace LoopedComputer.Studies.Statistics;

/// <summary>A fitted growth law y(s): a constant, a power law c·s^k or an exponential c·b^s.</summary>
public sealed record GrowthFit(string Law, double Parameter, double Prefactor, double RSquared)
{
    public string Describe(string size = "s") => Law switch
    {
        "constant" => $"constant ({Prefactor.ToString("G4", CultureInfo.InvariantCulture)})",
        "power" => $"∝ {size}^{Parameter.ToString("F2", CultureInfo.InvariantCulture)}",
        _ => $"∝ {Parameter.ToString("F2", CultureInfo.InvariantCulture)}^{size}",
    };
}

/// <summary>
/// Fits how a count grows with a size: a power law (a straight line in log y against log s) and an
/// exponential (a straight line in log y against s), keeping the one whose line explains more of
/// log y (R²). Both are judged in log y so that neither is favoured by its scale.
/// </summary>
public static class Growth
{
    public static GrowthFit Fit(IReadOnlyList<(double Size, double Value)> points)
    {
        if (points.Count < 2 || points.Select(p => p.Size).Distinct().Count() < 2)
            throw new ArgumentException("a growth fit needs at least two different sizes");
        if (points.All(p => p.Value == points[0].Value)) return new GrowthFit("constant", 0, points[0].Value, 1);
        var logValues = points.Select(p => Math.Log(p.Value)).ToArray();
        var (powerSlope, powerIntercept, powerR2) = Line(points.Select(p => Math.Log(p.Size)).ToArray(), logValues);
        var (expSlope, expIntercept, expR2) = Line(points.Select(p => p.Size).ToArray(), logValues);
        return powerR2 >= expR2
            ? new GrowthFit("power", powerSlope, Math.Exp(powerIntercept), powerR2)
            : new GrowthFit("exponential", Math.Exp(expSlope), Math.Exp(expIntercept), expR2);
    }

    /// <summary>The power-law exponent alone (for costs, where the law is known to be a power).</summary>
    public static double Exponent(IReadOnlyList<(double Size, double Value)> points) =>
        Scaling.FitPowerLaw(points.Select(p => (p.Size, p.Value)).ToList()).Exponent;

    /// <summary>Least squares y = a + b·x: slope, intercept and R².</summary>
    static (double Slope, double Intercept, double RSquared) Line(double[] xs, double[] ys)
    {
        double mx = xs.Average(), my = ys.Average();
        double sxx = xs.Sum(x => (x - mx) * (x - mx)), syy = ys.Sum(y => (y - my) * (y - my));
        double sxy = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my));
        double slope = sxy / sxx;
        return (slope, my - slope * mx, syy == 0 ? 1 : sxy * sxy / (sxx * syy));
    }
}
