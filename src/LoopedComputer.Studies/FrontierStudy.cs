using System.Diagnostics;
using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Studies.Measurement;
using LoopedComputer.Studies.Pictures;
using LoopedComputer.Studies.Statistics;

namespace LoopedComputer.Studies;

/// <summary>
/// Study 3: the exactness frontier at resolution. For each machine of the catalogue, number format,
/// column count n and word width N, a batch of random programs of that shape runs on the softmax
/// machine built unchecked at a λ, in lockstep with the interpreter for a fixed number of loops
/// (<see cref="BatchAgreement"/>); the cell is exact at λ when every program agrees throughout. λ is
/// searched (<see cref="ThresholdSearch"/>) to <see cref="Resolution"/> around the boundary, starting
/// from a neighbouring cell's frontier moved as the compiler's bound moves. The linear mixer (no
/// λ) is checked once per cell. The frontier λ*(n, N) is fitted as a + b·ln n + c·N per machine and
/// format and set beside the compiler's bound and the paper's λ = ln(n³/ε).
/// </summary>
public static class FrontierStudy
{
    public const double Resolution = 0.25;

    /// <summary>
    /// One mode's grid: the columns, the word widths tried (<see cref="WordBits"/>), the programs per
    /// cell, the loops each must agree for, and the time the whole may take: the columns run in
    /// ascending order, and a column count whose cells would take longer than the time left (estimated
    /// from the last one's, times the growth of a softmax loop, n², and of the number of cells) is not started.
    /// </summary>
    public sealed record Grid(int[] Columns, int WordBitStep, int[]? FixedWordBits, int Programs, long Loops, TimeSpan Budget)
    {
        /// <summary>
        /// At the <paramref name="stage"/>-th column count (from 0): N = 4, 4 + s, … up to the machine's
        /// limit in the format, the limit itself, and one bit past it (to see that the limit is real),
        /// with the step s doubling from one column count to the next, so that the widest columns, whose
        /// cells cost the most, run the fewest; or the fixed list.
        /// </summary>
        public int[] WordBits(string machine, NumberFormat format, int stage)
        {
            if (FixedWordBits is not null) return FixedWordBits;
            int limit = MachineShapes.MaxWordBits(machine, format), step = WordBitStep << Math.Min(stage, 16);
            return [.. Enumerable.Range(0, (limit - 4) / step + 1).Select(i => 4 + i * step).Append(limit).Append(limit + 1).Distinct()];
        }
    }

    public static Grid QuickGrid { get; } = new([16, 32], 0, [6, 8], 16, 24, TimeSpan.FromMinutes(5));
    public static Grid FullGrid { get; } = new([16, 32, 64, 128, 256, 512, 1024, 2048, 4096], 6, null, 64, 100, TimeSpan.FromMinutes(30));

    /// <summary>The formats of the frontier: the two the compiler builds in.</summary>
    public static IReadOnlyList<NumberFormat> Formats => NumberFormats.Compiled;

    /// <summary>The most entries of one head's softmax weights (batch·n²) held at once: wider cells run their programs in sub-batches.</summary>
    const long MaxSoftmaxEntries = 1L << 25;

    /// <summary>The paper's temperature condition λ ≥ ln(n³/ε), with ε the machine's clean-up tolerance.</summary>
    public static double PaperLambda(string machine, int columns) => Math.Log(Math.Pow(columns, 3) / MachineCatalog.Find(machine).CleanTolerance);

    /// <summary>One cell: where the softmax machine turns exact, and whether the linear mixer is.</summary>
    public sealed record Cell(string Machine, NumberFormat Format, int Columns, int WordBits, int Rows, int Programs, long Loops,
        Threshold Frontier, bool LinearExact, double Seconds)
    {
        public double Bound => MachineShapes.LambdaBound(Machine, Columns, WordBits);
        public bool WithinWordLimit => WordBits <= MachineShapes.MaxWordBits(Machine, Format);
    }

