using LoopedComputer.Machines;
using LoopedComputer.Studies.Pictures;
using LoopedComputer.Studies.Statistics;

namespace LoopedComputer.Studies;

/// <summary>
/// Study 2: what a machine of width d holds. For both machines over columns n (half memory cells,
/// half instructions) and word bits N: rows d, parameters and non-zeros in total and per layer; the
/// fitted law of d in N and log2 n; and, inverted, the most columns a machine of width d can have.
/// </summary>
static class CapacityStudy
{
    /// <summary>A layer's size; only counts are kept, since a wide machine's weights run to hundreds of MB.</summary>
    sealed record LayerSize(string Name, int Heads, int Hidden, long Parameters, long NonZero);

    sealed record Shape(string Machine, int WordBits, int Columns, IMachineLayout Layout, IReadOnlyList<LayerSize> Layers)
    {
        public long Parameters => Layers.Sum(l => l.Parameters);
        public long NonZero => Layers.Sum(l => l.NonZero);
    }

    static Shape Measure(string machine, int wordBits, int columns)
    {
        var layout = MachineShapes.Layout(machine, wordBits, columns);
        var weights = MachineShapes.Build(machine, layout);
        var layers = weights.Layers.Select(layer =>
        {
            var alone = new MachineWeights(machine, layout.Rows, [layer]);
            return new LayerSize(layer.Name, layer.Heads.Count, layer.FeedForward.Hidden, alone.ParameterCount, alone.NonZeroCount);
        }).ToList();
        return new Shape(machine, wordBits, layout.Columns, layout, layers);
    }

    public static void Run(StudyContext context)
    {
        int[] wordBits = context.Quick ? [8, 16] : [4, 8, 12, 16, 24, 32];
        int[] columns = context.Quick ? [16, 64] : [16, 256, 1024, 4096, 65536];
        int[] widths = context.Quick ? [128, 512] : [64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048];
        var shapes = new List<Shape>();
        foreach (var machine in MachineShapes.Machines)
            foreach (int bits in wordBits)
                foreach (int n in columns.Where(n => n <= MachineShapes.MaxColumns(machine, bits)))
                    shapes.Add(Measure(machine, bits, n));
        context.Report($"capacity: {shapes.Count} machines built");

        context.Files.WriteCsv("capacity.csv",
            ["machine", "word_bits", "columns", "memory_cells", "instructions", "rows_d", "layers", "parameters", "nonzero", "nonzero_fraction"],
            shapes.Select(s => (IReadOnlyList<string>)
            [
                s.Machine, s.WordBits.ToString(), s.Columns.ToString(), s.Layout.MemoryCells.ToString(), s.Layout.InstructionCount.ToString(),
                s.Layout.Rows.ToString(), s.Layers.Count.ToString(), s.Parameters.ToString(), s.NonZero.ToString(),
                StudyFiles.Number((double)s.NonZero / s.Parameters),
            ]));
        context.Files.WriteCsv("capacity-layers.csv",
            ["machine", "word_bits", "columns", "rows_d", "layer", "name", "heads", "mlp_hidden", "parameters", "nonzero"],
            shapes.SelectMany(s => s.Layers.Select((layer, i) => (IReadOnlyList<string>)
            [
                s.Machine, s.WordBits.ToString(), s.Columns.ToString(), s.Layout.Rows.ToString(), (i + 1).ToString(), layer.Name,
                layer.Heads.ToString(), layer.Hidden.ToString(), layer.Parameters.ToString(), layer.NonZero.ToString(),
            ])));

        // The most columns a machine of width d holds: layouts grow monotonically in n, so bisect.
        var holds = (from machine in MachineShapes.Machines from bits in wordBits from d in widths
                     select (Machine: machine, Bits: bits, Width: d, Columns: MostColumns(machine, bits, d))).ToList();
        context.Files.WriteCsv("capacity-holds.csv", ["machine", "word_bits", "rows_d", "max_columns", "memory_cells", "instructions"],
            holds.Select(h =>
            {
                var layout = h.Columns > 0 ? MachineShapes.Layout(h.Machine, h.Bits, h.Columns) : null;
                return (IReadOnlyList<string>)
                [
                    h.Machine, h.Bits.ToString(), h.Width.ToString(), h.Columns.ToString(),
                    layout?.MemoryCells.ToString() ?? "0", layout?.InstructionCount.ToString() ?? "0",
                ];
            }));

        var fits = MachineShapes.Machines.Select(machine =>
        {
            var mine = shapes.Where(s => s.Machine == machine).ToList();
            var (a, b, c, residual) = FitRows(mine);
            double exponent = Growth.PowerLaw(mine.Select(s => ((double)s.Layout.Rows, (double)s.Parameters)).ToList()).Exponent;
            return (Machine: machine, A: a, B: b, C: c, Residual: residual, Exponent: exponent);
        }).ToList();
        context.Files.WriteCsv("capacity-fits.csv", ["machine", "d_constant", "d_per_word_bit", "d_per_log2_columns", "d_max_abs_residual", "parameters_exponent_in_d"],
            fits.Select(f => (IReadOnlyList<string>)
            [
                f.Machine, StudyFiles.Number(f.A), StudyFiles.Number(f.B), StudyFiles.Number(f.C), StudyFiles.Number(f.Residual), StudyFiles.Number(f.Exponent),
            ]));
        foreach (var f in fits)
            context.Print($"{f.Machine,-13} d ≈ {f.A:F1} + {f.B:F2}·N + {f.C:F2}·log2 n (max residual {f.Residual:F1} rows); parameters ∝ d^{f.Exponent:F2}");

        int[] shownBits = wordBits.Where(b => b is 8 or 16 or 32).ToArray();
        int reference = columns.Where(n => n <= 1024).Max();
        var panels = new List<Action<ScottPlot.Plot>>
        {
            plot => Charts.Lines(plot, "rows d against columns n", "columns n", "rows d",
                from machine in MachineShapes.Machines from bits in shownBits
                let mine = shapes.Where(s => s.Machine == machine && s.WordBits == bits).ToList()
                select new Series($"{machine}, N = {bits}", mine.Select(s => (double)s.Columns).ToList(), mine.Select(s => (double)s.Layout.Rows).ToList()),
                logX: true, logY: false),
            plot => Charts.Lines(plot, $"parameters against word bits N (n = {reference})", "word bits N", "parameters (solid) / non-zeros (dashed)",
                MachineShapes.Machines.SelectMany(machine =>
                {
                    var mine = shapes.Where(s => s.Machine == machine && s.Columns == MachineShapes.ColumnsFor(machine, reference)).ToList();
                    var xs = mine.Select(s => (double)s.WordBits).ToList();
                    return new[]
                    {
                        new Series($"{machine}: parameters", xs, mine.Select(s => (double)s.Parameters).ToList()),
                        new Series($"{machine}: non-zero", xs, mine.Select(s => (double)s.NonZero).ToList(), Dashed: true),
                    };
                }),
                logX: false, logY: true),
            plot => Charts.Lines(plot, "most columns a machine of width d holds", "rows d", "columns n = 1 + cells + instructions",
                from machine in MachineShapes.Machines from bits in shownBits
                let mine = holds.Where(h => h.Machine == machine && h.Bits == bits && h.Columns > 0 && h.Columns < SearchLimit).ToList()
                select new Series($"{machine}, N = {bits}", mine.Select(h => (double)h.Width).ToList(), mine.Select(h => (double)h.Columns).ToList()),
                logX: false, logY: true),
        };
        Charts.SaveGrid(context.Files, "capacity.png", panels, columns: 3);
    }

