using System.CommandLine;
using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>
/// `looped fuzz`: the lockstep property suite as a command. Random programs, each wholly determined
/// by its seed (RandomPrograms.FromSeed), run on the transformer and the interpreter in lockstep,
/// the programs of one shape block as one batch; a failure prints its seed and the command that replays it.
/// </summary>
static class FuzzCommand
{
    public static Command Create()
    {
        var programs = new Option<int>("--programs", "-n") { Description = "how many random programs to verify", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "seed of the first program; program i has seed + i", DefaultValueFactory = _ => 1 };
        var replay = new Option<int?>("--replay") { Description = "verify only the program of this seed, printing it and each divergence in full" };
        var maxSteps = Options.MaxSteps(100);
        maxSteps.Description = "steps compared per program (random programs need not halt)";
        var machine = Options.Machine();
        var mixer = Options.Mixer();
        var dtype = Options.Dtype();
        dtype.Description = "number format: float32 (auto) or float64; random programs use the widest words exact in it (classic images: 16-bit words, as anadim's)";
        var device = Options.Device();
        var engine = Options.Engine();
        var threads = Options.Threads();
        var saturate = new Option<bool>("--saturate")
        {
            Description = "random programs whose arithmetic clamps to the word's range instead of wrapping (classic SUBLEQ images: --machine classic)",
        };
        var command = new Command("fuzz", "Verify random programs on the transformer in lockstep with the interpreter; a failure prints its seed and a replay command")
        {
            programs, seed, replay, maxSteps, machine, mixer, dtype, device, engine, threads, saturate,
        };
        command.SetAction(parse => Cli.Run(() =>
        {
            string machineName = parse.GetValue(machine)!, dtypeName = parse.GetValue(dtype)!, mixerName = parse.GetValue(mixer)!;
            var mixerKind = Options.ParseMixer(mixerName);
            var format = Options.ParseDtype(dtypeName) ?? NumberFormat.Float32;
            var on = MachineRunner.Device(parse.GetValue(device)!);
            var definition = MachineCatalog.Find(machineName); // the option accepts only catalogue names
            int maxBits = definition.MaxWordBits(format);
            long steps = parse.GetValue(maxSteps);
            bool saturating = parse.GetValue(saturate);
            string replayCommand(int s) => $"looped fuzz --replay {s} --machine {machineName} --mixer {mixerName} --dtype {format.Name()} --max-steps {steps}{(saturating ? " --saturate" : "")}";

            Program Generate(int s)
            {
                try
                {
                    return definition.FuzzProgram(s, maxBits, saturating);
                }
                catch (ArgumentException e)
                {
                    throw new CliException(e.Message, ExitCodes.UsageError);
                }
            }
            MachineSession Open(Program program, int batch) =>
                MachineRunner.Open(program, MachineRunner.Compile(program, definition, format, mixer: mixerKind), on, parse.GetValue(engine)!, parse.GetValue(threads)!, describeTo: null, batch);

            if (parse.GetValue(replay) is int replaySeed)
            {
                var program = Generate(replaySeed);
                Console.WriteLine($"{program.Name}: memory [{string.Join(", ", program.InitialMemory)}]");
                for (int i = 0; i < program.Instructions.Count; i++) Console.WriteLine($"  {i,3}  {program.Instructions[i]}");
                using var session = Open(program, 1);
                var result = MachineRunner.Verify(session, program.InitialMemory, steps);
                if (result.Divergence is not null) return ExitCodes.Diverged;
                Console.WriteLine($"seed {replaySeed}: no divergence in {result.Steps:N0} steps ({(result.Status == RunStatus.Halted ? "halted" : "step limit")})");
                return ExitCodes.Success;
            }

            int count = parse.GetValue(programs), first = parse.GetValue(seed);
            Generate(first); // a machine that cannot make these programs (--saturate) says so before the header
            Console.WriteLine($"lockstep fuzzing: {count:N0} random programs{(saturating ? " (saturating)" : "")}, seeds {first}..{first + count - 1}, machine {machineName}, {mixerName} mixer, {format.Name()}, up to {steps} steps each, " +
                $"as batches of up to {RandomPrograms.ShapeBlock} programs of one shape");
            var summary = Interruption.Watch(() => LockstepFuzz.Run(first, count, Generate, Open, steps,
                failed: f =>
                {
                    Console.WriteLine($"FAILED seed {f.Seed} ({f.Program.Name}): {MachineRunner.Describe(f.Program, f.Divergence)}");
                    Console.WriteLine($"  replay: {replayCommand(f.Seed)}");
                },
                progress: sofar =>
                {
                    Console.Error.WriteLine($"  {sofar.Programs:N0} programs, {sofar.StepsCompared:N0} steps, {sofar.Halted:N0} halted, {sofar.Failures.Count} failed, {sofar.Elapsed.TotalSeconds:F0} s");
                    return !Interruption.Requested;
                }));
            var failed = summary.Failures.Select(f => f.Seed).ToList();
            bool interrupted = summary.Programs < count;
            Console.WriteLine($"{summary.Programs:N0} programs{(interrupted ? $" (seeds {first}..{first + summary.Programs - 1}, of {count:N0} asked)" : "")}, " +
                $"{summary.StepsCompared:N0} steps compared, {summary.Halted:N0} halted, {failed.Count} failed, in {summary.Elapsed.TotalSeconds:F1} s");
            if (failed.Count == 0)
                return interrupted ? throw new CliException($"interrupted after {summary.Programs:N0} programs; the line above sums them", ExitCodes.Interrupted) : ExitCodes.Success;
            Console.WriteLine($"failed seeds: {string.Join(", ", failed.Take(50))}{(failed.Count > 50 ? ", …" : "")}; replay one with: {replayCommand(failed[0])}");
            return ExitCodes.Diverged;
        }));
        return command;
    }
}
