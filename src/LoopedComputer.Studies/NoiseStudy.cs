using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Studies.Measurement;
using LoopedComputer.Studies.Pictures;

namespace LoopedComputer.Studies;

/// <summary>
/// Study 7: how much noise the error correction absorbs. Each machine (softmax at the compiler's
/// default λ, float64) runs a batch of random programs in lockstep with the interpreter for a fixed
/// number of loops, with Gaussian noise of scale σ either on its weights (every non-zero weight and
/// bias, drawn once per run, <see cref="WeightEdits.WithNoise"/>) or on its state (every entry, after
/// every loop); once as compiled and once with its error-correction blocks taken out
/// (<see cref="WeightEdits.WithoutErrorCorrection"/>, found by their block, not by machine). It
/// records the loops until each program's first divergence.
/// </summary>
public static class NoiseStudy
{
    public sealed record Grid(int Columns, int WordBits, int Programs, long Loops, double[] Sigmas);

    public static Grid QuickGrid { get; } = new(16, 6, 8, 24, [0, 1e-5, 0.01]);
    public static Grid FullGrid { get; } = new(32, 8, 64, 100, [0, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1]);

    public enum Target { Weights, State }

    public sealed record Run(string Machine, Target Target, bool Correction, int UnitsRemoved, double Sigma, long Loops, IReadOnlyList<long?> Divergences)
    {
        public int Diverged => Divergences.Count(d => d is not null);
        public long? FirstDivergence => Measurement.Divergences.First(Divergences);

        /// <summary>The median loop of first divergence, a program that never diverged counting as the loop limit.</summary>
        public double Median => Measurement.Divergences.Median(Divergences, Loops);
    }

    public static void RunStudy(StudyContext context)
    {
        var grid = context.Quick ? QuickGrid : FullGrid;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = new List<Run>();
        foreach (var machine in MachineShapes.Machines)
            foreach (var target in Enum.GetValues<Target>())
                foreach (bool correction in new[] { true, false })
                    for (int sigmaIndex = 0; sigmaIndex < grid.Sigmas.Length; sigmaIndex++)
                    {
                        double sigma = grid.Sigmas[sigmaIndex];
                        var run = Measure(context, machine, target, correction, sigmaIndex, grid);
                        runs.Add(run);
                        context.Report($"noise: {machine} on the {target.ToString().ToLowerInvariant()}, {(correction ? "with" : "without")} error correction, σ = {sigma:G3}: " +
                            $"{run.Diverged}/{run.Divergences.Count} diverged, median first divergence {run.Median:G4}; {clock.Elapsed.TotalMinutes:F1} min");
                    }
        context.Files.WriteCsv("noise.csv",
            ["machine", "target", "error_correction", "correction_units_removed", "sigma", "columns", "word_bits", "programs", "loops", "diverged_programs",
             "first_divergence_loop", "median_divergence_loop"],
            runs.Select(r => (IReadOnlyList<string>)
            [
                r.Machine, r.Target.ToString().ToLowerInvariant(), r.Correction ? "yes" : "no", r.UnitsRemoved.ToString(), StudyFiles.Number(r.Sigma),
                grid.Columns.ToString(), grid.WordBits.ToString(), r.Divergences.Count.ToString(), r.Loops.ToString(), r.Diverged.ToString(),
                r.FirstDivergence?.ToString() ?? "", StudyFiles.Number(r.Median),
            ]));
        foreach (var g in runs.GroupBy(r => (r.Machine, r.Target, r.Correction)))
        {
            // The largest σ up to which no run of the grid diverged.
            var clean = g.OrderBy(r => r.Sigma).TakeWhile(r => r.Diverged == 0).Select(r => r.Sigma).ToList();
            context.Print($"{g.Key.Machine,-13} noise on the {g.Key.Target.ToString().ToLowerInvariant(),-7} {(g.Key.Correction ? "with" : "without"),-7} correction: " +
                (clean.Count == 0 ? "programs diverge even at the smallest σ" : $"no program diverged up to σ = {clean[^1]:G3}"));
        }
        var panels = new List<Action<ScottPlot.Plot>>();
        foreach (var g in runs.GroupBy(r => (r.Machine, r.Target)))
        {
            var series = g.GroupBy(r => r.Correction).Select(c =>
            {
                var ordered = c.Where(r => r.Sigma > 0).OrderBy(r => r.Sigma).ToList();
                return new Series(c.Key ? "with error correction" : "error correction removed",
                    ordered.Select(r => r.Sigma).ToList(), ordered.Select(r => r.Median).ToList(), Dashed: !c.Key);
            }).ToList();
            string mode = context.Quick ? " [quick mode]" : "";
            panels.Add(plot => Charts.Lines(plot, $"{g.Key.Machine}: noise on the {g.Key.Target.ToString().ToLowerInvariant()}{mode}",
                "σ", $"median loops to divergence ({grid.Loops} = none)", series, logX: true, logY: true));
        }
        Charts.SaveGrid(context.Files, "noise.png", panels, columns: 2);
    }

