using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LoopedComputer.Studies.Pictures;

/// <summary>A line of points on a chart; a log axis drops points that are not positive.</summary>
sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Dashed = false);

/// <summary>
/// The studies' figures: panels of labelled series with optional log axes (plotted as log10 of the
/// data with ticks labelled in the data's own units), laid out in a grid and saved as one PNG.
/// </summary>
static class Charts
{
    public const int PanelWidth = 640, PanelHeight = 560;

    public static void Lines(Plot plot, string title, string xLabel, string yLabel, IEnumerable<Series> series, bool logX, bool logY)
    {
        var all = series.ToList();
        plot.Title(title);
        plot.XLabel(xLabel + (logX ? " (log scale)" : ""));
        plot.YLabel(yLabel + (logY ? " (log scale)" : ""));
        foreach (var s in all)
        {
            var points = s.X.Zip(s.Y).Where(p => (!logX || p.First > 0) && (!logY || p.Second > 0) && double.IsFinite(p.Second)).ToArray();
            if (points.Length == 0) continue;
            var xs = points.Select(p => logX ? Math.Log10(p.First) : p.First).ToArray();
            var ys = points.Select(p => logY ? Math.Log10(p.Second) : p.Second).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = s.Label;
            line.MarkerSize = 6;
            line.LineWidth = 2;
            if (s.Dashed) line.LinePattern = LinePattern.Dashed;
        }
        var shown = all.SelectMany(s => s.X.Zip(s.Y)).Where(p => p.First > 0 && p.Second > 0).ToList();
        if (logX && shown.Count > 0) plot.Axes.Bottom.TickGenerator = LogTicks(shown.Min(p => p.First), shown.Max(p => p.First));
        if (logY && shown.Count > 0) plot.Axes.Left.TickGenerator = LogTicks(shown.Min(p => p.Second), shown.Max(p => p.Second));
        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>
    /// Ticks for a log10 axis over [low, high]: majors at powers of ten, and at 2 and 5 times them
    /// when the range spans under two decades (so that a short axis still has labels); minors at
    /// every other multiple.
    /// </summary>
    static NumericManual LogTicks(double low, double high)
    {
        var ticks = new NumericManual();
        int first = (int)Math.Floor(Math.Log10(low)) - 1, last = (int)Math.Ceiling(Math.Log10(high)) + 1;
        int[] majors = last - first <= 4 ? [1, 2, 5] : [1];
        for (int power = first; power <= last; power++)
            for (int m = 1; m <= 9; m++)
            {
                double value = m * Math.Pow(10, power);
                if (majors.Contains(m)) ticks.AddMajor(Math.Log10(value), Label(value));
                else ticks.AddMinor(Math.Log10(value));
            }
        return ticks;
    }

    static string Label(double value) =>
        value >= 1 && value < 1e6 ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("0.#e0", CultureInfo.InvariantCulture);

    /// <summary>Draws <paramref name="panels"/> in a grid of <paramref name="columns"/> columns and saves the whole as a PNG.</summary>
    public static void SaveGrid(StudyFiles files, string name, IReadOnlyList<Action<Plot>> panels, int columns)
    {
        int rows = (panels.Count + columns - 1) / columns, across = Math.Min(columns, panels.Count);
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, across);
        for (int i = 0; i < panels.Count; i++) panels[i](multiplot.GetPlot(i));
        files.WritePng(name, () =>
        {
            using var image = multiplot.Render(across * PanelWidth, rows * PanelHeight);
            return image.GetImageBytes(ImageFormat.Png);
        });
    }
}
