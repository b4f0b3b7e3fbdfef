using System.CommandLine;
using LoopedComputer.Compiler.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>`looped run` and `looped verify`: the program on the looped transformer.</summary>
static class TransformerCommands
{
    sealed record Common(Argument<FileInfo> File, Option<string[]> Set, Option<string> Machine, Option<string> Dtype,
        Option<string> Mixer, Option<double?> Lambda, Option<string> Device, Option<long> MaxSteps, Option<string?> Isa)
    {
        public static Common Create() => new(Options.ProgramFile(), Options.Set(), Options.Machine(), Options.Dtype(),
            Options.Mixer(), Options.Lambda(), Options.Device(), Options.MaxSteps(), Options.Isa());

        public void AddTo(Command command)
        {
            command.Arguments.Add(File);
            foreach (var option in new Option[] { Set, Machine, Dtype, Mixer, Lambda, Device, MaxSteps, Isa }) command.Options.Add(option);
        }

        /// <summary>Assembles, compiles the machine and loads the program on the device.</summary>
        public (Program Program, long[] Memory, MachineSession Session) Load(ParseResult parse)
        {
            var mixer = Options.ParseMixer(parse.GetValue(Mixer)!);
            var program = Loader.Load(parse.GetValue(File)!, isa: parse.GetValue(Isa));
            var memory = Loader.Memory(program, parse.GetValue(Set));
            CompiledMachine machine;
            TorchSharp.torch.Device device;
            try
            {
                var format = NumberFormats.Parse(parse.GetValue(Dtype)!);
                machine = MachineCatalog.Compile(program, parse.GetValue(Machine)!, format, parse.GetValue(Lambda), mixer);
                device = TorchBackend.ResolveDevice(parse.GetValue(Device)!);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new CliException(e.Message);
            }
            Console.WriteLine(machine.Describe() + $", {device.type.ToString().ToLowerInvariant()}");
            return (program, memory, new MachineSession(program, machine, device));
        }
    }

    /// <summary>A command that loads the program on the transformer, then runs <paramref name="body"/> with the step limit.</summary>
    static Command Define(string name, string description, Func<Program, long[], MachineSession, long, int> body)
    {
        var common = Common.Create();
        var command = new Command(name, description);
        common.AddTo(command);
        command.SetAction(parse => Cli.Run(() =>
        {
            var (program, memory, session) = common.Load(parse);
            using (session) return body(program, memory, session, parse.GetValue(common.MaxSteps));
        }));
        return command;
    }

    public static Command Run() => Define("run", "Run a program on the looped transformer: outputs, loop count and time",
        (program, memory, session, maxSteps) =>
        {
            var result = session.Run(memory, maxSteps);
            foreach (var output in program.Outputs) Console.WriteLine(Loader.Format(program.Read(result.Memory, output)));
            if (result.Status == RunStatus.StepLimit)
                throw new CliException($"{program.Name} did not halt within {result.Loops:N0} loops (PC {result.Pc}); raise --max-steps if it needs longer", ExitCodes.StepLimit);
            Console.WriteLine($"halted after {result.Loops:N0} loops in {result.Elapsed.TotalSeconds:F3} s ({result.LoopsPerSecond:N0} loops/s)");
            return ExitCodes.Success;
        });

    public static Command Verify() => Define("verify", "Run the transformer and the interpreter in lockstep, comparing PC and every cell after every loop",
        (program, memory, session, maxSteps) =>
        {
            var result = Lockstep.Verify(session, memory, maxSteps);
            if (result.Divergence is { } divergence)
            {
                Console.WriteLine(Describe(program, divergence));
                return ExitCodes.Diverged;
            }
            if (result.Status == RunStatus.StepLimit)
                throw new CliException($"no divergence in {result.Steps:N0} steps, but {program.Name} did not halt; raise --max-steps", ExitCodes.StepLimit);
            Console.WriteLine($"verified: PC and all {program.MemorySize} cells equal the interpreter's after each of {result.Steps:N0} loops, and the halt is a fixed point");
            return ExitCodes.Success;
        });

    static string Describe(Program program, Divergence d)
    {
        var lines = new List<string>();
        string source = d.Source is { } s ? $" (line {s.Location.Line}: {s.Statement})" : "";
        lines.Add($"DIVERGED at step {d.Step}: pc {d.Pc} `{d.Instruction}`{source}");
        if (d.ExpectedPc != d.ActualPc) lines.Add($"  pc: expected {d.ExpectedPc}, got {d.ActualPc}");
        foreach (var cell in d.Cells) lines.Add($"  {program.CellName(cell.Cell)} (cell {cell.Cell}): expected {cell.Expected}, got {cell.Actual}");
        lines.Add(d.FirstUncleanLayer is { } layer ? $"  first non-clean value: {layer}" : "  every layer's output was clean (within ε of -1, 0, 1)");
        return string.Join("\n", lines);
    }
}
