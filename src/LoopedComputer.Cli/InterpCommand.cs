using System.CommandLine;
using System.Diagnostics;
using LoopedComputer.Assembly;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

static class InterpCommand
{
    public static Command Create()
    {
        var file = Options.ProgramFile();
        var set = Options.Set();
        var trace = new Option<bool>("--trace", "-t") { Description = "print every step: PC, instruction, source line, cell written" };
        var maxSteps = Options.MaxSteps();
        var bits = Options.Bits();
        var isa = Options.Isa();
        var classic = ClassicRun.Options.Create();
        var command = new Command("interp", "Run a program on the reference interpreter and print its outputs and step count")
        {
            file, set, trace, maxSteps, bits, isa,
        };
        classic.AddTo(command);
        command.SetAction(parse => Cli.Run(() =>
        {
            if (classic.Given(parse))
            {
                bool onEmulator = classic.OnEmulator(parse);
                var notForImages = onEmulator ? Options.FirstGiven(parse, set, trace, bits, isa) : Options.FirstGiven(parse, set, trace, isa);
                if (notForImages is { } ignored)
                    throw new CliException($"{ignored.Name} does not apply to --classic{(onEmulator ? " --emulator" : "")} (the image is the input{(onEmulator ? ", and the emulator fixes its words and instructions" : "")}); leave it out", ExitCodes.UsageError);
                var image = parse.GetValue(file)!;
                return onEmulator
                    ? RunOnEmulator(image, parse.GetValue(classic.Memory), parse.GetValue(maxSteps))
                    : RunClassic(image, parse.GetValue(classic.Memory), parse.GetValue(bits), parse.GetValue(classic.Saturate), parse.GetValue(maxSteps));
            }
            var program = Loader.Load(parse.GetValue(file)!, parse.GetValue(bits), parse.GetValue(isa));
            var memory = Loader.Memory(program, parse.GetValue(set));
            Action<TraceStep>? printer = parse.GetValue(trace) ? step => Console.WriteLine(FormatStep(program, step)) : null;
            var clock = Stopwatch.StartNew();
            var result = Interpreter.Run(program, memory, parse.GetValue(maxSteps), printer);
            clock.Stop();
            foreach (var output in program.Outputs) Console.WriteLine(Loader.Format(program.Read(result.Memory, output)));
            if (result.Status == RunStatus.StepLimit)
                throw new CliException(
                    $"{program.Name} did not halt within {result.Steps:N0} steps (PC {result.Pc}); raise --max-steps if it needs longer",
                    ExitCodes.StepLimit);
            Console.WriteLine($"halted after {result.Steps:N0} steps in {clock.Elapsed.TotalMilliseconds:F1} ms");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The image on the classic reference interpreter (<see cref="ClassicSubleq"/>), the semantics the classic machine is checked against.</summary>
    static int RunClassic(FileInfo imageFile, int? words, int? bits, bool saturate, long maxSteps)
    {
        var (program, image) = ClassicRun.LoadNative(imageFile, words, bits, saturate, Console.Out);
        var clock = Stopwatch.StartNew();
        var result = ReferenceRun.Run(program, null, maxSteps);
        clock.Stop();
        if (result.Status == RunStatus.StepLimit)
            throw new CliException($"the image did not halt within {result.Steps:N0} instructions; raise --max-steps if it needs longer", ExitCodes.StepLimit);
        return ClassicRun.ReportNative(program, image, result.Memory, result.Pc, result.Steps, $"on the classic interpreter in {clock.Elapsed.TotalMilliseconds:F1} ms", "the interpreter");
    }

    static int RunOnEmulator(FileInfo imageFile, int? words, long maxSteps)
    {
        var (emulator, image, memory) = ClassicRun.Load(imageFile, words);
        var result = Interpreter.Run(emulator, memory, maxSteps);
        if (result.Status == RunStatus.StepLimit)
            throw new CliException($"the image did not halt within {result.Steps:N0} emulator steps; raise --max-steps if it needs longer", ExitCodes.StepLimit);
        return ClassicRun.Report(emulator, image, result.Memory, $"{result.Steps:N0} emulator steps on the interpreter");
    }

    public static string FormatStep(Program program, TraceStep step)
    {
        string write = step.Write is { } w ? $"{program.CellName(w.Address)}: {w.Old} -> {w.New}" : "(no write)";
        string source = program.SourceMap[step.Pc] is { } entry ? $"line {entry.Location.Line}: {entry.Statement}" : "";
        return $"{step.Step,8}  pc {step.Pc,4} -> {step.NextPc,-4}  {Listing.Symbolic(program, step.Instruction, step.Pc),-36} {write,-24} {source}";
    }
}
