using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using ScottPlot;
using LoopedComputer.Studies.Pictures;

namespace LoopedComputer.Studies;

/// <summary>
/// Study 3: the exactness frontier. For each machine, number format, column count n, word width N
/// and λ (and the linear mixer, which has no λ), a batch of random programs (random SUBLEQ on the
/// paper's machine, random FLEQ over the whole menu on the FLEQ machine, random self-modifying images
/// on the classic machine, from each definition) runs on the transformer;
/// a program is exact when it halts at the interpreter's step with the interpreter's PC and memory
/// (or, not halting, matches them after the step limit). Machines are built unchecked, so the grid
/// reaches below the compiler's λ bound and past its word-width limit (not past the words a machine
/// needs to address its cells: classic SUBLEQ's words are its addresses).
/// </summary>
static class FrontierStudy
{
    sealed record Cell(string Machine, NumberFormat Format, int Columns, int WordBits, MixerKind Mixer, double Lambda, int Programs, int Exact)
    {
        public double Fraction => (double)Exact / Programs;
    }

    /// <summary>
    /// The grid of one mode. A cell's cost grows with the machine's rows d, so each machine stops at
    /// the widest word whose punchcard (at the grid's widest n) stays within <see cref="MaxRows"/>:
    /// the FLEQ machine, about 35 rows per word bit, stops at a smaller N than the paper's.
    /// </summary>
    sealed record Grid(int[] Columns, int[] WordBitsTried, int MaxRows, double[] Lambdas, int Programs, long Steps)
    {
        public int[] WordBits(string machine) =>
            [.. WordBitsTried.Where(bits => Columns.Max() <= MachineShapes.MaxColumns(machine, bits) && MachineShapes.Layout(machine, bits, Columns.Max()).Rows <= MaxRows)];
    }

    /// <summary>The paper's temperature condition λ ≥ log(n³/ε), with ε the machine's clean-up tolerance.</summary>
    public static double PaperLambda(string machine, int columns) => Math.Log(Math.Pow(columns, 3) / MachineCatalog.Find(machine).CleanTolerance);