    /// <summary>The bisection's upper end: a width that holds this many columns is reported at it (and left off the figure).</summary>
    const int SearchLimit = 1 << 30;

    /// <summary>The largest n (up to <see cref="SearchLimit"/> and the most N-bit words address) whose layout has at most <paramref name="width"/> rows, or 0 if none does.</summary>
    static int MostColumns(string machine, int wordBits, int width)
    {
        int Rows(int n) => MachineShapes.Layout(machine, wordBits, n).Rows;
        int low = 5, high = Math.Min(SearchLimit, MachineShapes.MaxColumns(machine, wordBits));
        if (high < low || Rows(low) > width) return 0;
        if (Rows(high) <= width) return MachineShapes.Layout(machine, wordBits, high).Columns;
        while (high - low > 1)
        {
            int middle = low + (high - low) / 2;
            if (Rows(middle) <= width) low = middle; else high = middle;
        }
        return MachineShapes.Layout(machine, wordBits, low).Columns;
    }

    /// <summary>Least squares d = a + b·N + c·log2 n over the shapes, with the largest residual.</summary>
    static (double A, double B, double C, double MaxResidual) FitRows(IReadOnlyList<Shape> shapes)
    {
        var rows = shapes.Select(s => (X: new[] { 1.0, s.WordBits, Math.Log2(s.Columns) }, Y: (double)s.Layout.Rows)).ToList();
        var normal = new double[3, 4];
        foreach (var (x, y) in rows)
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++) normal[i, j] += x[i] * x[j];
                normal[i, 3] += x[i] * y;
            }
        var solution = Solve(normal);
        double residual = rows.Max(r => Math.Abs(r.Y - (solution[0] + solution[1] * r.X[1] + solution[2] * r.X[2])));
        return (solution[0], solution[1], solution[2], residual);
    }

    /// <summary>Gauss–Jordan elimination with partial pivoting on an augmented 3×4 system.</summary>
    static double[] Solve(double[,] m)
    {
        int size = m.GetLength(0);
        for (int col = 0; col < size; col++)
        {
            int pivot = Enumerable.Range(col, size - col).MaxBy(r => Math.Abs(m[r, col]));
            for (int j = 0; j <= size; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            for (int r = 0; r < size; r++)
            {
                if (r == col || m[col, col] == 0) continue;
                double factor = m[r, col] / m[col, col];
                for (int j = 0; j <= size; j++) m[r, j] -= factor * m[col, j];
            }
        }
        return Enumerable.Range(0, size).Select(i => m[i, size] / m[i, i]).ToArray();
    }
}
