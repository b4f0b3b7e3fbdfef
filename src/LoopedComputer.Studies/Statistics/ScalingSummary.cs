using LoopedComputer.Studies.Measurement;

namespace LoopedComputer.Studies.Statistics;

/// <summary>Per machine: how the per-loop time grows with n for each mixer, and how the two compare.</summary>
public sealed record ScalingSummary(string Machine, string Device, string Engine, string Dtype, int Batch, int MinColumns, int MaxColumns, double? LinearExponent, double? SoftmaxExponent,
    double? SoftmaxOverLinearAt4096, double? CrossoverColumns, IReadOnlyList<RatioAt> Ratios)
{
    /// <summary>For every machine timed on random programs of two or more sizes: fitted exponents, ratios and the crossover.</summary>
    public static List<ScalingSummary> Of(IReadOnlyList<BenchRow> rows)
    {
        var summaries = new List<ScalingSummary>();
        foreach (var group in rows.Where(r => r.Program.StartsWith("random ")).GroupBy(r => (r.Machine, r.Device, Engine: r.EngineChoice, r.Dtype, r.Batch)))
        {
            List<(double N, double Cost)> Points(string mixer) =>
                group.Where(r => r.Mixer == mixer).Select(r => ((double)r.Columns, r.SecondsPerLoop)).ToList();
            double? Exponent(string mixer) => Points(mixer) is { Count: >= 2 } p && p.Select(x => x.N).Distinct().Count() >= 2 ? Growth.PowerLaw(p).Exponent : null;
            var paired = group.Where(r => r.Mixer == "softmax")
                .Join(group.Where(r => r.Mixer == "linear"), s => s.Columns, l => l.Columns, (s, l) => (N: (double)s.Columns, Softmax: s.SecondsPerLoop, Linear: l.SecondsPerLoop))
                .OrderBy(p => p.N).ToList();
            if (Points("linear").Count + Points("softmax").Count < 2) continue;
            var ratios = paired.Select(p => new RatioAt((int)p.N, p.Softmax / p.Linear)).ToList();
            summaries.Add(new ScalingSummary(group.Key.Machine, group.Key.Device, group.Key.Engine, group.Key.Dtype, group.Key.Batch, group.Min(r => r.Columns), group.Max(r => r.Columns),
                Exponent("linear"), Exponent("softmax"),
                ratios.FirstOrDefault(r => r.Columns == 4096)?.SoftmaxOverLinear,
                Growth.Crossover(paired.Select(p => (p.N, p.Softmax, p.Linear)).ToList()), ratios));
        }
        return summaries;
    }
}

public sealed record RatioAt(int Columns, double SoftmaxOverLinear);
