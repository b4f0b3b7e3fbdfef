using System.CommandLine;
using LoopedComputer.Assembly.Calc;
using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>`looped calc "EXPR"`: an arithmetic expression compiled into a program and run on the looped transformer.</summary>
static class CalcCommand
{
    public static Command Create()
    {
        var expression = new Argument<string>("expression") { Description = "integers with + - * / mod (or % × ÷), parentheses, unary minus and sqrt(...), whose result is fixed point" };
        // The widths of the machine that runs it: the widest exact in float32 by default, in float64 at most.
        int defaultBits = MachineCatalog.Default.MaxWordBits(NumberFormat.Float32), maxBits = MachineCatalog.Default.MaxWordBits(NumberFormat.Float64);
        var bits = new Option<int>("--bits") { Description = $"word width N ({CalcCompiler.MinBits}..{maxBits}); values and every intermediate result must fit", DefaultValueFactory = _ => defaultBits };
        var frac = new Option<int?>("--frac")
        {
            Description = $"fraction bits F of sqrt's fixed-point result, ⌊√a · 2^F⌋ / 2^F (0..N-4; default {CalcCompiler.DefaultFractionBits}, or N-4 on narrower words); "
                + "an integer meeting a fixed-point value is shifted left F bits; 0 keeps everything an integer",
        };
        var dtype = Options.Dtype();
        var mixer = Options.Mixer();
        mixer.DefaultValueFactory = _ => "linear";
        mixer.Description = "linear (exact, O(n), the default here) or softmax";
        var device = Options.Device();
        var engine = Options.Engine();
        var threads = Options.Threads();
        var verify = new Option<bool>("--verify") { Description = "run in lockstep with the interpreter, comparing every loop" };
        var interp = new Option<bool>("--interp") { Description = "run on the reference interpreter only (fast)" };
        var show = new Option<bool>("--show-program") { Description = "print the generated .lasm program" };
        var maxSteps = Options.MaxSteps();
        var command = new Command("calc", "Compile an arithmetic expression into a program, run it on the looped transformer, print the result and the loop count")
        {
            expression, bits, frac, dtype, mixer, device, engine, threads, verify, interp, show, maxSteps,
        };
        command.SetAction(parse => Cli.Run(() =>
        {
            string text = parse.GetValue(expression)!;
            int n = parse.GetValue(bits);
            if (n < CalcCompiler.MinBits || n > maxBits)
                throw new CliException($"--bits must be {CalcCompiler.MinBits}..{maxBits} for the calculator; got {n}", ExitCodes.UsageError);
            int fractionBits = parse.GetValue(frac) ?? CalcCompiler.DefaultFractionBitsFor(n);
            if (fractionBits < 0 || fractionBits > CalcCompiler.MaxFractionBits(n))
                throw new CliException($"--frac must be 0..{CalcCompiler.MaxFractionBits(n)} on {n}-bit words (sqrt(1) = 2^F must stay below 2^(N-3)); got {fractionBits}", ExitCodes.UsageError);
            var format = Options.ParseDtype(parse.GetValue(dtype)!);
            CalcProgram calc;
            try
            {
                calc = CalcCompiler.Compile(text, n, maxBits, Path.Combine(AppContext.BaseDirectory, "programs", "lib"), fractionBits,
                    unit => MachineCatalog.UnitRefusal(MachineCatalog.Default, unit, format));
            }
            catch (CalcException e)
            {
                throw new CliException(e.Format(text));
            }
            var program = calc.Program;
            if (parse.GetValue(show)) Console.Write(calc.Source);
            foreach (var note in calc.Notes) Console.Error.WriteLine($"note: {note}");
            long limit = parse.GetValue(maxSteps);
            if (parse.GetValue(interp))
            {
                var run = Interpreter.Run(program, null, limit);
                if (run.Status != RunStatus.Halted) throw new CliException($"the program did not halt within {limit:N0} steps; raise --max-steps", ExitCodes.StepLimit);
                return Report(calc, program.Read(run.Memory, "result").Values[0], $"{run.Steps:N0} steps on the interpreter");
            }
            var machine = MachineRunner.Compile(program, MachineCatalog.Default, format, mixer: Options.ParseMixer(parse.GetValue(mixer)!));
            using var session = MachineRunner.Open(program, machine, MachineRunner.Device(parse.GetValue(device)!), parse.GetValue(engine)!, parse.GetValue(threads)!, describeTo: null);
            string how;
            long[] memory;
            if (parse.GetValue(verify))
            {
                var result = MachineRunner.Verify(session, program.InitialMemory, limit);
                if (result.Divergence is not null) return ExitCodes.Diverged;
                if (result.Status != RunStatus.Halted) throw new CliException($"the program did not halt within {limit:N0} loops; raise --max-steps", ExitCodes.StepLimit);
                memory = session.Read().Memory.ToArray();
                how = $"{result.Steps:N0} loops on the transformer, each verified against the interpreter";
            }
            else
            {
                var transformer = session.Run(program.InitialMemory, limit);
                if (transformer.Status != RunStatus.Halted) throw new CliException($"the program did not halt within {limit:N0} loops; raise --max-steps", ExitCodes.StepLimit);
                memory = transformer.Memory;
                how = $"{transformer.Loops:N0} loops on the transformer";
            }
            how += $" ({program.Word.Bits}-bit words, {machine.Format.Name()})";
            return Report(calc, program.Read(memory, "result").Values[0], how);
        }));
        return command;
    }

    /// <summary>Prints the result; one that differs from the exact value is a failure, never a silent answer.</summary>
    static int Report(CalcProgram calc, long result, string how)
    {
        if (result != calc.Value.Raw)
            throw new CliException($"the program computed {result}, but the exact value is {calc.Value.Raw} ({how})", ExitCodes.Diverged);
        Console.WriteLine(calc.Value.Describe());
        Console.WriteLine($"({how})");
        return ExitCodes.Success;
    }
}
