using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Studies.Measurement;
using LoopedComputer.Studies.Pictures;

namespace LoopedComputer.Studies;

/// <summary>
/// Study 6: the machines in the 16-bit formats (float16, bfloat16) on libtorch. For each machine,
/// format, mixer (softmax at the compiler's default λ, and linear), n and N = 2, 3, … a batch of
/// random programs runs in lockstep with the interpreter for a fixed number of loops; a cell is
/// exact when every program agrees throughout. Where one is not, the study records the loops until
/// each program's first divergence and, for the earliest, the first layer of the loop that diverged
/// whose output differs from float64's from the same state by more than the clean-up's tolerance. The scan over N stops
/// after two cells in a row that are not exact. The widest exact N is set beside the compiler's word
/// limit for the format (<see cref="IMachineDefinition.MaxWordBits"/>).
/// </summary>
public static class PrecisionStudy
{
    public sealed record Grid(int[] Columns, int Programs, long Loops, int MaxWordBits);

    public static Grid QuickGrid { get; } = new([16], 8, 24, 10);
    public static Grid FullGrid { get; } = new([16, 32], 64, 100, 16);

    public static NumberFormat[] Formats { get; } = [NumberFormat.Float16, NumberFormat.BFloat16];

    /// <summary>One cell: each program's first divergence (null: agreed for every loop) and the first unclean layer of the earliest.</summary>
    public sealed record Cell(string Machine, NumberFormat Format, MixerKind Mixer, int Columns, int WordBits, double Lambda, long Loops,
        IReadOnlyList<long?> Divergences, string? FirstWrongLayer)
    {
        public bool Exact => Divergences.All(d => d is null);
        public int ExactPrograms => Divergences.Count(d => d is null);
        public long? FirstDivergence => Measurement.Divergences.First(Divergences);
        public double MedianDivergence => Measurement.Divergences.Median(Divergences, Loops);
    }

    public static void Run(StudyContext context)
    {
        var grid = context.Quick ? QuickGrid : FullGrid;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cells = new List<Cell>();
        foreach (var machine in MachineShapes.Machines)
            foreach (var format in Formats)
                foreach (var mixer in new[] { MixerKind.Softmax, MixerKind.Linear })
                    foreach (int n in grid.Columns)
                    {
                        int failures = 0;
                        for (int bits = 2; bits <= grid.MaxWordBits && failures < 2; bits++)
                        {
                            if (n > MachineShapes.MaxColumns(machine, bits)) continue; // too narrow to address n columns
                            var cell = Measure(context, machine, format, mixer, n, bits, grid.Programs, grid.Loops);
                            cells.Add(cell);
                            failures = cell.Exact ? 0 : failures + 1;
                            context.Report($"precision: {machine} {format.Name()} {mixer.ToString().ToLowerInvariant()} n = {cell.Columns} N = {bits}: " +
                                (cell.Exact ? "exact" : $"{cell.ExactPrograms}/{cell.Divergences.Count} exact, first divergence at loop {cell.FirstDivergence}, {cell.FirstWrongLayer ?? "no layer differs from float64 in the replay"}") +
                                $"; {clock.Elapsed.TotalMinutes:F1} min");
                        }
                    }
        WriteTables(context, cells);
        WriteFigure(context, cells);
    }

    /// <summary>Runs one cell: the programs of <see cref="FrontierStudy.Programs"/> for this shape, as one batch.</summary>
    public static Cell Measure(StudyContext context, string machine, NumberFormat format, MixerKind mixer, int n, int wordBits, int programs, long loops)
    {
        var layout = MachineShapes.Layout(machine, wordBits, n);
        var weights = MachineShapes.Build(machine, layout);
        double bound = MachineShapes.LambdaBound(machine, layout.Columns, wordBits);
        double lambda = mixer == MixerKind.Softmax ? bound + Temperature.DefaultMargin : double.NaN;
        var compiled = MachineShapes.Unchecked(machine, layout, weights, format, lambda, mixer);
        var list = FrontierStudy.Programs(machine, layout, programs);
        var runs = list.Select(p => new BatchRun(p, p.InitialMemory)).ToList();
        using var session = new MachineSession(list[0], compiled, context.Device, context.Engine);
        var divergences = BatchAgreement.FirstDivergence(session, runs, loops, stopAtFirst: false);
        string? layer = null;
        var diverged = Enumerable.Range(0, runs.Count).Where(i => divergences[i] is not null).ToList();
        if (diverged.Count > 0)
        {
            int row = diverged.MinBy(i => divergences[i]!.Value);
            layer = FirstWrongLayer(context, session, runs[row], divergences[row]!.Value);
        }
        return new Cell(machine, format, mixer, layout.Columns, wordBits, lambda, loops, divergences, layer);
    }

