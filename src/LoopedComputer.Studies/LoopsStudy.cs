using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Isa;
using LoopedComputer.Studies.Families;
using LoopedComputer.Studies.Measurement;
using LoopedComputer.Studies.Pictures;
using LoopedComputer.Studies.Statistics;

namespace LoopedComputer.Studies;

/// <summary>
/// Study 1: loops to halt against problem size for each program family, SUBLEQ on the paper's
/// machine and the FLEQ idiom on the FLEQ machine. Counts are interpreter steps (one loop per
/// step); the smallest member of each series also runs on the transformer in lockstep.
/// </summary>
static class LoopsStudy
{
    const long MaxSteps = 50_000_000;

    sealed record Point(ProgramFamily Family, int Size, string Variant, string Machine, SizedProgram Sized, long Loops, string RanOn, long? TransformerLoops)
    {
        public int Instructions => Sized.Program.Instructions.Count;
    }

    public static void Run(StudyContext context)
    {
        var points = new List<Point>();
        foreach (var family in ProgramFamilies.All)
            foreach (var (variant, machine, generate) in new[]
                     {
                         ("subleq", PaperSubleqMachine.Name, family.Subleq),
                         ("fleq", FleqMachine.Name, family.Fleq),
                     })
            {
                var sizes = context.Quick ? family.QuickSizes : family.FullSizes;
                foreach (int size in sizes)
                {
                    var sized = generate(size);
                    var run = Interpreter.Run(sized.Program, sized.Memory.ToArray(), MaxSteps);
                    if (run.Status != RunStatus.Halted || !sized.Holds(run.Memory))
                        throw new InvalidOperationException($"{sized.Program.Name} did not compute its expected result on the interpreter");
                    // The smallest member of every series runs on the transformer too (in quick mode only the first series', to stay fast).
                    var (transformerLoops, ranOn) = size == sizes[0] && (!context.Quick || points.Count == 0)
                        ? TransformerSample.Run(sized, machine, context.Device, context.Engine, MaxSteps)
                        : (null, "interpreter");
                    points.Add(new Point(family, size, variant, machine, sized, run.Steps, ranOn, transformerLoops));
                }
                context.Report($"loops: {family.Name} ({variant}) done");
            }

        context.Files.WriteCsv("loops.csv",
            ["family", "size_parameter", "size", "variant", "machine", "word_bits", "memory_cells", "instructions", "columns", "loops", "ran_on", "transformer_loops"],
            points.Select(p => (IReadOnlyList<string>)
            [
                p.Family.Name, p.Family.Size, p.Size.ToString(), p.Variant, p.Machine, p.Sized.Program.Word.Bits.ToString(),
                p.Sized.Program.MemorySize.ToString(), p.Instructions.ToString(), (1 + p.Sized.Program.MemorySize + p.Instructions).ToString(),
                p.Loops.ToString(), p.RanOn, p.TransformerLoops?.ToString() ?? "",
            ]));

        var fits = new List<(Point First, string Quantity, GrowthFit Fit)>();
        foreach (var series in points.GroupBy(p => (p.Family.Name, p.Variant)))
        {
            // The larger half of the sizes: the growth law, not the constant set-up of the smallest members.
            var all = series.OrderBy(p => p.Size).ToList();
            var list = all.Skip(all.Count / 2).ToList();
            if (list.Select(p => p.Size).Distinct().Count() < 2) continue;
            fits.Add((list[0], "loops", Growth.Fit(list.Select(p => ((double)p.Size, (double)p.Loops)).ToList())));
            fits.Add((list[0], "instructions", Growth.Fit(list.Select(p => ((double)p.Size, (double)p.Instructions)).ToList())));
        }
        context.Files.WriteCsv("loops-fits.csv", ["family", "variant", "quantity", "law", "parameter", "r_squared", "growth"],
            fits.Select(f => (IReadOnlyList<string>)
            [
                f.First.Family.Name, f.First.Variant, f.Quantity, f.Fit.Law, StudyFiles.Number(f.Fit.Parameter), StudyFiles.Number(f.Fit.RSquared), f.Fit.Describe(),
            ]));
        foreach (var (first, quantity, fit) in fits)
            context.Print($"{first.Family.Name,-10} {first.Variant,-7} {quantity,-13} {fit.Describe(),-14} (R² {fit.RSquared:F3})");

        var panels = ProgramFamilies.All.Select(family => (Action<ScottPlot.Plot>)(plot =>
        {
            var series = new List<Series>();
            foreach (var variant in new[] { "subleq", "fleq" })
            {
                var mine = points.Where(p => p.Family == family && p.Variant == variant).ToList();
                string name = variant == "subleq" ? "SUBLEQ (paper machine)" : "FLEQ machine";
                series.Add(new Series($"{name}: loops", mine.Select(p => (double)p.Size).ToList(), mine.Select(p => (double)p.Loops).ToList()));
                series.Add(new Series($"{name}: instructions", mine.Select(p => (double)p.Size).ToList(), mine.Select(p => (double)p.Instructions).ToList(), Dashed: true));
            }
            Charts.Lines(plot, $"{family.Name}: loops to halt", family.Size, "loops (solid) / instructions (dashed)", series, logX: !family.SizeIsBits, logY: true);
        })).ToList();
        Charts.SaveGrid(context.Files, "loops.png", panels, columns: 3);
    }
}
