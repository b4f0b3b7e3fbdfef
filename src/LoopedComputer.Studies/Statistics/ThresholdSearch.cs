namespace LoopedComputer.Studies.Statistics;

/// <summary>
/// Where a monotone test turns from false to true, to a resolution: <see cref="Exact"/> is the
/// smallest value tried that passed and <see cref="Failing"/> the value one resolution step below
/// it, which failed (NaN where the threshold lies at or below the search's lower limit, or where no
/// value up to its upper limit passed). <see cref="Tries"/> counts the evaluations, <see cref="Passes"/>
/// those that passed.
/// </summary>
public sealed record Threshold(double Failing, double Exact, int Tries, int Passes)
{
    public bool Found => !double.IsNaN(Exact);
}

public static class ThresholdSearch
{
    /// <summary>
    /// Finds the threshold on the grid guess + k·<paramref name="resolution"/> (within
    /// [<paramref name="lowest"/>, <paramref name="highest"/>]) for a test that is false below it
    /// and true from it on, where a pass costs far more than a failure (a failing run stops at its
    /// first divergence, a passing one runs to the end). It first brackets the threshold: from one
    /// step under <paramref name="guess"/>, down by 1, 2, 4, … while the test passes, or up by 1, 2,
    /// 4, … while it fails; then it scans the bracket upward one resolution step at a time, so that
    /// every try but the last fails. <paramref name="resolution"/> must divide 1.
    /// </summary>
    public static Threshold Find(Func<double, bool> passes, double guess, double resolution, double lowest, double highest)
    {
        if (!(resolution > 0) || lowest > highest || Math.Abs(1 / resolution - Math.Round(1 / resolution)) > 1e-9)
            throw new ArgumentException("the search needs a resolution that divides 1 and lowest ≤ highest");
        int tries = 0, passed = 0;
        bool Try(double value)
        {
            tries++;
            bool result = passes(value);
            if (result) passed++;
            return result;
        }
        double failing, exact, start = Math.Clamp(guess - 1, lowest, highest);
        if (Try(start))
        {
            exact = start;
            for (double step = 1; ; step *= 2)
            {
                if (exact <= lowest) return new Threshold(double.NaN, exact, tries, passed);
                double below = Math.Max(lowest, exact - step);
                if (!Try(below)) { failing = below; break; }
                exact = below;
            }
        }
        else
        {
            failing = start;
            for (double step = 1; ; step *= 2)
            {
                if (failing >= highest) return new Threshold(failing, double.NaN, tries, passed);
                double above = Math.Min(highest, failing + step);
                if (Try(above)) { exact = above; break; }
                failing = above;
            }
        }
        for (double next = failing + resolution; next < exact - resolution / 2; next += resolution)
        {
            if (Try(next)) return new Threshold(next - resolution, next, tries, passed);
        }
        return new Threshold(exact - resolution, exact, tries, passed);
    }
}