    /// <summary>
    /// The noise draws of the grid's σ number <paramref name="sigmaIndex"/>: seeded by the grid's shape and
    /// the σ's place in the grid, not its value, so that every σ of a grid gets its own draw however small,
    /// and a rerun draws the same noise.
    /// </summary>
    public static Random NoiseSource(Grid grid, int sigmaIndex)
    {
        if (sigmaIndex < 0 || sigmaIndex >= grid.Sigmas.Length)
            throw new ArgumentOutOfRangeException(nameof(sigmaIndex), $"the grid has {grid.Sigmas.Length} σ values; {sigmaIndex} is not the index of one");
        return new Random(checked((1000 * grid.Columns + grid.WordBits) * 1000 + sigmaIndex));
    }

    /// <summary>One run: the machine of the grid's shape, its weights edited with the grid's σ number <paramref name="sigmaIndex"/>, the programs of <see cref="FrontierStudy.Programs"/>.</summary>
    public static Run Measure(StudyContext context, string machine, Target target, bool correction, int sigmaIndex, Grid grid)
    {
        double sigma = grid.Sigmas[sigmaIndex];
        var layout = MachineShapes.Layout(machine, grid.WordBits, grid.Columns);
        var weights = MachineShapes.Build(machine, layout);
        var random = NoiseSource(grid, sigmaIndex);
        if (target == Target.Weights && sigma > 0) weights = WeightEdits.WithNoise(weights, sigma, random);
        int removed = 0;
        if (!correction) (weights, removed) = WeightEdits.WithoutErrorCorrection(weights);
        double lambda = MachineShapes.LambdaBound(machine, layout.Columns, grid.WordBits) + Temperature.DefaultMargin;
        var compiled = MachineShapes.Unchecked(machine, layout, weights, NumberFormat.Float64, lambda, MixerKind.Softmax);
        var programs = FrontierStudy.Programs(machine, layout, grid.Programs);
        var runs = programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList();
        using var session = new MachineSession(programs[0], compiled, context.Device, context.Engine);
        Action<MachineSession>? afterLoop = target == Target.State && sigma > 0 ? s => AddNoise(s, sigma, random) : null;
        var divergences = BatchAgreement.FirstDivergence(session, runs, grid.Loops, stopAtFirst: false, afterLoop);
        return new Run(machine, target, correction, removed, sigma, grid.Loops, divergences);
    }

    /// <summary>Adds N(0, σ²) to every entry of every row's state.</summary>
    static void AddNoise(MachineSession session, double sigma, Random random)
    {
        var states = Enumerable.Range(0, session.Engine.Batch).Select(session.Snapshot).ToList();
        foreach (var x in states)
            for (int r = 0; r < x.GetLength(0); r++)
                for (int c = 0; c < x.GetLength(1); c++)
                    x[r, c] += WeightEdits.Gaussian(random, sigma);
        session.Engine.Load(states);
    }
}