    public static void Run(StudyContext context)
    {
        var grid = context.Quick
            ? new Grid([16], [4, 22], 1_000, [2, 8, 14], 2, 12)
            : new Grid([32], [4, 10, 16, 22, 28, 34, 40], 600, Enumerable.Range(0, 8).Select(i => 1.0 + 5 * i).ToArray(), 4, 20);
        var cells = new List<Cell>();
        foreach (var machine in MachineShapes.Machines)
            foreach (int n in grid.Columns)
                foreach (int bits in grid.WordBits(machine))
                {
                    var layout = MachineShapes.Layout(machine, bits, n);
                    var weights = MachineShapes.Build(machine, layout);
                    var programs = Programs(machine, layout, grid.Programs);
                    var expected = programs.Select(p => ReferenceRun.Run(p, p.InitialMemory, grid.Steps)).ToList();
                    foreach (var format in new[] { NumberFormat.Float32, NumberFormat.Float64 })
                    {
                        foreach (double lambda in grid.Lambdas)
                            cells.Add(Measure(context, MachineShapes.Unchecked(machine, layout, weights, format, lambda, MixerKind.Softmax), programs, expected, grid.Steps));
                        cells.Add(Measure(context, MachineShapes.Unchecked(machine, layout, weights, format, double.NaN, MixerKind.Linear), programs, expected, grid.Steps));
                    }
                    context.Report($"frontier: {machine}, n = {layout.Columns}, N = {bits} done");
                }

        context.Files.WriteCsv("frontier.csv",
            ["machine", "dtype", "columns", "word_bits", "mixer", "lambda", "lambda_bound", "paper_lambda", "compiler_accepts", "programs", "exact_programs", "all_exact"],
            cells.Select(c =>
            {
                double bound = MachineShapes.LambdaBound(c.Machine, c.Columns, c.WordBits);
                bool accepts = c.WordBits <= MachineShapes.MaxWordBits(c.Machine, c.Format) && (c.Mixer == MixerKind.Linear || c.Lambda >= bound);
                return (IReadOnlyList<string>)
                [
                    c.Machine, c.Format.Name(), c.Columns.ToString(), c.WordBits.ToString(), c.Mixer.ToString().ToLowerInvariant(),
                    c.Mixer == MixerKind.Linear ? "" : StudyFiles.Number(c.Lambda), StudyFiles.Number(bound), StudyFiles.Number(PaperLambda(c.Machine, c.Columns)),
                    accepts ? "yes" : "no", c.Programs.ToString(), c.Exact.ToString(), c.Exact == c.Programs ? "yes" : "no",
                ];
            }));

        // Per (machine, dtype, n, N): the lowest λ of the grid from which every larger λ is exact, beside the bound.
        var margins = cells.Where(c => c.Mixer == MixerKind.Softmax)
            .GroupBy(c => (c.Machine, c.Format, c.Columns, c.WordBits))
            .Select(g =>
            {
                var ordered = g.OrderByDescending(c => c.Lambda).ToList();
                var exactFromHere = ordered.TakeWhile(c => c.Exact == c.Programs).LastOrDefault();
                bool linear = cells.Single(c => c.Mixer == MixerKind.Linear && (c.Machine, c.Format, c.Columns, c.WordBits) == g.Key) is var l && l.Exact == l.Programs;
                return (g.Key, Lowest: exactFromHere?.Lambda ?? double.NaN, Bound: MachineShapes.LambdaBound(g.Key.Machine, g.Key.Columns, g.Key.WordBits), Linear: linear);
            }).ToList();
        context.Files.WriteCsv("frontier-margins.csv",
            ["machine", "dtype", "columns", "word_bits", "compiler_max_word_bits", "lowest_exact_lambda", "lambda_bound", "bound_minus_lowest_exact", "paper_lambda", "linear_exact"],
            margins.Select(m => (IReadOnlyList<string>)
            [
                m.Key.Machine, m.Key.Format.Name(), m.Key.Columns.ToString(), m.Key.WordBits.ToString(), MachineShapes.MaxWordBits(m.Key.Machine, m.Key.Format).ToString(),
                StudyFiles.Number(m.Lowest), StudyFiles.Number(m.Bound), StudyFiles.Number(m.Bound - m.Lowest), StudyFiles.Number(PaperLambda(m.Key.Machine, m.Key.Columns)),
                m.Linear ? "yes" : "no",
            ]));
        foreach (var m in margins)
            context.Print($"{m.Key.Machine,-13} {m.Key.Format.Name(),-8} n = {m.Key.Columns,4} N = {m.Key.WordBits,2}: exact from λ = {(double.IsNaN(m.Lowest) ? "none" : m.Lowest.ToString("F0")),4}, bound {m.Bound:F1}; linear {(m.Linear ? "exact" : "not exact")}");

        foreach (var format in new[] { NumberFormat.Float32, NumberFormat.Float64 })
        {
            var panels = (from machine in MachineShapes.Machines
                          from n in grid.Columns
                          select (Action<Plot>)(plot => Heatmap(plot, cells, grid, machine, format, n))).ToList();
            Charts.SaveGrid(context.Files, $"frontier-{format.Name()}.png", panels, columns: grid.Columns.Length);
        }
    }

    /// <summary>Random programs of the layout's shape, as the machine's definition draws them; seeded by the machine's place in the catalogue and the shape.</summary>
    static List<Program> Programs(string machine, IMachineLayout layout, int count)
    {
        int place = Array.IndexOf(MachineShapes.Machines, machine);
        var random = new Random(1_000_000 * place + 1000 * layout.WordBits + layout.Columns);
        return Enumerable.Range(0, count).Select(_ => MachineShapes.RandomProgram(machine, random, layout)).ToList();
    }

    /// <summary>
    /// Runs one cell, once more if TorchSharp fails: a run here once stopped with "tensor does not
    /// have a device", a native failure that a second run of the same cell did not repeat.
    /// </summary>
    static Cell Measure(StudyContext context, CompiledMachine machine, List<Program> programs, List<RunResult> expected, long steps)
    {
        try
        {
            return MeasureOnce(context, machine, programs, expected, steps);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Report($"frontier: {machine.Name} n = {machine.Layout.Columns} N = {machine.Layout.WordBits} failed ({e.Message}); running it again");
            return MeasureOnce(context, machine, programs, expected, steps);
        }
    }

