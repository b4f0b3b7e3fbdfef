using System.Globalization;

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
/// How a count or a cost grows with a size, by least squares on log y: <see cref="Fit"/> tells a
/// power law from an exponential, <see cref="PowerLaw"/> fits a law known to be a power (costs
/// against n), <see cref="Crossover"/> finds where one measured cost overtakes another.
/// </summary>
public static class Growth
{
    /// <summary>
    /// A power law (a straight line in log y against log s) and an exponential (a straight line in
    /// log y against s), keeping the one whose line explains more of log y (R²). Both are judged in
    /// log y so that neither is favoured by its scale.
    /// </summary>
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

    /// <summary>Least-squares fit of log y = log c + k·log s: the exponent k and the prefactor c.</summary>
    public static (double Exponent, double Prefactor) PowerLaw(IReadOnlyList<(double Size, double Value)> points)
    {
        if (points.Count < 2) throw new ArgumentException("a power law needs at least two points");
        var (slope, intercept, _) = Line(points.Select(p => Math.Log(p.Size)).ToArray(), points.Select(p => Math.Log(p.Value)).ToArray());
        return (slope, Math.Exp(intercept));
    }

    /// <summary>
    /// The n below which <paramref name="a"/> is cheaper than <paramref name="b"/>, from costs measured
    /// at the same n: the first sign change of log(a/b), interpolated linearly in log n. Null when a is
    /// cheaper everywhere or nowhere measured.
    /// </summary>
    public static double? Crossover(IReadOnlyList<(double N, double A, double B)> points)
    {
        var sorted = points.OrderBy(p => p.N).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            double before = Math.Log(sorted[i - 1].A / sorted[i - 1].B), after = Math.Log(sorted[i].A / sorted[i].B);
            if (before < 0 && after >= 0)
            {
                double t = -before / (after - before);
                return Math.Exp(Math.Log(sorted[i - 1].N) + t * (Math.Log(sorted[i].N) - Math.Log(sorted[i - 1].N)));
            }
        }
        return null;
    }

    /// <summary>Least squares y = a + b·x: slope, intercept and R².</summary>
    static (double Slope, double Intercept, double RSquared) Line(double[] xs, double[] ys)
    {
        double mx = xs.Average(), my = ys.Average();
        double sxx = xs.Sum(x => (x - mx) * (x - mx)), syy = ys.Sum(y => (y - my) * (y - my));
        if (sxx == 0) throw new ArgumentException("a fit needs at least two different sizes");
        double sxy = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my));
        double slope = sxy / sxx;
        return (slope, my - slope * mx, syy == 0 ? 1 : sxy * sxy / (sxx * syy));
    }
}
