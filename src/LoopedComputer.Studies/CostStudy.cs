using LoopedComputer.Machines;
using LoopedComputer.Studies.Measurement;
using LoopedComputer.Studies.Pictures;
using LoopedComputer.Studies.Statistics;

namespace LoopedComputer.Studies;

/// <summary>
/// Study 4: time and memory per loop against n, for both machines and both mixers on the current
/// device, with fitted exponents. The timings are `looped bench --sweep`'s (same random programs,
/// same measurement); memory is the peak resident memory of building and running the machine,
/// above the process's resident memory before it (<see cref="ResidentMemory"/>), beside the size
/// of the state X itself.
/// </summary>
static class CostStudy
{
    sealed record Point(string Machine, string Mixer, string Device, string Dtype, int Columns, int Rows, long Loops, double SecondsPerLoop, long StateBytes, long? PeakBytes);

    public static void Run(StudyContext context)
    {
        int[] columns = context.Quick ? [256, 512] : [256, 512, 1024, 2048];
        int softmaxMax = context.Quick ? 512 : 2048; // softmax's n×n matrices make larger n take minutes per point
        long maxLoops = context.Quick ? 3 : 10;
        var format = NumberFormat.Float32;
        var points = new List<Point>();
        foreach (var machine in MachineShapes.Machines)
            foreach (int n in columns)
                foreach (var mixer in new[] { MixerKind.Linear, MixerKind.Softmax })
                {
                    if (mixer == MixerKind.Softmax && n > softmaxMax) continue;
                    var benchCase = Benchmark.RandomCase(MachineCatalog.Find(machine), n, maxLoops, adaptive: true);
                    var memory = ResidentMemory.Start();
                    var compiled = MachineCatalog.Compile(benchCase.Program, machine, format, mixer: mixer);
                    var row = Benchmark.Measure(benchCase, compiled, context.Device, context.Engine, profile: false, batch: 1);
                    long? peak = memory?.PeakAbove();
                    long state = (long)row.Rows * row.Columns * format.Bytes();
                    points.Add(new Point(row.Machine, row.Mixer, row.Device, row.Dtype, row.Columns, row.Rows, row.Loops, row.SecondsPerLoop, state, peak));
                    context.Report($"cost: {machine} {row.Mixer} n = {row.Columns}: {row.SecondsPerLoop * 1000:G4} ms/loop, peak {(peak is long p ? $"{p / 1e6:F1} MB" : "unmeasured")}");
                }

        context.Files.WriteCsv("cost.csv",
            ["machine", "mixer", "device", "dtype", "columns", "rows_d", "loops_timed", "seconds_per_loop", "state_bytes", "peak_rss_above_baseline_bytes"],
            points.Select(p => (IReadOnlyList<string>)
            [
                p.Machine, p.Mixer, p.Device, p.Dtype, p.Columns.ToString(), p.Rows.ToString(), p.Loops.ToString(),
                StudyFiles.Number(p.SecondsPerLoop), p.StateBytes.ToString(), p.PeakBytes?.ToString() ?? "",
            ]));

        var series = points.GroupBy(p => (p.Machine, p.Mixer)).Select(g => g.OrderBy(p => p.Columns).ToList()).ToList();
        var fits = series.Select(s => (s[0].Machine, s[0].Mixer,
            Time: Fit(s.Select(p => ((double)p.Columns, p.SecondsPerLoop))),
            Memory: Fit(s.Where(p => p.PeakBytes > 0).Select(p => ((double)p.Columns, (double)p.PeakBytes!.Value))))).ToList();
        context.Files.WriteCsv("cost-fits.csv", ["machine", "mixer", "time_exponent", "memory_exponent"],
            fits.Select(f => (IReadOnlyList<string>)[f.Machine, f.Mixer, StudyFiles.Number(f.Time), StudyFiles.Number(f.Memory)]));
        foreach (var f in fits)
            context.Print($"{f.Machine,-13} {f.Mixer,-8} time per loop ∝ n^{f.Time:F2}, peak memory ∝ n^{f.Memory:F2}");

        var states = points.GroupBy(p => p.Machine).Select(g => g.DistinctBy(p => p.Columns).OrderBy(p => p.Columns).ToList()).ToList();
        string Label(List<Point> s) => $"{s[0].Machine}, {s[0].Mixer}";
        var panels = new List<Action<ScottPlot.Plot>>
        {
            plot => Charts.Lines(plot, $"time per loop ({points[0].Device}, {points[0].Dtype}, batch 1)", "columns n", "seconds per loop",
                series.Select(s => new Series(Label(s), s.Select(p => (double)p.Columns).ToList(), s.Select(p => p.SecondsPerLoop).ToList())), logX: true, logY: true),
            plot => Charts.Lines(plot, "memory to run: peak RSS above baseline (solid), state X (dashed)", "columns n", "bytes",
                series.Select(s => new Series(Label(s), s.Select(p => (double)p.Columns).ToList(), s.Select(p => (double)(p.PeakBytes ?? 0)).ToList()))
                    .Concat(states.Select(s => new Series($"{s[0].Machine}: state X", s.Select(p => (double)p.Columns).ToList(), s.Select(p => (double)p.StateBytes).ToList(), Dashed: true))),
                logX: true, logY: true),
        };
        Charts.SaveGrid(context.Files, "cost.png", panels, columns: 2);
    }

    static double Fit(IEnumerable<(double Columns, double Value)> points)
    {
        var list = points.ToList();
        return list.Select(p => p.Columns).Distinct().Count() >= 2 ? Growth.PowerLaw(list).Exponent : double.NaN;
    }
}
