using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using LoopedComputer.Compiler.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>`looped bench`: loops per second on the transformer, beside the interpreter's steps per second, in one run.</summary>
static class BenchCommand
{
    sealed record Row(string Program, string Machine, string Mixer, string Device, string Dtype, int Columns, int Rows,
        long Loops, double LoopsPerSecond, double InterpreterStepsPerSecond);

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("programs") { Description = "programs to time (default: factorial(7))", Arity = ArgumentArity.ZeroOrMore };
        var machines = new Option<string[]>("--machine", "-m")
        {
            Description = $"machines to time (repeatable; default: all of {string.Join(", ", MachineCatalog.Names)}); programs a machine cannot run are skipped",
            DefaultValueFactory = _ => MachineCatalog.Names.ToArray(),
            AllowMultipleArgumentsPerToken = true,
        };
        var dtype = Options.Dtype();
        var device = Options.Device();
        var random = new Option<int[]>("--random-columns")
        {
            Description = "also time random SUBLEQ programs with about this many columns (repeatable)",
            DefaultValueFactory = _ => [512],
            AllowMultipleArgumentsPerToken = true,
        };
        var loops = new Option<long>("--loops") { Description = "loops per timed run of a program that does not halt sooner", DefaultValueFactory = _ => 1_000_000 };
        var randomLoops = new Option<long>("--random-loops") { Description = "loops per timed run of a random program", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "print the table as JSON" };
        var command = new Command("bench", "Measure loops/s of the looped transformer, with the reference interpreter's steps/s beside it")
        {
            files, machines, dtype, device, random, loops, randomLoops, json,
        };
        command.SetAction(parse => Cli.Run(() =>
        {
            var format = NumberFormats.Parse(parse.GetValue(dtype)!);
            var target = TorchBackend.ResolveDevice(parse.GetValue(device)!);
            var cases = new List<(Program Program, long[] Memory, string Label, long MaxLoops)>();
            var given = parse.GetValue(files) ?? [];
            if (given.Length == 0)
            {
                var factorial = Loader.Load(new FileInfo(Path.Combine(AppContext.BaseDirectory, "programs", "factorial.lasm")));
                cases.Add((factorial, factorial.MemoryWith([CellAssignment.Parse("n=7")]), "factorial(7)", parse.GetValue(loops)));
            }
            foreach (var file in given)
            {
                var program = Loader.Load(file);
                cases.Add((program, program.InitialMemory.ToArray(), program.Name, parse.GetValue(loops)));
            }
            foreach (int columns in parse.GetValue(random) ?? [])
            {
                int cells = Math.Max(2, (columns - 1) / 2), instructions = Math.Max(2, columns - 1 - cells);
                var program = RandomPrograms.Subleq(new Random(columns), 8, cells, instructions, endless: true);
                cases.Add((program, program.InitialMemory.ToArray(), $"random n={columns}", parse.GetValue(randomLoops)));
            }
            var rows = new List<Row>();
            foreach (var machine in parse.GetValue(machines)!)
                foreach (var c in cases)
                {
                    CompiledMachine compiled;
                    try
                    {
                        compiled = MachineCatalog.Compile(c.Program, machine, format);
                    }
                    catch (ArgumentException e)
                    {
                        Console.Error.WriteLine($"skipped {c.Label} on {machine}: {e.Message}");
                        continue;
                    }
                    rows.Add(Measure(c.Program, c.Memory, c.Label, compiled, target, c.MaxLoops));
                }
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
            else Print(rows);
            return ExitCodes.Success;
        }));
        return command;
    }

    static Row Measure(Program program, long[] memory, string label, CompiledMachine machine, TorchSharp.torch.Device device, long maxLoops)
    {
        using var session = new MachineSession(program, machine, device);
        session.Run(memory, Math.Min(maxLoops, 20)); // warm-up
        var best = Enumerable.Range(0, 3).Select(_ => session.Run(memory, maxLoops)).MaxBy(r => r.LoopsPerSecond)!;
        return new Row(label, machine.Name, "softmax", device.type.ToString().ToLowerInvariant(), machine.Format.Name(),
            machine.Layout.Columns, machine.Layout.Rows, best.Loops, best.LoopsPerSecond, InterpreterRate(program, memory, maxLoops));
    }

    static double InterpreterRate(Program program, long[] memory, long maxSteps)
    {
        long steps = 0;
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 200) steps += Interpreter.Run(program, memory.ToArray(), maxSteps).Steps;
        return steps / clock.Elapsed.TotalSeconds;
    }

    static void Print(List<Row> rows)
    {
        Console.WriteLine($"{"program",-16} {"machine",-13} {"mixer",-8} {"device",-6} {"dtype",-8} {"n",6} {"d",5} {"loops",7} {"loops/s",10} {"interp steps/s",15}");
        foreach (var r in rows)
            Console.WriteLine($"{r.Program,-16} {r.Machine,-13} {r.Mixer,-8} {r.Device,-6} {r.Dtype,-8} {r.Columns,6} {r.Rows,5} {r.Loops,7} {r.LoopsPerSecond,10:N0} {r.InterpreterStepsPerSecond,15:N0}");
    }
}