    /// <summary>
    /// Replays <paramref name="run"/> alone to the state before loop <paramref name="loop"/>, then runs
    /// that loop layer by layer from that state both in the cell's format and in float64 (the same
    /// weights and λ), and names the first layer whose output differs from float64's by more than the
    /// clean-up's tolerance anywhere: a rounding that left an entry unclean, or one that made it clean but wrong.
    /// </summary>
    static string? FirstWrongLayer(StudyContext context, MachineSession session, BatchRun run, long loop)
    {
        session.Reset([run]);
        for (long i = 1; i < loop; i++) session.Step();
        var before = session.Snapshot();
        var narrow = session.TraceLayers(before);
        using var reference = new MachineSession(run.Program, session.Machine with { Format = NumberFormat.Float64 }, context.Device, context.Engine);
        var wide = reference.TraceLayers(before);
        var layout = session.Machine.Layout;
        double tolerance = session.Machine.Definition.CleanTolerance;
        for (int layer = 0; layer < narrow.Count; layer++)
            for (int r = 0; r < layout.Rows; r++)
                for (int c = 0; c < layout.Columns; c++)
                    if (!(Math.Abs(narrow[layer][r, c] - wide[layer][r, c]) <= tolerance))
                        return $"layer {layer + 1} ({session.LayerNames[layer]}): {layout.NameRow(r)}, column {c} = {narrow[layer][r, c]:G4}, float64 {wide[layer][r, c]:G4}";
        return null;
    }

    /// <summary>The widest N from which every narrower N tried (from 2) was exact, or 0 if N = 2 was not.</summary>
    public static int WidestExact(IEnumerable<Cell> series)
    {
        int widest = 0;
        foreach (var cell in series.OrderBy(c => c.WordBits))
        {
            if (!cell.Exact) break;
            widest = cell.WordBits;
        }
        return widest;
    }

    static void WriteTables(StudyContext context, List<Cell> cells)
    {
        context.Files.WriteCsv("precision.csv",
            ["machine", "dtype", "mixer", "columns", "word_bits", "compiler_max_word_bits", "lambda", "programs", "loops", "exact_programs",
             "first_divergence_loop", "median_divergence_loop", "first_wrong_layer"],
            cells.Select(c => (IReadOnlyList<string>)
            [
                c.Machine, c.Format.Name(), c.Mixer.ToString().ToLowerInvariant(), c.Columns.ToString(), c.WordBits.ToString(),
                MachineShapes.MaxWordBits(c.Machine, c.Format).ToString(), StudyFiles.Number(c.Lambda), c.Divergences.Count.ToString(), c.Loops.ToString(),
                c.ExactPrograms.ToString(), c.FirstDivergence?.ToString() ?? "", c.Exact ? "" : StudyFiles.Number(c.MedianDivergence), c.FirstWrongLayer ?? "",
            ]));
        var widest = cells.GroupBy(c => (c.Machine, c.Format, c.Mixer, c.Columns))
            .Select(g => (g.Key, Widest: WidestExact(g), Limit: MachineShapes.MaxWordBits(g.Key.Machine, g.Key.Format))).ToList();
        context.Files.WriteCsv("precision-widest.csv",
            ["machine", "dtype", "mixer", "columns", "widest_exact_word_bits", "compiler_max_word_bits"],
            widest.Select(w => (IReadOnlyList<string>)
            [
                w.Key.Machine, w.Key.Format.Name(), w.Key.Mixer.ToString().ToLowerInvariant(), w.Key.Columns.ToString(), w.Widest.ToString(), w.Limit.ToString(),
            ]));
        foreach (var w in widest)
            context.Print($"{w.Key.Machine,-13} {w.Key.Format.Name(),-9} {w.Key.Mixer.ToString().ToLowerInvariant(),-8} n = {w.Key.Columns,4}: exact up to N = {w.Widest} (compiler's limit for the format: {w.Limit})");
    }

    /// <summary>One panel per machine and format: loops every program agreed for (the earliest divergence; the loop limit where all agreed) against N, per mixer and n.</summary>
    static void WriteFigure(StudyContext context, List<Cell> cells)
    {
        var panels = new List<Action<ScottPlot.Plot>>();
        foreach (var group in cells.GroupBy(c => (c.Machine, c.Format)))
        {
            var series = group.GroupBy(c => (c.Mixer, c.Columns)).Select(g =>
            {
                var ordered = g.OrderBy(c => c.WordBits).ToList();
                return new Series($"{g.Key.Mixer.ToString().ToLowerInvariant()}, n = {g.Key.Columns}", ordered.Select(c => (double)c.WordBits).ToList(),
                    ordered.Select(c => (double)(c.FirstDivergence ?? c.Loops)).ToList(), Dashed: g.Key.Mixer == MixerKind.Linear);
            }).ToList();
            var (machine, format) = group.Key;
            string mode = context.Quick ? " [quick mode]" : "";
            panels.Add(plot => Charts.Lines(plot, $"{machine}, {format.Name()}: first divergence{mode}",
                "word bits N", $"loops to first divergence ({group.First().Loops} = none)", series, logX: false, logY: true));
        }
        Charts.SaveGrid(context.Files, "precision.png", panels, columns: Formats.Length);
    }
}
