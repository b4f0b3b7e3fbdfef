namespace LoopedComputer.Engine;

/// <summary>How a cost grows with the number of columns n: power-law fits and crossovers, for the benchmarks.</summary>
public static class Scaling
{
    /// <summary>Least-squares fit of log t = log c + k·log n: returns the exponent k and the prefactor c.</summary>
    public static (double Exponent, double Prefactor) FitPowerLaw(IReadOnlyList<(double N, double Cost)> points)
    {
        if (points.Count < 2) throw new ArgumentException("a power law needs at least two points");
        var xs = points.Select(p => Math.Log(p.N)).ToArray();
        var ys = points.Select(p => Math.Log(p.Cost)).ToArray();
        double mx = xs.Average(), my = ys.Average();
        double sxx = xs.Sum(x => (x - mx) * (x - mx));
        if (sxx == 0) throw new ArgumentException("a power law needs at least two different n");
        double k = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / sxx;
        return (k, Math.Exp(my - k * mx));
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
}
