using LoopedComputer.Assembly;
using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Studies.Measurement;
using LoopedComputer.Studies.Pictures;

namespace LoopedComputer.Studies;

/// <summary>
/// The same computation as a subroutine of FLEQ instructions and as a function unit
/// (docs/function-units.md), for several functions and word widths: loops to halt, the machine's d,
/// parameters and non-zeros, and time per loop. Both variants must give the same result. Time per
/// loop comes from an endless copy of each program (its halt replaced by a jump to the start), so
/// that it measures the machine, not a run's set-up.
/// </summary>
static class UnitsStudy
{
    const long MaxSteps = 1_000_000;

    /// <summary>A function: its unit definition and a subroutine computing the same into r from x, for N-bit words.</summary>
    sealed record Function(string Name, string Input, Func<int, long> InputFor, Func<int, string> Unit, Func<int, string> Subroutine);

    static readonly Function[] Functions =
    [
        new("isqrt", "x = 2^(N-1) - 1, the largest word", bits => (1L << (bits - 1)) - 1,
            _ => "isqrt(x) = x < 0 ? 0 : sqrt(x, 0) * sqrt(x, 0) > x ? sqrt(x, 0) - 1 : sqrt(x, 0)",
            _ => """
                        clr r
                        mov rest, x
                        mov odd, #1
                loop:   sub rest, rest, odd
                        jlt rest, done
                        inc r
                        add odd, odd, #2
                        jmp loop
                """),
        new("popcount", "x = -1, every bit set", _ => -1,
            bits => "popcount(x) = " + string.Join(" + ", Enumerable.Range(0, bits).Select(e => $"(x >> {e} & 1)")),
            bits => $"""
                        clr r
                        mov rest, x
                        mov odd, #{bits}
                loop:   and t, rest, #1
                        add r, t
                        shr rest, rest, #1
                        dec odd
                        jgt odd, loop
                        jmp done
                """),
    ];

    /// <summary>
    /// One function at one width as one variant: its program, loops to halt on the interpreter, its
    /// result, and the size of the machine it compiles to (by its counts: the weights are not kept).
    /// </summary>
    public sealed record Count(string Function, int Bits, string Variant, Program Program, long Loops, long Result,
        string Machine, NumberFormat Format, int Columns, int Rows, long Parameters, long NonZeros, long Hidden, string Form);

    sealed record Point(Count Count, double SecondsPerLoop);

    /// <summary>The word widths the study measures: one in quick mode.</summary>
    public static int[] Widths(bool quick) => quick ? [8] : [8, 10, 12];

    static Program Assemble(string source)
    {
        var result = Assembler.Assemble(source, "units-study.lasm");
        return result.Program ?? throw new InvalidOperationException($"the units study's program does not assemble:\n{result.FormatDiagnostics()}");
    }

    static string Source(Function f, int bits, bool unit, bool endless)
    {
        string body = unit ? $"        {f.Name} r, x\n" : f.Subroutine(bits);
        return $"""
            .bits {bits}
            {(unit ? $".func {f.Unit(bits)}" : "")}
            x:      .word {f.InputFor(bits)}
            r:      .word 0
            rest:   .word 0
            odd:    .word 0
            t:      .word 0
            start:
            {body}
            done:   {(endless ? "jmp start" : "halt")}
            """;
    }

