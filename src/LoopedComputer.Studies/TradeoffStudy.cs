using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Isa;
using LoopedComputer.Studies.Families;
using LoopedComputer.Studies.Measurement;
using LoopedComputer.Studies.Pictures;
using LoopedComputer.Studies.Statistics;

namespace LoopedComputer.Studies;

/// <summary>
/// Study 5: loops against capacity. The same computation on less machine: a 2W-bit product on
/// N-bit words (limb arithmetic, loops growing as the words narrow), and a product on a smaller
/// function menu (FLEQ's mul, shift-and-add without it, repeated addition on SUBLEQ), and a
/// function as a subroutine against the same function as a unit (the counts of <see cref="UnitsStudy"/>).
/// Each row gives the machine the program needs (rows d, parameters) beside the loops it takes.
/// </summary>
public static class TradeoffStudy
{
    public const string UnitTask = "function as subroutine or unit";

    const int ProductOperandBits = 20;
    const long ProductA = 0xFEDCB, ProductB = 0xBA987; // two 20-bit operands
    const long MaxSteps = 50_000_000;

    /// <summary>The machine a program needs, by its counts only (a wide machine's weights run to hundreds of MB).</summary>
    public sealed record MachineSize(int Columns, int Rows, long Parameters);

    /// <summary>One row of the study: a program, the machine it needs and the loops it takes (on the transformer too where sampled).</summary>
    public sealed record Point(string Task, string Variant, string Machine, int OperandBits, Program Program, MachineSize Compiled, long Loops, string RanOn, long? TransformerLoops);

    public static IReadOnlyList<string> Header { get; } =
        ["task", "variant", "machine", "word_bits", "operand_bits", "columns", "rows_d", "parameters", "instructions", "loops", "ran_on", "transformer_loops"];

    public static IReadOnlyList<string> Row(Point p) =>
    [
        p.Task, p.Variant, p.Machine, p.Program.Word.Bits.ToString(), p.OperandBits.ToString(), p.Compiled.Columns.ToString(),
        p.Compiled.Rows.ToString(), p.Compiled.Parameters.ToString(), p.Program.Instructions.Count.ToString(),
        p.Loops.ToString(), p.RanOn, p.TransformerLoops?.ToString() ?? "",
    ];

    /// <summary>The function-unit trade: each function of <see cref="UnitsStudy"/> at its widths, as a subroutine and as a unit (interpreter counts).</summary>
    public static IReadOnlyList<Point> UnitTrade(StudyContext context) =>
        UnitsStudy.Counts(context, UnitsStudy.Widths(context.Quick)).Select(c =>
            new Point(UnitTask, $"{c.Function} as a {c.Variant}", c.Machine, c.Bits, c.Program, new MachineSize(c.Columns, c.Rows, c.Parameters), c.Loops, "interpreter", null)).ToList();

