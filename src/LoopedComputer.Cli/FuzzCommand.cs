using System.CommandLine;
using System.Diagnostics;
using LoopedComputer.Compiler.Machines;
using LoopedComputer.Compiler.Machines.Fleq;
using LoopedComputer.Compiler.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>
/// `looped fuzz`: the lockstep property suite as a command. Random programs, each wholly determined
/// by its seed (RandomPrograms.FromSeed), run on the transformer and the interpreter in lockstep;
/// a failure prints its seed and the command that replays it.
/// </summary>
static class FuzzCommand
{
    public static Command Create()
    {
        var programs = new Option<int>("--programs", "-n") { Description = "how many random programs to verify", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "seed of the first program; program i has seed + i", DefaultValueFactory = _ => 1 };
        var replay = new Option<int?>("--replay") { Description = "verify only the program of this seed, printing it and each divergence in full" };
        var maxSteps = new Option<long>("--max-steps") { Description = "steps compared per program (random programs need not halt)", DefaultValueFactory = _ => 100 };
        var machine = Options.Machine();
        var mixer = Options.Mixer();
        var dtype = Options.Dtype();
        var device = Options.Device();
        var command = new Command("fuzz", "Verify random programs on the transformer in lockstep with the interpreter; a failure prints its seed and a replay command")
        {
            programs, seed, replay, maxSteps, machine, mixer, dtype, device,
        };
        command.SetAction(parse => Cli.Run(() =>
        {
            string machineName = parse.GetValue(machine)!, dtypeName = parse.GetValue(dtype)!, mixerName = parse.GetValue(mixer)!;
            var mixerKind = Options.ParseMixer(mixerName);
            NumberFormat format;
            TorchSharp.torch.Device on;
            try
            {
                format = NumberFormats.Parse(dtypeName);
                on = TorchBackend.ResolveDevice(parse.GetValue(device)!);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new CliException(e.Message);
            }
            bool fleq = machineName switch
            {
                FleqMachine.Name => true,
                PaperSubleqMachine.Name => false,
                _ => throw new CliException($"unknown machine '{machineName}'; machines: {string.Join(", ", MachineCatalog.Names)}"),
            };
            int maxBits = fleq ? FleqMachine.MaxWordBits(format) : PaperSubleqMachine.MaxWordBits(format);
            long steps = parse.GetValue(maxSteps);
            if (steps < 1) throw new CliException("--max-steps must be at least 1");
            string replayCommand(int s) => $"looped fuzz --replay {s} --machine {machineName} --mixer {mixerName} --dtype {dtypeName} --max-steps {steps}";

            VerifyResult Verify(Program program)
            {
                var compiled = MachineCatalog.Compile(program, machineName, format, mixer: mixerKind);
                using var session = new MachineSession(program, compiled, on);
                return Lockstep.Verify(session, program.InitialMemory, steps);
            }

            if (parse.GetValue(replay) is int replaySeed)
            {
                var program = RandomPrograms.FromSeed(replaySeed, fleq, maxBits);
                Console.WriteLine($"{program.Name}: memory [{string.Join(", ", program.InitialMemory)}]");
                for (int i = 0; i < program.Instructions.Count; i++) Console.WriteLine($"  {i,3}  {program.Instructions[i]}");
                var result = Verify(program);
                if (result.Divergence is { } d)
                {
                    Console.WriteLine(TransformerCommands.Describe(program, d));
                    return ExitCodes.Diverged;
                }
                Console.WriteLine($"seed {replaySeed}: no divergence in {result.Steps:N0} steps ({(result.Status == RunStatus.Halted ? "halted" : "step limit")})");
                return ExitCodes.Success;
            }

            int count = parse.GetValue(programs), first = parse.GetValue(seed);
            if (count < 1) throw new CliException("--programs must be at least 1");
            Console.WriteLine($"lockstep fuzzing: {count:N0} random programs, seeds {first}..{first + count - 1}, machine {machineName}, {mixerName} mixer, {format.Name()}, up to {steps} steps each");
            var clock = Stopwatch.StartNew();
            var failed = new List<int>();
            long verifiedSteps = 0;
            int halted = 0;
            for (int i = 0; i < count; i++)
            {
                int programSeed = first + i;
                var program = RandomPrograms.FromSeed(programSeed, fleq, maxBits);
                var result = Verify(program);
                verifiedSteps += result.Steps;
                if (result.Status == RunStatus.Halted) halted++;
                if (result.Divergence is { } d)
                {
                    failed.Add(programSeed);
                    Console.WriteLine($"FAILED seed {programSeed} ({program.Name}): {TransformerCommands.Describe(program, d)}");
                    Console.WriteLine($"  replay: {replayCommand(programSeed)}");
                }
                if ((i + 1) % 100 == 0) Console.Error.WriteLine($"  {i + 1:N0} programs, {failed.Count} failed, {clock.Elapsed.TotalSeconds:F0} s");
            }
            Console.WriteLine($"{count:N0} programs, {verifiedSteps:N0} steps compared, {halted:N0} halted, {failed.Count} failed, in {clock.Elapsed.TotalSeconds:F1} s");
            if (failed.Count == 0) return ExitCodes.Success;
            Console.WriteLine($"failed seeds: {string.Join(", ", failed.Take(50))}{(failed.Count > 50 ? ", …" : "")}; replay one with: {replayCommand(failed[0])}");
            return ExitCodes.Diverged;
        }));
        return command;
    }
}
