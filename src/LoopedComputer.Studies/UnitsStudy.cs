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

    sealed record Point(string Function, int Bits, string Variant, long Loops, long Result, int Rows, long Parameters, long NonZeros, long Hidden, string Form, double SecondsPerLoop);

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

    public static void Run(StudyContext context)
    {
        int[] widths = context.Quick ? [8] : [8, 10, 12];
        var points = new List<Point>();
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
                    var endless = Assemble(Source(f, bits, unit, endless: true));
                    var timing = Benchmark.Measure(new BenchCase(endless, endless.InitialMemory.ToArray(), $"{f.Name} N={bits}", 200, Adaptive: true),
                        MachineCatalog.Compile(endless, MachineCatalog.Default, machine.Format), context.Device, context.Engine, profile: false, batch: 1);
                    points.Add(new Point(f.Name, bits, unit ? "unit" : "subroutine", run.Steps, program.Read(run.Memory, "r").Values[0], machine.Layout.Rows,
                        machine.Weights.ParameterCount, machine.Weights.NonZeroCount, machine.Weights.Layers.Sum(l => (long)l.FeedForward.Hidden), cost?.Form ?? "", timing.SecondsPerLoop));
                }
                if (points[^1].Result != points[^2].Result)
                    throw new InvalidOperationException($"{f.Name} ({bits} bits): the unit gives {points[^1].Result}, the subroutine {points[^2].Result}");
                context.Report($"units: {f.Name} at N = {bits} done");
            }

        context.Files.WriteCsv("units.csv",
            ["function", "word_bits", "input", "variant", "loops", "result", "rows_d", "parameters", "non_zero", "hidden_units", "unit_form", "seconds_per_loop"],
            points.Select(p => (IReadOnlyList<string>)
            [
                p.Function, p.Bits.ToString(), Functions.Single(f => f.Name == p.Function).Input, p.Variant, StudyFiles.Number(p.Loops), StudyFiles.Number(p.Result),
                p.Rows.ToString(), StudyFiles.Number(p.Parameters), StudyFiles.Number(p.NonZeros), StudyFiles.Number(p.Hidden), p.Form, StudyFiles.Number(p.SecondsPerLoop),
            ]));
        foreach (var p in points)
            context.Print($"{p.Function,-9} N={p.Bits,-3} {p.Variant,-11} {p.Loops,6} loops  d = {p.Rows,4}  {p.Parameters,12:N0} parameters ({p.NonZeros:N0} non-zero)  " +
                          $"{p.SecondsPerLoop * 1000:F2} ms/loop  {p.Loops * p.SecondsPerLoop * 1000:F1} ms to halt");

        Series Line(string function, string variant, Func<Point, double> y) =>
            new($"{function} ({variant})", points.Where(p => p.Function == function && p.Variant == variant).Select(p => (double)p.Bits).ToList(),
                points.Where(p => p.Function == function && p.Variant == variant).Select(y).ToList(), Dashed: variant == "unit");
        IEnumerable<Series> All(Func<Point, double> y) => Functions.SelectMany(f => new[] { Line(f.Name, "subroutine", y), Line(f.Name, "unit", y) });
        Charts.SaveGrid(context.Files, "units.png",
        [
            plot => Charts.Lines(plot, "loops to halt", "word bits N", "loops", All(p => p.Loops), logX: false, logY: true),
            plot => Charts.Lines(plot, "machine parameters", "word bits N", "parameters", All(p => p.Parameters), logX: false, logY: true),
            plot => Charts.Lines(plot, "time to halt", "word bits N", "ms (loops × time per loop)", All(p => p.Loops * p.SecondsPerLoop * 1000), logX: false, logY: true),
        ], columns: 3);
    }
}