    public static void Run(StudyContext context)
    {
        int[] wordBits = context.Quick ? [13, 41] : [5, 7, 9, 11, 13, 17, 21, 25];
        int[] operandBits = context.Quick ? [2, 3] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var multiply = ProgramFamilies.All.Single(f => f.Name == "multiply");
        const string narrow = "20×20-bit product on N-bit words";
        const string menu = "W-bit product by function menu";
        var series = new List<(string Task, string Variant, string Machine, int[] Sizes, Func<int, SizedProgram> Make)>
        {
            (narrow, "FLEQ, limbs of ⌊(N−1)/2⌋ bits", FleqMachine.Name, wordBits, n => TradeoffPrograms.LimbProduct(n, ProductOperandBits, ProductA, ProductB)),
            (menu, "FLEQ with mul", FleqMachine.Name, operandBits, multiply.Fleq),
            (menu, "FLEQ without mul (shift-and-add)", FleqMachine.Name, operandBits, TradeoffPrograms.ShiftAddMultiply),
            (menu, "SUBLEQ only (repeated addition)", PaperSubleqMachine.Name, operandBits, multiply.Subleq),
        };
        var points = new List<Point>();
        foreach (var (task, variant, machine, sizes, make) in series)
        {
            var members = sizes.Select(s => (Size: s, Sized: make(s))).ToList();
            int sampled = members.MinBy(m => (m.Sized.Program.Word.Bits, m.Sized.Program.Instructions.Count)).Size; // the narrowest machine: cheapest to run
            foreach (var (size, sized) in members)
            {
                var run = Interpreter.Run(sized.Program, sized.Memory.ToArray(), MaxSteps);
                if (run.Status != RunStatus.Halted || !sized.Holds(run.Memory))
                    throw new InvalidOperationException($"{sized.Program.Name} did not compute its expected result on the interpreter");
                var built = MachineCatalog.Compile(sized.Program, machine, NumberFormat.Float64);
                var compiled = new MachineSize(built.Layout.Columns, built.Layout.Rows, built.Weights.ParameterCount);
                // The member on the narrowest words runs on the transformer too (in quick mode only in the first series, to stay fast).
                var (transformerLoops, ranOn) = size == sampled && (!context.Quick || points.Count == 0) ? TransformerSample.Run(sized, machine, context.Device, context.Engine, MaxSteps) : (null, "interpreter");
                points.Add(new Point(task, variant, machine, task == narrow ? ProductOperandBits : size, sized.Program, compiled, run.Steps, ranOn, transformerLoops));
            }
            context.Report($"tradeoff: {variant} done");
        }
        var unitTrade = UnitTrade(context);
        points.AddRange(unitTrade);

        context.Files.WriteCsv("tradeoff.csv", Header, points.Select(Row));

        var limbs = points.Where(p => p.Task == narrow).ToList();
        var fit = Growth.Fit(limbs.Select(p => ((double)p.Program.Word.Bits, (double)p.Loops)).ToList());
        var narrowest = limbs.MinBy(p => p.Program.Word.Bits)!;
        var widest = limbs.MaxBy(p => p.Program.Word.Bits)!;
        context.Print($"{narrow}: loops {fit.Describe("N")} (R² {fit.RSquared:F3}), {narrowest.Loops} at N = {narrowest.Program.Word.Bits}, {widest.Loops} at N = {widest.Program.Word.Bits}");
        foreach (var group in points.Where(p => p.Task == menu).GroupBy(p => p.Variant))
        {
            var g = Growth.Fit(group.Select(p => ((double)p.OperandBits, (double)p.Loops)).ToList());
            context.Print($"{menu}, {group.Key}: loops {g.Describe("W")} (R² {g.RSquared:F3})");
        }
        foreach (var p in unitTrade)
            context.Print($"{UnitTask}, {p.Variant} at N = {p.Program.Word.Bits}: {p.Loops} loops on {p.Compiled.Parameters:N0} parameters (d = {p.Compiled.Rows})");

        int compared = operandBits.Max() >= 8 ? 8 : operandBits.Max();
        var menuSeries = points.Where(p => p.Task == menu).GroupBy(p => p.Variant).Select(g => g.ToList()).ToList();
        var panels = new List<Action<ScottPlot.Plot>>
        {
            plot => Charts.Lines(plot, narrow, "word bits N", "loops to halt",
                [new Series("FLEQ machine, limb arithmetic", limbs.Select(p => (double)p.Program.Word.Bits).ToList(), limbs.Select(p => (double)p.Loops).ToList())],
                logX: false, logY: true),
            plot => Charts.Lines(plot, "x·y, x = y = 2^W − 1, on max(2W + 2, 16)-bit words", "operand bits W", "loops to halt",
                menuSeries.Select(s => new Series(s[0].Variant, s.Select(p => (double)p.OperandBits).ToList(), s.Select(p => (double)p.Loops).ToList())),
                logX: false, logY: true),
            plot => Charts.Lines(plot, $"loops against machine parameters", "parameters of the machine the program needs", "loops to halt",
                new[] { new Series($"20×20-bit product, N = {limbs.Min(p => p.Program.Word.Bits)} … {limbs.Max(p => p.Program.Word.Bits)}", limbs.Select(p => (double)p.Compiled.Parameters).ToList(), limbs.Select(p => (double)p.Loops).ToList()) }
                    .Concat(menuSeries.Select(s => s.Single(p => p.OperandBits == compared)).Select(p =>
                        new Series($"{compared}-bit product: {p.Variant}", [(double)p.Compiled.Parameters], [(double)p.Loops]))),
                logX: true, logY: true),
            plot => Charts.Lines(plot, $"{UnitTask}, N = {string.Join(", ", unitTrade.Select(p => p.Program.Word.Bits).Distinct())}", "parameters of the machine the program needs", "loops to halt",
                unitTrade.GroupBy(p => p.Variant).Select(g => new Series(g.Key, g.Select(p => (double)p.Compiled.Parameters).ToList(), g.Select(p => (double)p.Loops).ToList(),
                    Dashed: g.Key.EndsWith("unit", StringComparison.Ordinal))),
                logX: false, logY: true),
        };
        Charts.SaveGrid(context.Files, "tradeoff.png", panels, columns: 2);
    }
}