    /// <summary>
    /// Every function at every width as a subroutine and as a unit, counted on the interpreter and
    /// compiled for the default machine; stops if a variant does not halt or the two disagree.
    /// </summary>
    public static IReadOnlyList<Count> Counts(StudyContext context, int[] widths)
    {
        var counts = new List<Count>();
        foreach (var f in Functions)
            foreach (int bits in widths)
            {
                foreach (bool unit in new[] { false, true })
                {
                    var program = Assemble(Source(f, bits, unit, endless: false));
                    var run = Interpreter.Run(program, null, MaxSteps);
                    if (run.Status != RunStatus.Halted) throw new InvalidOperationException($"{f.Name} ({bits} bits) did not halt on the interpreter");
                    var machine = MachineCatalog.Compile(program, MachineCatalog.Default, null);
                    var cost = machine.Definition.UnitCosts(program).SingleOrDefault();
                    counts.Add(new Count(f.Name, bits, unit ? "unit" : "subroutine", program, run.Steps, program.Read(run.Memory, "r").Values[0],
                        machine.Definition.Name, machine.Format, machine.Layout.Columns, machine.Layout.Rows, machine.Weights.ParameterCount, machine.Weights.NonZeroCount,
                        machine.Weights.Layers.Sum(l => (long)l.FeedForward.Hidden), cost?.Form ?? ""));
                }
                if (counts[^1].Result != counts[^2].Result)
                    throw new InvalidOperationException($"{f.Name} ({bits} bits): the unit gives {counts[^1].Result}, the subroutine {counts[^2].Result}");
                context.Report($"units: {f.Name} at N = {bits} counted");
            }
        return counts;
    }

    public static void Run(StudyContext context)
    {
        var points = new List<Point>();
        foreach (var count in Counts(context, Widths(context.Quick)))
        {
            var endless = Assemble(Source(Functions.Single(f => f.Name == count.Function), count.Bits, count.Variant == "unit", endless: true));
            var timing = Benchmark.Measure(new BenchCase(endless, endless.InitialMemory.ToArray(), $"{count.Function} N={count.Bits}", 200, Adaptive: true),
                MachineCatalog.Compile(endless, MachineCatalog.Default, count.Format), context.Device, context.Engine, profile: false, batch: 1);
            points.Add(new Point(count, timing.SecondsPerLoop));
            context.Report($"units: {count.Function} at N = {count.Bits} as a {count.Variant} timed");
        }

        context.Files.WriteCsv("units.csv",
            ["function", "word_bits", "input", "variant", "loops", "result", "rows_d", "parameters", "non_zero", "hidden_units", "unit_form", "seconds_per_loop"],
            points.Select(p => (IReadOnlyList<string>)
            [
                p.Count.Function, p.Count.Bits.ToString(), Functions.Single(f => f.Name == p.Count.Function).Input, p.Count.Variant, StudyFiles.Number(p.Count.Loops), StudyFiles.Number(p.Count.Result),
                p.Count.Rows.ToString(), StudyFiles.Number(p.Count.Parameters), StudyFiles.Number(p.Count.NonZeros), StudyFiles.Number(p.Count.Hidden), p.Count.Form, StudyFiles.Number(p.SecondsPerLoop),
            ]));
        foreach (var p in points)
            context.Print($"{p.Count.Function,-9} N={p.Count.Bits,-3} {p.Count.Variant,-11} {p.Count.Loops,6} loops  d = {p.Count.Rows,4}  {p.Count.Parameters,12:N0} parameters ({p.Count.NonZeros:N0} non-zero)  " +
                          $"{p.SecondsPerLoop * 1000:F2} ms/loop  {p.Count.Loops * p.SecondsPerLoop * 1000:F1} ms to halt");

        Series Line(string function, string variant, Func<Point, double> y) =>
            new($"{function} ({variant})", points.Where(p => p.Count.Function == function && p.Count.Variant == variant).Select(p => (double)p.Count.Bits).ToList(),
                points.Where(p => p.Count.Function == function && p.Count.Variant == variant).Select(y).ToList(), Dashed: variant == "unit");
        IEnumerable<Series> All(Func<Point, double> y) => Functions.SelectMany(f => new[] { Line(f.Name, "subroutine", y), Line(f.Name, "unit", y) });
        Charts.SaveGrid(context.Files, "units.png",
        [
            plot => Charts.Lines(plot, "loops to halt", "word bits N", "loops", All(p => p.Count.Loops), logX: false, logY: true),
            plot => Charts.Lines(plot, "machine parameters", "word bits N", "parameters", All(p => p.Count.Parameters), logX: false, logY: true),
            plot => Charts.Lines(plot, "time to halt", "word bits N", "ms (loops × time per loop)", All(p => p.Count.Loops * p.SecondsPerLoop * 1000), logX: false, logY: true),
        ], columns: 3);
    }
}