    public static void Run(StudyContext context)
    {
        var grid = context.Quick ? QuickGrid : FullGrid;
        var clock = Stopwatch.StartNew();
        var cells = new List<Cell>();
        // The last frontier found per (machine, format, N) and per (machine, format, n): the next cell's starting guess.
        var lastOfWidth = new Dictionary<(string, NumberFormat, int), Cell>();
        TimeSpan lastStage = TimeSpan.Zero;
        int lastCells = 0;
        int CellsAt(int stage, int n) => MachineShapes.Machines.Sum(m => Formats.Sum(f => WordBitsAt(grid, m, f, stage, n).Length));
        for (int i = 0; i < grid.Columns.Length; i++)
        {
            int n = grid.Columns[i], total = CellsAt(i, n), done = 0;
            if (i > 0)
            {
                double growth = Math.Pow((double)n / grid.Columns[i - 1], 2) * total / Math.Max(1, lastCells);
                var expected = lastStage * growth;
                if (clock.Elapsed + expected > grid.Budget)
                {
                    context.Report($"frontier: stopping before n = {n}: its cells would take about {expected.TotalMinutes:F0} min " +
                        $"(n = {grid.Columns[i - 1]} took {lastStage.TotalMinutes:F1} min; × {growth:F1} for n² and the cell count), past the {grid.Budget.TotalMinutes:F0} min budget");
                    break;
                }
            }
            var stageClock = Stopwatch.StartNew();
            foreach (var machine in MachineShapes.Machines)
                foreach (var format in Formats)
                {
                    Cell? previous = null;
                    foreach (int wordBits in WordBitsAt(grid, machine, format, i, n))
                    {
                        var cell = Measure(context, machine, format, n, wordBits, grid, previous ?? lastOfWidth.GetValueOrDefault((machine, format, wordBits)));
                        cells.Add(cell);
                        if (cell.Frontier.Found) previous = lastOfWidth[(machine, format, wordBits)] = cell;
                        done++;
                        context.Report($"frontier: {machine} {format.Name()} n = {cell.Columns} N = {wordBits}: " +
                            (cell.Frontier.Found ? $"exact from λ = {cell.Frontier.Exact:F2}" : "never exact") +
                            $" ({cell.Frontier.Tries} tries, {cell.Frontier.Passes} exact, {cell.Seconds:F1} s); n = {n}: {done}/{total} cells; {clock.Elapsed.TotalMinutes:F1} min in all");
                    }
                }
            lastStage = stageClock.Elapsed;
            lastCells = total;
        }
        WriteTables(context, cells);
        WriteFigure(context, cells);
    }

    /// <summary>
    /// The grid's word widths of which the machine can make a punchcard of n columns: wide enough to
    /// address them (classic SUBLEQ's words are its addresses), and not past what its layout holds at
    /// all (the one bit past the format's limit may be).
    /// </summary>
    static int[] WordBitsAt(Grid grid, string machine, NumberFormat format, int stage, int n) =>
        [.. grid.WordBits(machine, format, stage).Where(bits => n <= MachineShapes.MaxColumns(machine, bits) && CanLayOut(machine, bits, n))];

