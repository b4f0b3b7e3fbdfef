namespace LoopedComputer.Studies.Statistics;

/// <summary>
/// Where a monotone test turns from false to true, to a resolution: <see cref="Exact"/> is the
/// smallest value tried that passed and <see cref="Failing"/> the largest that failed below it
/// (NaN where none was tried: the threshold lies at or below <see cref="Exact"/>'s lower limit, or
/// no value up to the upper limit passed). <see cref="Tries"/> counts the evaluations.
/// </summary>
public sealed record Threshold(double Failing, double Exact, int Tries)
{
    public bool Found => !double.IsNaN(Exact);
}

public static class ThresholdSearch
{
    /// <summary>
    /// Brackets the threshold from <paramref name="guess"/> by steps of 1, 2, 4, … (down while the
    /// test passes, up while it fails, within [<paramref name="lowest"/>, <paramref name="highest"/>]),
    /// then bisects the bracket until it is at most <paramref name="resolution"/> wide. A test
    /// assumed monotone: false below the threshold, true from it on.
    /// </summary>
    public static Threshold Find(Func<double, bool> passes, double guess, double resolution, double lowest, double highest)
    {
        if (!(resolution > 0) || lowest > highest) throw new ArgumentException("the search needs a positive resolution and lowest ≤ highest");
        int tries = 0;
        bool Try(double value)
        {
            tries++;
            return passes(value);
        }
        double start = Math.Clamp(guess, lowest, highest), failing = double.NaN, exact = double.NaN;
        if (Try(start))
        {
            exact = start;
            for (double step = 1; double.IsNaN(failing); step *= 2)
            {
                if (exact <= lowest) return new Threshold(double.NaN, exact, tries);
                double below = Math.Max(lowest, exact - step);
                if (Try(below)) exact = below;
                else failing = below;
            }
        }
        else
        {
            failing = start;
            for (double step = 1; double.IsNaN(exact); step *= 2)
            {
                if (failing >= highest) return new Threshold(failing, double.NaN, tries);
                double above = Math.Min(highest, failing + step);
                if (Try(above)) exact = above;
                else failing = above;
            }
        }
        while (exact - failing > resolution)
        {
            double middle = (failing + exact) / 2;
            if (Try(middle)) exact = middle;
            else failing = middle;
        }
        return new Threshold(failing, exact, tries);
    }
}