    static Cell MeasureOnce(StudyContext context, CompiledMachine machine, List<Program> programs, List<RunResult> expected, long steps)
    {
        using var session = new MachineSession(programs[0], machine, context.Device, context.Engine);
        var result = session.RunBatch(programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList(), steps);
        int exact = result.Runs.Zip(expected).Count(pair => Matches(pair.First, pair.Second));
        return new Cell(machine.Name, machine.Format, machine.Layout.Columns, machine.Layout.WordBits, machine.Mixer, machine.Lambda, programs.Count, exact);
    }

    static bool Matches(TransformerResult actual, RunResult expected) =>
        actual.Status == expected.Status && actual.Loops == expected.Steps && actual.Pc == expected.Pc && actual.Memory.SequenceEqual(expected.Memory);

    /// <summary>
    /// One panel: fraction exact over (N, λ), the linear mixer as a row above the λ grid, the
    /// compiler's λ bound as a curve, its word-width limit as a vertical line, the paper's λ as a
    /// horizontal line.
    /// </summary>
    static void Heatmap(Plot plot, List<Cell> cells, Grid grid, string machine, NumberFormat format, int n)
    {
        var mine = cells.Where(c => c.Machine == machine && c.Format == format && c.Columns == MachineShapes.ColumnsFor(machine, n)).ToList();
        int columns = mine[0].Columns;
        var lambdas = grid.Lambdas;
        double lambdaStep = lambdas.Length > 1 ? lambdas[1] - lambdas[0] : 1, linearRow = lambdas[^1] + lambdaStep;
        var bits = grid.WordBits(machine);
        double bitStep = bits.Length > 1 ? bits[1] - bits[0] : 1;
        // Row 0 is drawn at the top: the linear mixer, then λ from the largest down.
        var data = new double[lambdas.Length + 1, bits.Length];
        for (int j = 0; j < bits.Length; j++)
        {
            data[0, j] = mine.Single(c => c.Mixer == MixerKind.Linear && c.WordBits == bits[j]).Fraction;
            for (int i = 0; i < lambdas.Length; i++)
                data[lambdas.Length - i, j] = mine.Single(c => c.Mixer == MixerKind.Softmax && c.WordBits == bits[j] && c.Lambda == lambdas[i]).Fraction;
        }
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // ScottPlot centres the edge cells on the extent's edges: the extent runs from the first grid point to the last.
        heatmap.Extent = new CoordinateRect(bits[0], bits[^1], lambdas[0], linearRow);
        var colorbar = plot.Add.ColorBar(heatmap);
        colorbar.Label = "fraction of random programs exact";

        var curveBits = Enumerable.Range(bits[0], bits[^1] - bits[0] + 1).Select(b => (double)b).ToArray();
        var bound = plot.Add.Scatter(curveBits, curveBits.Select(b => MachineShapes.LambdaBound(machine, columns, (int)b)).ToArray());
        bound.LegendText = "compiler's λ bound (λ below is refused)";
        bound.MarkerSize = 0;
        bound.LineWidth = 3;
        bound.Color = Colors.Red;
        var paper = plot.Add.HorizontalLine(PaperLambda(machine, columns));
        paper.LegendText = $"paper: λ = ln(n³/ε), ε = {MachineCatalog.Find(machine).CleanTolerance:G3}";
        paper.LinePattern = LinePattern.Dashed;
        paper.Color = Colors.Orange;
        paper.LineWidth = 2;
        var limit = plot.Add.VerticalLine(MachineShapes.MaxWordBits(machine, format) + 0.5);
        limit.LegendText = $"compiler's word limit (N ≤ {MachineShapes.MaxWordBits(machine, format)} in {format.Name()})";
        limit.Color = Colors.Magenta;
        limit.LineWidth = 2;
        limit.LinePattern = LinePattern.Dotted;

        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double lambda in lambdas) yTicks.AddMajor(lambda, lambda.ToString("G4"));
        yTicks.AddMajor(linearRow, "linear");
        plot.Axes.Left.TickGenerator = yTicks;
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (int b in bits) xTicks.AddMajor(b, b.ToString());
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.SetLimits(bits[0] - bitStep / 2, bits[^1] + bitStep / 2, lambdas[0] - lambdaStep / 2, linearRow + lambdaStep / 2);
        plot.Title($"{machine}, {format.Name()}, n = {columns}: {mine[0].Programs} random programs");
        plot.XLabel("word bits N");
        plot.YLabel("softmax λ (top row: linear mixer, no λ)");
        plot.ShowLegend(Alignment.LowerRight);
    }
}