    static bool CanLayOut(string machine, int wordBits, int n)
    {
        try
        {
            // The layout and a program of it: a program's semantics may refuse a width its layout takes.
            MachineShapes.RandomProgram(machine, new Random(0), MachineShapes.Layout(machine, wordBits, n));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Random programs of the layout's shape, as the machine's definition draws them; seeded by the machine's place in the catalogue and the shape.</summary>
    public static List<Program> Programs(string machine, IMachineLayout layout, int count)
    {
        int place = Array.IndexOf(MachineShapes.Machines, machine);
        var random = new Random(1_000_000 * place + 1000 * layout.WordBits + layout.Columns);
        return Enumerable.Range(0, count).Select(_ => MachineShapes.RandomProgram(machine, random, layout)).ToList();
    }

    static Cell Measure(StudyContext context, string machine, NumberFormat format, int n, int wordBits, Grid grid, Cell? previous)
    {
        var clock = Stopwatch.StartNew();
        var layout = MachineShapes.Layout(machine, wordBits, n);
        var weights = MachineShapes.Build(machine, layout);
        var programs = Programs(machine, layout, grid.Programs);
        double bound = MachineShapes.LambdaBound(machine, layout.Columns, wordBits);
        // The frontier moves with n and N about as the bound does: start from a neighbouring cell's, moved by the bound's change.
        double guess = previous is null ? bound : previous.Frontier.Exact + bound - previous.Bound;
        var frontier = ThresholdSearch.Find(
            lambda => AllAgree(context, MachineShapes.Unchecked(machine, layout, weights, format, lambda, MixerKind.Softmax), programs, grid.Loops),
            guess, Resolution, lowest: 0, highest: Math.Max(guess, bound) + 16);
        bool linear = AllAgree(context, MachineShapes.Unchecked(machine, layout, weights, format, double.NaN, MixerKind.Linear), programs, grid.Loops);
        return new Cell(machine, format, layout.Columns, wordBits, layout.Rows, programs.Count, grid.Loops, frontier, linear, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Whether every program agrees with its interpreter for <paramref name="loops"/> loops on
    /// <paramref name="machine"/>, run as one batch, or as consecutive sub-batches where one head's
    /// softmax weights for all of them would not fit <see cref="MaxSoftmaxEntries"/>. Stops at the
    /// first divergence.
    /// </summary>
    public static bool AllAgree(StudyContext context, CompiledMachine machine, IReadOnlyList<Program> programs, long loops)
    {
        long n = machine.Layout.Columns;
        int size = machine.Mixer == MixerKind.Softmax ? (int)Math.Clamp(MaxSoftmaxEntries / (n * n), 1, programs.Count) : programs.Count;
        using var session = new MachineSession(programs[0], machine, context.Device, context.Engine);
        for (int from = 0; from < programs.Count; from += size)
        {
            var runs = programs.Skip(from).Take(size).Select(p => new BatchRun(p, p.InitialMemory)).ToList();
            if (BatchAgreement.FirstDivergence(session, runs, loops, stopAtFirst: true).Any(d => d is not null)) return false;
        }
        return true;
    }

    /// <summary>λ* ≈ a + b·ln n + c·N over the cells within the word limit whose frontier was found; null where the cells do not determine it.</summary>
    public static LinearModel? Fit(IReadOnlyList<Cell> cells)
    {
        var used = cells.Where(c => c.Frontier.Found && c.WithinWordLimit).ToList();
        if (used.Select(c => c.Columns).Distinct().Count() < 2 || used.Select(c => c.WordBits).Distinct().Count() < 2) return null;
        return LeastSquares.Fit(used.Select(c => new[] { 1, Math.Log(c.Columns), c.WordBits }).ToList(), used.Select(c => c.Frontier.Exact).ToList());
    }

    static void WriteTables(StudyContext context, List<Cell> cells)
    {
        context.Files.WriteCsv("frontier.csv",
            ["machine", "dtype", "columns", "word_bits", "rows_d", "compiler_max_word_bits", "programs", "loops", "lambda_exact", "lambda_failing",
             "tries", "exact_tries", "lambda_bound", "bound_over_frontier", "paper_lambda", "linear_exact", "seconds"],
            cells.Select(c => (IReadOnlyList<string>)
            [
                c.Machine, c.Format.Name(), c.Columns.ToString(), c.WordBits.ToString(), c.Rows.ToString(), MachineShapes.MaxWordBits(c.Machine, c.Format).ToString(),
                c.Programs.ToString(), c.Loops.ToString(), StudyFiles.Number(c.Frontier.Exact), StudyFiles.Number(c.Frontier.Failing),
                c.Frontier.Tries.ToString(), c.Frontier.Passes.ToString(), StudyFiles.Number(c.Bound), StudyFiles.Number(c.Bound / c.Frontier.Exact), StudyFiles.Number(PaperLambda(c.Machine, c.Columns)),
                c.LinearExact ? "yes" : "no", StudyFiles.Number(Math.Round(c.Seconds, 2)),
            ]));

        var fits = cells.GroupBy(c => (c.Machine, c.Format)).Select(g =>
        {
            var within = g.Where(c => c.Frontier.Found && c.WithinWordLimit).ToList();
            var loose = within.Where(c => c.Bound > 2 * c.Frontier.Exact).ToList();
            var unsafeCells = g.Where(c => c.WithinWordLimit && (!c.Frontier.Found || c.Frontier.Exact > c.Bound)).ToList();
            return (g.Key, Model: Fit(g.ToList()), Cells: within.Count, Loose: loose.Count,
                WorstRatio: within.Count == 0 ? double.NaN : within.Max(c => c.Bound / c.Frontier.Exact), Unsafe: unsafeCells.Count);
        }).ToList();
        context.Files.WriteCsv("frontier-fits.csv",
            ["machine", "dtype", "cells", "constant", "per_ln_columns", "per_word_bit", "max_abs_residual", "bound_looser_than_2x_cells", "worst_bound_over_frontier", "cells_above_bound"],
            fits.Select(f => (IReadOnlyList<string>)
            [
                f.Key.Machine, f.Key.Format.Name(), f.Cells.ToString(),
                StudyFiles.Number(f.Model?.Coefficients[0] ?? double.NaN), StudyFiles.Number(f.Model?.Coefficients[1] ?? double.NaN),
                StudyFiles.Number(f.Model?.Coefficients[2] ?? double.NaN), StudyFiles.Number(f.Model?.MaxAbsResidual ?? double.NaN),
                f.Loose.ToString(), StudyFiles.Number(f.WorstRatio), f.Unsafe.ToString(),
            ]));
        foreach (var f in fits)
            context.Print($"{f.Key.Machine,-13} {f.Key.Format.Name(),-8}: " +
                (f.Model is { } m ? $"λ* ≈ {m.Coefficients[0]:F2} + {m.Coefficients[1]:F2}·ln n + {m.Coefficients[2]:F3}·N (largest residual {m.MaxAbsResidual:F2})" : "too few cells to fit") +
                $"; bound > 2·λ* in {f.Loose} of {f.Cells} cells (worst {f.WorstRatio:F2}×); frontier above the bound in {f.Unsafe}");
    }

    /// <summary>One panel per machine and format: λ* against N per n (solid), the compiler's bound and the paper's λ for the smallest and largest n (dashed).</summary>
    static void WriteFigure(StudyContext context, List<Cell> cells)
    {
        var panels = new List<Action<ScottPlot.Plot>>();
        foreach (var group in cells.GroupBy(c => (c.Machine, c.Format)))
        {
            var byColumns = group.GroupBy(c => c.Columns).OrderBy(g => g.Key).ToList();
            var series = new List<Series>();
            foreach (var g in byColumns)
            {
                var found = g.Where(c => c.Frontier.Found).OrderBy(c => c.WordBits).ToList();
                series.Add(new Series($"measured λ*, n = {g.Key}", found.Select(c => (double)c.WordBits).ToList(), found.Select(c => c.Frontier.Exact).ToList()));
            }
            foreach (var g in new[] { byColumns[0], byColumns[^1] }.Distinct())
            {
                var all = g.OrderBy(c => c.WordBits).ToList();
                series.Add(new Series($"compiler's bound, n = {g.Key}", all.Select(c => (double)c.WordBits).ToList(), all.Select(c => c.Bound).ToList(), Dashed: true));
                series.Add(new Series($"paper ln(n³/ε), n = {g.Key}", all.Select(c => (double)c.WordBits).ToList(), all.Select(c => PaperLambda(c.Machine, c.Columns)).ToList(), Dashed: true));
            }
            var (machine, format) = group.Key;
            int limit = MachineShapes.MaxWordBits(machine, format);
            string mode = context.Quick ? " [quick mode]" : "";
            panels.Add(plot => Charts.Lines(plot, $"{machine}, {format.Name()}: smallest exact λ{mode}",
                $"word bits N (compiler's limit {limit}; {group.First().Programs} programs × {group.First().Loops} loops a cell)", "λ", series, logX: false, logY: false));
        }
        Charts.SaveGrid(context.Files, "frontier.png", panels, columns: Formats.Count);
    }
}
